"""Benchmark the careers due lists (issue 5) on a generated province.

Migrates a fresh database, generates N staff (no tasks) with their careers
records (canbo.demo.generate.careers: salary step dates, discipline, training,
trust votes, appointment terms, planning pools, positions subject to rotation),
creates the demo logins, analyses the tables, then times each list a personnel
officer acts on through the whole Django stack with the test client, logged in
as the demo `personnel` user whose scope is the whole province: warm-up
requests, timed requests, and the SQL queries of one more request.

    python bench/careers.py --staff 3000                      # SQLite, temporary directory
    python -m devtools.pgtmp run -- python bench/careers.py --staff 130000 --db postgres

`--reuse` measures the database DATABASE_URL names as it is.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from run import ROOT, Result, configure, measure, table  # noqa: F401  (sets sys.path)

CAREER_TABLES = (
    "discipline_discipline",
    "training_training",
    "trust_trustvote",
    "appointments_appointment",
    "planning_planningpool",
    "planning_planningcandidate",
    "rotation_positionchange",
)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--staff", type=int, default=3000)
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", default="2026-11-22", help="reference date")
    parser.add_argument("--repeat", type=int, default=20, help="timed requests a page")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests first")
    parser.add_argument("--explain", action="store_true", help="plans of slow queries")
    parser.add_argument("--reuse", action="store_true", help="skip the set-up")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    return parser.parse_args()


def prepare(args: argparse.Namespace, today: date) -> dict[str, Any]:
    """Migrate, generate staff with their careers records and the logins; analyse."""
    from django.core.management import call_command
    from django.db import connection

    from canbo.demo.generate import generate_province
    from canbo.demo.setup import ensure_demo

    def say(message: str) -> None:
        print(f"  [{time.strftime('%H:%M:%S', time.gmtime())}] {message}", flush=True)

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter()
    summary = generate_province(
        staff=args.staff, seed=args.seed, today=today, progress=say
    )
    generated = time.perf_counter()
    ensure_demo(today=today, progress=say)
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
        )
    return {
        "today": today.isoformat(),
        "migrate_s": round(migrated - started, 1),
        "generate_s": round(generated - migrated, 1),
        "of_which_careers_s": round(summary.careers_seconds, 1),
        "careers_rows": summary.careers,
        "staff": summary.staff,
        "units": summary.units,
    }


def counts() -> dict[str, int]:
    from django.db import connection

    found = {}
    with connection.cursor() as cursor:
        for name in CAREER_TABLES:
            cursor.execute(f"SELECT COUNT(*) FROM {name}")  # noqa: S608 - fixed names
            found[name] = cursor.fetchone()[0]
    return found


def pages(today: date) -> list[tuple[str, str]]:
    """The due lists, for the whole province, then for one department."""
    from canbo.demo.setup import DEMO_DEPARTMENT_CODE
    from canbo.org.models import Unit

    department = Unit.objects.get(code=DEMO_DEPARTMENT_CODE).pk
    year, quarter = (
        (today.year, today.month // 3 + 1) if today.month < 10 else (today.year + 1, 1)
    )
    one = f"year={year}&quarter={quarter}&unit={department}"
    return [
        ("rotation due list", "/rotation/due/"),
        ("appointments: terms ending, retirements, proposals", "/appointments/"),
        ("the same, deep pages", "/appointments/?tpage=5&rpage=40"),
        ("raises due next quarter", "/discipline/salary/"),
        ("planning annual review", f"/planning/review/?year={today.year}"),
        ("people flagged by trust votes", "/trust/flagged/"),
        ("relatives' conflicts", "/trust/conflicts/"),
        ("training gaps", "/training/gaps/"),
        ("rotation due list, one department", f"/rotation/due/?unit={department}"),
        ("raises due, one department", f"/discipline/salary/?{one}"),
    ]


def main() -> None:
    args = parse_args()
    configure(args)
    today = date.fromisoformat(args.today)
    report: dict[str, Any] = {"staff": args.staff, "db": args.db}
    if not args.reuse:
        report["setup"] = prepare(args, today)
        print(json.dumps(report["setup"], indent=2), flush=True)
    report["rows"] = counts()
    print(json.dumps(report["rows"], indent=2), flush=True)

    from django.test import Client

    from canbo.accounts.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="personnel"))
    results: list[Result] = [
        measure(client, label, url, args) for label, url in pages(today)
    ]
    print(table(results), flush=True)
    report["pages"] = [asdict(result) for result in results]
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
