"""Benchmark the exports (issue 6, reports) on a generated province.

Migrates a fresh database, generates N staff (with their careers records and,
with --evaluations, a year of published evaluations), creates the demo logins,
analyses the tables, then, as the demo `personnel` user whose scope is the
whole province, asks for each export through the service and writes its file
(the task's work, run in this process): the seconds, the rows, the file size and
the growth of the process's peak memory.

    python bench/reports.py --staff 130000
    python bench/reports.py --staff 20000 --evaluations
    python -m devtools.pgtmp run -- python bench/reports.py --staff 130000 --db postgres
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from datetime import date
from pathlib import Path
from typing import Any

from run import configure  # sets sys.path


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--staff", type=int, default=3000)
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", default="2026-11-22", help="reference date")
    parser.add_argument("--evaluations", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    return parser.parse_args()


def prepare(args: argparse.Namespace, today: date) -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import connection

    from canbo.demo.generate import generate_province
    from canbo.demo.setup import ensure_demo

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    summary = generate_province(
        staff=args.staff, seed=args.seed, today=today,
        evaluations=args.evaluations, progress=lambda m: print(f"  {m}", flush=True),
    )  # fmt: skip
    ensure_demo(today=today, progress=lambda m: None)
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
        )
    return {"staff": summary.staff, "units": summary.units,
            "setup_s": round(time.perf_counter() - started, 1)}  # fmt: skip


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_export(
    actor: Any, kind: str, params: dict[str, Any], fmt: str
) -> dict[str, Any]:
    from django.test import override_settings

    from canbo.reports import services
    from canbo.reports.models import Export

    before = peak_mib()
    started = time.perf_counter()
    # Queue it (as a large export would be) and write it here, as the worker does.
    with override_settings(EXPORT_DIRECT_ROWS=0):
        export = services.request_export(actor=actor, kind=kind, params=params, fmt=fmt)
    asked = time.perf_counter()
    services.write_export(export.pk)
    done = time.perf_counter()
    export = Export.objects.get(pk=export.pk)
    return {
        "export": f"{kind} ({fmt})", "status": export.status, "rows": export.rows_done,
        "ask_s": round(asked - started, 2), "write_s": round(done - asked, 2),
        "kib": round(export.file.size / 1024, 1) if export.file else 0,
        "peak_growth_mib": round(peak_mib() - before, 1),
    }  # fmt: skip


def main() -> None:
    args = parse_args()
    configure(args)
    today = date.fromisoformat(args.today)
    report: dict[str, Any] = {"db": args.db, "setup": prepare(args, today)}
    print(json.dumps(report["setup"]), flush=True)

    from canbo.accounts.models import User
    from canbo.core.actor import actor_for
    from canbo.demo.setup import DEMO_DEPARTMENT_CODE
    from canbo.org.models import Unit

    actor = actor_for(User.objects.get(username="personnel"))
    root = Unit.objects.get(code="AS").pk
    department = Unit.objects.get(code=DEMO_DEPARTMENT_CODE).pk
    year = today.year - 1
    runs = [
        ("staff", {"unit": root}, "xlsx"),
        ("staff", {"unit": department}, "xlsx"),
        ("levels", {"unit": root, "year": year}, "xlsx"),
        ("levels", {"unit": root, "year": year}, "pdf"),
        ("structure", {"unit": root}, "xlsx"),
        ("structure", {"unit": department}, "pdf"),
        ("coverage", {"unit": root, "year": today.year}, "xlsx"),
        ("retirements", {}, "xlsx"),
        ("rotation_due", {}, "xlsx"),
        ("raises_due", {}, "xlsx"),
        ("training_gaps", {}, "xlsx"),
        ("trust_flagged", {}, "xlsx"),
    ]
    results = []
    for kind, params, fmt in runs:
        result = run_export(actor, kind, {k: str(v) for k, v in params.items()}, fmt)
        print(json.dumps(result, ensure_ascii=False), flush=True)
        results.append(result)
    report["exports"] = results
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
