"""Benchmark the insight analytics (issue 6) on a generated province.

Migrates a fresh database, generates N staff with a year of published
evaluations (the generator plants copied self-reviews, lenient units, uniform
evaluators, evaluators cutting self-assessed points, units inflating their
annual levels and favouring heads, and returns what it planted) and, with
--task-months, their tasks; creates the demo logins and analyses the tables.
The planted truth is written to a JSON file (--truth) so that `--reuse` can
read it back.

Then, as the demo `personnel` user (whose scope is the whole province):

1. each detector in a run of its own over the province root for the year of
   the evaluations, queued by the service (`start_run`) and executed here, in
   this process (`execute_run`, the worker's job), timed; its findings matched
   against the planted cases: precision and recall where the generator plants
   that case, the number of findings (false alarms) where it plants none;
2. the dashboards through the whole Django stack with the test client: the
   province's first view without stored figures (the being-computed page,
   which queues the worker), the worker's job alone (`refresh_snapshot`), then
   the province from its snapshot, and one department's (as personnel and as
   the demo head), median and p95, each checked to be a dashboard, with the
   freshness line the page shows.

    python bench/insight.py --staff 3000                          # SQLite, temporary directory
    python -m devtools.pgtmp run -- python bench/insight.py --staff 130000 --db postgres \\
        --json /tmp/bench-insight-130k.json

The reference date defaults to 2026-01-01, so the twelve months of evaluations
are the calendar year 2025 and one run per detector covers all of them.

How a finding is matched (ids from the truth):
- copied between colleagues: a finding names two sheets; it is right when both
  belong to one planted group (a source and its copies, joined by the planted
  pairs: with two copies of one text the detector may pair the copies); a
  planted pair is found when its copy is in a right finding. "strict" counts
  only the exact pairs;
- repeated: the same, with the person's planted chain of months;
- template: a finding names one sheet and the template; right when that sheet
  was planted as a copy of that template;
- lenient: the units of the unit findings against the planted units (the
  evaluator findings are counted beside);
- uniform: the evaluators (user ids) of the findings against the planted ones;
- self_gap: the evaluators (user ids) of the findings against the planted
  evaluators who cut 5–8 general points;
- inflation: the units of the findings against the planted inflating units
  (annual levels rising each year);
- favouritism: the heads (persons) of the findings about excellent ratings
  against the planted heads (the planning and appointment findings, where
  nothing is planted, are counted beside).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import statistics
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from run import ROOT, configure  # sets sys.path

DETECTORS = ("copied", "lenient", "uniform", "self_gap", "inflation", "favouritism")
FRESHNESS = re.compile(r'<p[^>]*id="freshness"[^>]*>(.*?)</p>', re.S)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--staff", type=int, default=3000)
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", default="2026-01-01", help="reference date")
    parser.add_argument(
        "--task-months", type=int, default=12, help="months of tasks (0: none)"
    )
    parser.add_argument("--repeat", type=int, default=20, help="timed requests a page")
    parser.add_argument(
        "--cold-repeat",
        type=int,
        default=3,
        help="timed cold province requests and snapshot refreshes",
    )
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests first")
    parser.add_argument(
        "--detectors", default=",".join(DETECTORS), help="comma-separated detectors"
    )
    parser.add_argument("--reuse", action="store_true", help="skip the set-up")
    parser.add_argument("--truth", type=Path, help="the planted truth (JSON)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if args.truth is None:
        base = args.json or ROOT / "var" / f"bench-insight-{args.staff}.json"
        base.parent.mkdir(parents=True, exist_ok=True)
        args.truth = base.with_name(base.stem + "-truth.json")
    return args


def say(message: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S', time.gmtime())}] {message}", flush=True)


def prepare(args: argparse.Namespace, today: date) -> dict[str, Any]:
    """Migrate, generate the province with its evaluations, the logins; analyse."""
    from dataclasses import asdict

    from django.core.management import call_command
    from django.db import connection

    from canbo.demo.generate import generate_province
    from canbo.demo.setup import ensure_demo

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter()
    summary = generate_province(
        staff=args.staff, seed=args.seed, today=today, progress=say,
        task_months=args.task_months, evaluations=True,
    )  # fmt: skip
    generated = time.perf_counter()
    ensure_demo(today=today, progress=say)
    logins = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
        )
    analysed = time.perf_counter()
    made = summary.evaluations
    assert made is not None
    args.truth.write_text(json.dumps(asdict(made.truth)))
    return {
        "today": today.isoformat(),
        "migrate_s": round(migrated - started, 1),
        "generate_s": round(generated - migrated, 1),
        "of_which_evaluations_s": round(made.seconds, 1),
        "logins_s": round(logins - generated, 1),
        "analyze_s": round(analysed - logins, 1),
        "staff": summary.staff,
        "units": summary.units,
        "tasks": summary.tasks.tasks if summary.tasks else 0,
        "of_which_tasks_s": round(summary.tasks.seconds, 1) if summary.tasks else 0,
        "month_sheets": made.sheets,
        "year_sheets": made.year_sheets,
    }


def load_truth(path: Path) -> dict[str, Any]:
    truth: dict[str, Any] = json.loads(path.read_text())
    truth["template_sheets"] = {int(k): v for k, v in truth["template_sheets"].items()}
    return truth


# --- matching -------------------------------------------------------------------


def groups(pairs: Iterable[Iterable[int]]) -> dict[int, int]:
    """Sheet id -> its group (the smallest id of the pairs joined together)."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


def ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def match_pairs(
    planted: list[list[int]], found: list[tuple[int, int]]
) -> dict[str, Any]:
    """Precision and recall of found sheet pairs against planted (source, copy) pairs."""
    group = groups(planted)
    exact = {frozenset(p) for p in planted}
    right = [
        (a, b) for a, b in found if a in group and b in group and group[a] == group[b]
    ]
    in_right = {x for pair in right for x in pair}
    copies_found = sum(1 for _source, copy in planted if copy in in_right)
    strict = sum(1 for a, b in found if frozenset((a, b)) in exact)
    return {
        "planted": len(planted),
        "findings": len(found),
        "right": len(right),
        "precision": ratio(len(right), len(found)),
        "recall": ratio(copies_found, len(planted)),
        "strict_precision": ratio(strict, len(found)),
        "strict_recall": ratio(strict, len(planted)),
    }


def match_sets(planted: Iterable[int], found: Iterable[int]) -> dict[str, Any]:
    want, got = set(planted), set(found)
    hit = len(want & got)
    return {
        "planted": len(want),
        "findings": len(got),
        "right": hit,
        "precision": ratio(hit, len(got)),
        "recall": ratio(hit, len(want)),
    }


def score_copied(rows: list[Any], truth: dict[str, Any]) -> dict[str, Any]:
    """The copied run's findings against the planted copies, by kind."""
    scored: dict[str, Any] = {}
    colleagues, repeated = [], []
    template_hits, template_found = 0, 0
    planted_template = {
        sheet: template
        for template, sheets in truth["template_sheets"].items()
        for sheet in sheets
    }
    for detector, _unit, _person, evidence in rows:
        if detector == "template":
            template_found += 1
            sheet = evidence["sheets"][0]
            template_hits += planted_template.get(sheet) == evidence["template"]
        elif evidence.get("kind") == "colleagues":
            colleagues.append(tuple(evidence["sheets"]))
        elif evidence.get("kind") == "repeated":
            repeated.append(tuple(evidence["sheets"]))
    scored["copied (colleagues)"] = match_pairs(truth["copied_pairs"], colleagues)
    scored["copied (repeated)"] = match_pairs(truth["repeated_pairs"], repeated)
    found_sheets = {e["sheets"][0] for d, _u, _p, e in rows if d == "template"}
    scored["copied (template)"] = {
        "planted": len(planted_template),
        "findings": template_found,
        "right": template_hits,
        "precision": ratio(template_hits, template_found),
        "recall": ratio(len(found_sheets & set(planted_template)), len(planted_template)),
    }  # fmt: skip
    return scored


def score(name: str, run_id: int, truth: dict[str, Any]) -> dict[str, Any]:
    """The findings of one run, matched against the planted truth."""
    from canbo.accounts.models import User
    from canbo.integrity.models import Finding

    rows = list(
        Finding.objects.filter(run_id=run_id).values_list(
            "detector", "unit_id", "person_id", "evidence"
        )
    )
    scored: dict[str, Any] = {}
    if name == "copied":
        scored.update(score_copied(rows, truth))
    elif name == "lenient":
        units = [u for _d, u, _p, e in rows if e.get("subject") == "unit"]
        scored["lenient (units)"] = match_sets(truth["lenient_units"], units)
        scored["lenient (units)"]["evaluator_findings"] = len(rows) - len(units)
    elif name == "uniform":
        users = [e.get("evaluator_user") for _d, _u, _p, e in rows]
        scored["uniform (evaluators)"] = match_sets(
            truth["uniform_evaluators"], [u for u in users if u is not None]
        )
        scored["uniform (evaluators)"]["finding_rows"] = len(rows)
    elif name == "self_gap":
        users = [e.get("evaluator_user") for _d, _u, _p, e in rows]
        scored["self_gap (evaluators)"] = match_sets(
            truth.get("gap_evaluators", []), [u for u in users if u is not None]
        )
    elif name == "inflation":
        scored["inflation (units)"] = match_sets(
            truth.get("inflating_units", []), [u for _d, u, _p, _e in rows]
        )
    elif name == "favouritism":
        heads = dict(
            User.objects.filter(pk__in=truth["favouring_heads"]).values_list(
                "person_id", "pk"
            )
        )
        excellent = [p for _d, _u, p, e in rows if e.get("decision") == "excellent"]
        scored["favouritism (excellent, heads)"] = match_sets(heads, excellent)
        scored["favouritism (excellent, heads)"]["other_findings"] = len(rows) - len(
            excellent
        )
    else:
        subjects = {(u, p) for _d, u, p, _e in rows}
        scored[name] = {
            "planted": 0,
            "findings": len(rows),
            "subjects": len(subjects),
            "false_alarms": len(rows),
        }
    return scored


def run_detector(actor: Any, root: Any, year: int, name: str) -> dict[str, Any]:
    from canbo.integrity.services import execute_run, start_run

    started = time.perf_counter()
    run = start_run(actor=actor, unit=root, year=year, detectors=[name])
    done = execute_run(run.pk)
    seconds = time.perf_counter() - started
    assert done is not None
    return {
        "detector": name,
        "run": run.pk,
        "status": done.status,
        "message": done.message,
        "seconds": round(seconds, 1),
        "findings": done.findings_count,
        "stats": done.stats.get(name, {}),
    }


# --- dashboards -----------------------------------------------------------------


def timed(client: Any, url: str, count: int, before: Any = None) -> list[float]:
    durations = []
    for _ in range(count):
        if before is not None:
            before()
        started = time.perf_counter()
        response = client.get(url)
        durations.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return durations


def figures(label: str, url: str, durations: list[float], page: Any) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = page()
    text = response.content.decode()
    fresh = FRESHNESS.search(text)
    p95 = (
        statistics.quantiles(durations, n=20)[18]
        if len(durations) >= 2
        else durations[0]
    )
    return {
        "page": label,
        "url": url,
        "requests": len(durations),
        "median_ms": round(statistics.median(durations), 1),
        "p95_ms": round(p95, 1),
        "queries": len(captured.captured_queries),
        "kib": round(len(response.content) / 1024, 1),
        "freshness": html.unescape(re.sub(r"<[^>]+>", "", fresh.group(1))).strip()
        if fresh
        else "",
    }


def dashboards(
    args: argparse.Namespace, year: int, report: dict[str, Any]
) -> list[dict[str, Any]]:
    """Time the dashboards; the most wanted figures first, each kept in `report`
    (and the JSON) as soon as it is measured."""
    from django.test import Client
    from django_tasks_db.models import DBTaskResult

    from canbo.accounts.models import User
    from canbo.demo.setup import DEMO_DEPARTMENT_CODE
    from canbo.insight.models import Snapshot
    from canbo.insight.selectors import is_large
    from canbo.insight.services import refresh_snapshot
    from canbo.org.models import Unit

    root = Unit.objects.get(parent__isnull=True, code="AS")
    department = Unit.objects.get(code=DEMO_DEPARTMENT_CODE)
    personnel = Client(HTTP_HOST="127.0.0.1")
    personnel.force_login(User.objects.get(username="personnel"))
    head = Client(HTTP_HOST="127.0.0.1")
    head.force_login(User.objects.get(username="head"))
    province = f"/insight/?unit={root.pk}&year={year}"
    one = f"/insight/?unit={department.pk}&year={year}"
    results: list[dict[str, Any]] = report.setdefault("dashboards", [])

    def keep(result: dict[str, Any]) -> None:
        results.append(result)
        say(json.dumps(result, ensure_ascii=False))
        if args.json:
            args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))

    def drop() -> None:
        Snapshot.objects.filter(unit=root, year=year).delete()
        DBTaskResult.objects.all().delete()  # the queued refreshes: no worker here

    def first_get() -> Any:
        drop()
        return personnel.get(province)

    def dashboard(response: Any) -> Any:
        """The response, checked to be a dashboard (not the being-computed page)."""
        assert b'id="freshness"' in response.content, "not a dashboard"
        return response

    personnel.get("/")  # the process's first request loads templates and catalogues
    say("dashboards: province, first view (no snapshot: the being-computed page)")
    first = timed(personnel, province, args.cold_repeat, before=drop)
    keep(
        figures("province, first view (no snapshot: the being-computed page, "
                "the worker queued)", province, first, first_get)
    )  # fmt: skip
    say("dashboards: snapshot refresh (the worker's job)")
    refresh = []
    snapshot = None
    for _ in range(args.cold_repeat):
        started = time.perf_counter()
        snapshot = refresh_snapshot(root.pk, year)
        refresh.append((time.perf_counter() - started) * 1000)
    assert snapshot is not None
    keep(
        {
            "page": "province snapshot refresh (refresh_snapshot, the task's work)",
            "url": "",
            "requests": len(refresh),
            "median_ms": round(statistics.median(refresh), 1),
            "p95_ms": round(max(refresh), 1),
            "queries": None,
            "kib": None,
            "freshness": f"stored duration_ms {snapshot.duration_ms}",
        }
    )
    say("dashboards: province, from its snapshot")
    timed(personnel, province, args.warmup)
    warm = timed(personnel, province, args.repeat)
    keep(
        figures("province, from its snapshot, as personnel", province, warm,
                lambda: dashboard(personnel.get(province)))
    )  # fmt: skip
    say("dashboards: department")
    Snapshot.objects.filter(unit=department, year=year).delete()
    if is_large(department):
        refresh_snapshot(department.pk, year)
    for label, client in (("personnel", personnel), ("head", head)):
        timed(client, one, args.warmup)
        durations = timed(client, one, args.repeat)
        keep(
            figures(f"department {department.code}, as {label}", one, durations,
                    lambda c=client: dashboard(c.get(one)))
        )  # fmt: skip
    stored = Snapshot.objects.filter(unit=department).count()
    report["department_snapshots"] = stored
    return results


# --- output ---------------------------------------------------------------------


def fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}" if value <= 1 else f"{value:,.1f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def tables(report: dict[str, Any]) -> str:
    lines = [
        "| detector | run s | findings | case | planted | flagged | right | precision | recall |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for run in report["detectors"]:
        for case, m in run["scores"].items():
            lines.append(
                f"| {run['detector']} | {run['seconds']:,.1f} | {fmt(run['findings'])} "
                f"| {case} | {fmt(m.get('planted'))} | {fmt(m.get('findings'))} "
                f"| {fmt(m.get('right'))} | {fmt(m.get('precision'))} "
                f"| {fmt(m.get('recall'))} |"
            )
    lines += [
        "",
        "| page | requests | median ms | p95 ms | queries | KiB | freshness |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for page in report["dashboards"]:
        lines.append(
            f"| {page['page']} | {page['requests']} | {fmt(page['median_ms'])} "
            f"| {fmt(page['p95_ms'])} | {fmt(page['queries'])} | {fmt(page['kib'])} "
            f"| {page['freshness']} |"
        )
    return "\n".join(lines)


def main() -> None:
    args = parse_args()
    configure(args)
    from machine import describe

    today = date.fromisoformat(args.today)
    year = today.year - 1 if today.month == 1 else today.year
    report: dict[str, Any] = {
        "args": {k: str(v) for k, v in vars(args).items()},
        "machine": describe(),
        "year": year,
    }
    if not args.reuse:
        report["setup"] = prepare(args, today)
        print(json.dumps(report["setup"], indent=2), flush=True)
    truth = load_truth(args.truth)

    from canbo.accounts.models import User
    from canbo.core.actor import actor_for
    from canbo.org.models import Unit

    actor = actor_for(User.objects.get(username="personnel"))
    root = Unit.objects.get(parent__isnull=True, code="AS")
    report["detectors"] = []
    for name in args.detectors.split(","):
        say(f"detector {name}")
        run = run_detector(actor, root, year, name)
        run["scores"] = score(name, run["run"], truth)
        say(json.dumps(run, ensure_ascii=False))
        report["detectors"].append(run)
        if args.json:
            args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    dashboards(args, year, report)
    print(tables(report), flush=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))
        print(f"figures written to {args.json}")


if __name__ == "__main__":
    main()
