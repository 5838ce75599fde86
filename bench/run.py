"""Benchmark canbo's main pages on a generated province.

Migrates a fresh database, generates N staff with `canbo generate`'s generator,
creates the demo logins, then times repeated requests through the whole Django
stack (middleware, sessions, templates) with the test client, logged in as the
demo `personnel` user whose scope is the whole province. Each page is requested
a few times first (warm caches), then timed; the SQL queries of one more request
are counted separately so that counting does not slow the timed ones.

    python bench/run.py --staff 3000                     # SQLite in a temporary directory
    python bench/run.py --staff 130000 --json var/bench-sqlite-130k.json
    python -m devtools.pgtmp run -- python bench/run.py --staff 130000 --db postgres

With --db postgres the database named by DATABASE_URL is used (it must be empty);
`devtools.pgtmp run` provides a throwaway server. After the bulk load the tables
are vacuumed and analysed (VACUUM ANALYZE) on PostgreSQL, as autovacuum would do
soon after; pass --analyze to run ANALYZE on SQLite too. --explain prints the query plan of each page's slowest
queries.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


@dataclass
class Result:
    page: str
    url: str
    status: int
    median_ms: float
    p95_ms: float
    queries: int
    kbytes: float


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--staff", type=int, default=3000, help="staff to generate (default 3000)"
    )
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--repeat", type=int, default=30, help="timed requests per page (default 30)"
    )
    parser.add_argument(
        "--warmup",
        type=int,
        default=3,
        help="untimed requests per page first (default 3)",
    )
    parser.add_argument(
        "--deep-page", type=int, default=2000, help="the deep page of the staff list"
    )
    parser.add_argument(
        "--analyze", action="store_true", help="run ANALYZE on SQLite too after loading"
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="print the plans of each page's slowest queries",
    )
    parser.add_argument(
        "--json", type=Path, help="also write the figures to this JSON file"
    )
    return parser.parse_args()


def configure(args: argparse.Namespace) -> None:
    """Point Django at the database to benchmark, before it is set up."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ.setdefault("SECRET_KEY", "benchmark-secret-key-not-for-production")
    os.environ["DEBUG"] = "0"
    if args.db == "sqlite":
        os.environ.pop("DATABASE_URL", None)
    elif not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit(
            "--db postgres needs DATABASE_URL; run: "
            "python -m devtools.pgtmp run -- python bench/run.py ..."
        )
    data_dir = Path(tempfile.mkdtemp(prefix="canbo-bench-"))
    (data_dir / "static").mkdir()
    os.environ["DATA_DIR"] = str(data_dir)

    import django

    django.setup()


def prepare(args: argparse.Namespace) -> dict[str, Any]:
    """Migrate, generate the province and the demo logins; return timings and counts."""
    from django.core.management import call_command
    from django.db import connection

    from canbo.demo.generate import DEFAULT_TODAY, generate_province
    from canbo.demo.setup import ensure_demo

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter()
    summary = generate_province(
        staff=args.staff, seed=args.seed, progress=lambda m: print(m, flush=True)
    )
    generated = time.perf_counter()
    ensure_demo(today=DEFAULT_TODAY, progress=print)
    analysed = 0.0
    if connection.vendor == "postgresql" or args.analyze:
        # After a bulk load PostgreSQL's autovacuum would soon vacuum and analyse the
        # new rows (setting the visibility map that index-only scans need); do it now
        # so the figures show the steady state rather than the first minutes.
        with connection.cursor() as cursor:
            cursor.execute(
                "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
            )
        analysed = time.perf_counter() - generated
    return {
        "migrate_s": round(migrated - started, 1),
        "generate_s": round(generated - migrated, 1),
        "analyze_s": round(analysed, 1),
        "units": summary.units,
        "staff": summary.staff,
        "assignments": summary.assignments,
        "relatives": summary.relatives,
    }


def pages(args: argparse.Namespace) -> list[tuple[str, str]]:
    """The pages to time: (label, URL)."""
    from django.urls import reverse

    from canbo.demo.setup import DEMO_DEPARTMENT_CODE
    from canbo.org.models import Unit
    from canbo.people.models import Assignment
    from canbo.people.views import PAGE_SIZE

    root = Unit.objects.get(code="AS")
    department = Unit.objects.get(code=DEMO_DEPARTMENT_CODE)
    deep = min(args.deep_page, -(-args.staff // PAGE_SIZE))
    # A profile with a history: the first person holding two or more assignments.
    person_id = (
        Assignment.objects.filter(end_date__isnull=False)
        .order_by("person_id")
        .values_list("person_id", flat=True)[0]
    )
    staff = reverse("people:list")
    return [
        ("home (dashboard)", reverse("core:home")),
        ("staff list, province, page 1", f"{staff}?unit={root.pk}&subtree=1&page=1"),
        (
            f"staff list, province, page {deep}",
            f"{staff}?unit={root.pk}&subtree=1&page={deep}",
        ),
        ("staff list, department, page 1", f"{staff}?unit={department.pk}&subtree=1"),
        ("name search without diacritics", f"{staff}?q=nguyen+van+an"),
        ("unit page, province (subtree counts)", reverse("org:detail", args=[root.pk])),
        ("unit page, department", reverse("org:detail", args=[department.pk])),
        ("person profile", reverse("people:detail", args=[person_id])),
    ]


def measure(client: Any, label: str, url: str, args: argparse.Namespace) -> Result:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(args.warmup):
        client.get(url)
    durations = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        response = client.get(url)
        durations.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    if args.explain:
        from explain import print_plans

        print_plans(label, captured.captured_queries)
    p95 = (
        statistics.quantiles(durations, n=20)[18]
        if len(durations) >= 2
        else durations[0]
    )
    return Result(
        page=label,
        url=url,
        status=response.status_code,
        median_ms=round(statistics.median(durations), 1),
        p95_ms=round(p95, 1),
        queries=len(captured.captured_queries),
        kbytes=round(len(response.content) / 1024, 1),
    )


def run_pages(args: argparse.Namespace) -> list[Result]:
    from django.test import Client

    from canbo.accounts.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(username="personnel"))
    return [measure(client, label, url, args) for label, url in pages(args)]


def table(results: list[Result]) -> str:
    lines = [
        "| page | median ms | p95 ms | SQL queries | status | KiB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {r.page} | {r.median_ms} | {r.p95_ms} | {r.queries} | {r.status} | {r.kbytes} |"
        for r in results
    ]
    return "\n".join(lines)


def main() -> None:
    args = parse_args()
    configure(args)
    from machine import describe

    machine = describe()
    print(
        f"canbo benchmark: {args.staff:,} staff on {args.db}, {args.repeat} timed requests per page"
    )
    setup = prepare(args)
    print(
        f"  migrate {setup['migrate_s']} s, generate {setup['generate_s']} s, analyze {setup['analyze_s']} s"
    )
    results = run_pages(args)
    print(table(results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload: dict[str, Any] = {
            "args": {k: str(v) for k, v in vars(args).items()},
            "machine": machine,
            "setup": setup,
            "results": [asdict(r) for r in results],
        }
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False))
        print(f"figures written to {args.json}")


if __name__ == "__main__":
    main()
