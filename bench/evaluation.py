"""Benchmark the evaluation close (issue 4) on a database prepared by bench/tasks.py.

For the whole demo province (the `AS` root unit), on the database DATABASE_URL
names (run bench/tasks.py first, on the same server):

1. **Month close**: open October 2026 for the province and create every sheet
   with its task figures and task points (`canbo.evaluation.periods.build_sheets`:
   one aggregate over the tasks, then the sheets in batches).
2. **The floor**: the same figures and task points for the same people, written
   as one hand-tuned SQL statement (an INSERT … SELECT over the tasks into a
   temporary table). The ratio close ÷ floor is reported.
3. **The year**: eleven more months are closed the same way and published (each
   person's score = 24 general points + the task points), then a year period is
   opened and `propose_year` works out the annual means, disqualifiers, quotas
   and head caps for everyone.

    python -m devtools.pgtmp run -- sh -c \\
        'python bench/tasks.py --staff 130000 --db postgres && python bench/evaluation.py'
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date
from pathlib import Path
from typing import Any

from run import ROOT, configure  # noqa: F401  (sets sys.path)

FLOOR_SQL = """
CREATE TEMP TABLE floor_sheets AS
SELECT p.id AS person_id, t.assigned, t.completed, t.quality, t.progress,
       t.failed, t.delays,
       ROUND(70 * (t.completed + t.quality + t.progress) / NULLIF(t.assigned, 0) / 3, 2)
         AS task_points
FROM people_person p
LEFT JOIN (
  SELECT assignee_id,
         SUM(converted_quantity) AS assigned,
         SUM(done) AS completed,
         SUM(done * GREATEST(0, 1 - 0.25 * failed_reviews)) AS quality,
         SUM(done * GREATEST(0, 1 - 0.25 * delay)) AS progress,
         SUM(failed_reviews) AS failed, SUM(delay) AS delays
  FROM (
    SELECT assignee_id, converted_quantity, failed_reviews,
           CASE WHEN status <> 'accepted' THEN 0
                WHEN completed_quantity >= quantity THEN converted_quantity
                ELSE completed_quantity * coefficient END AS done,
           CASE WHEN status = 'accepted' AND late AND NOT delay_excused THEN 1 ELSE 0 END
             AS delay
    FROM work_task
    WHERE unit_path LIKE %(prefix)s AND deadline BETWEEN %(start)s AND %(end)s
      AND status NOT IN ('proposed', 'cancelled') AND assignee_id IS NOT NULL
  ) AS rows
  GROUP BY assignee_id
) AS t ON t.assignee_id = p.id
WHERE p.unit_path LIKE %(prefix)s AND p.is_active
  AND p.category IN ('can_bo', 'cong_chuc', 'vien_chuc')
"""


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--month", type=int, default=10, help="the month to close")
    parser.add_argument("--no-year", action="store_true", help="skip the year")
    parser.add_argument("--json", type=Path)
    return parser.parse_args()


def _actor() -> Any:
    from canbo.accounts.models import User
    from canbo.core.actor import actor_for

    return actor_for(User.objects.get(username="personnel"))


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    end = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return date(year, month, 1), date.fromordinal(end.toordinal() - 1)


def open_and_close(root: Any, kind: str, start: date, end: date) -> tuple[Any, float]:
    """Open a period as the services do, then time the creation of its sheets."""
    from django.db import transaction

    from canbo.evaluation.models import Period
    from canbo.evaluation.periods import build_sheets

    with transaction.atomic():
        period = Period.objects.create(
            unit=root, unit_path=root.path, kind=kind, start=start, end=end,
            self_deadline=end, review_deadline=end, decision_deadline=end,
            opened_by=_actor().user,
        )  # fmt: skip
    started = time.perf_counter()
    build_sheets(period.pk)
    return period, time.perf_counter() - started


def floor(root: Any, start: date, end: date) -> tuple[float, int]:
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(
            FLOOR_SQL, {"prefix": root.path + "%", "start": start, "end": end}
        )
        seconds = time.perf_counter() - started
        cursor.execute("SELECT count(*) FROM floor_sheets")
        (rows,) = cursor.fetchone()
        cursor.execute("DROP TABLE floor_sheets")
    return seconds, int(rows)


def publish_with_scores(period: Any) -> None:
    """Publish a closed month: everyone with a task score gets 24 general points."""
    from django.db.models import F

    from canbo.evaluation.models import Period, Sheet

    Sheet.objects.filter(period=period, task_points__isnull=False).update(
        score=F("task_points") + 24, status=Sheet.Status.DECIDED
    )
    Period.objects.filter(pk=period.pk).update(status=Period.Status.PUBLISHED)


def main() -> None:
    args = parse_args()
    configure(argparse.Namespace(db="postgres", staff=0, reuse=True))
    from canbo.demo.setup import DEMO_ROOT_CODE
    from canbo.evaluation.models import Sheet
    from canbo.org.models import Unit

    root = Unit.objects.get(code=DEMO_ROOT_CODE)
    start, end = _month_bounds(args.year, args.month)
    period, close_s = open_and_close(root, "month", start, end)
    sheets = Sheet.objects.filter(period=period).count()
    floor_s, floor_rows = floor(root, start, end)
    print(f"month close {start:%Y-%m}: {sheets:,} sheets in {close_s:.1f} s")
    print(f"floor (one SQL statement): {floor_rows:,} rows in {floor_s:.1f} s")
    print(f"ratio close / floor: {close_s / floor_s:.1f}")
    figures: dict[str, Any] = {
        "month": f"{start:%Y-%m}", "sheets": sheets, "close_s": round(close_s, 1),
        "floor_rows": floor_rows, "floor_s": round(floor_s, 2),
        "ratio": round(close_s / floor_s, 1),
    }  # fmt: skip
    if not args.no_year:
        figures.update(the_year(args, root, period))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


def the_year(args: argparse.Namespace, root: Any, first: Any) -> dict[str, Any]:
    from django.db import connection

    from canbo.evaluation.models import Period
    from canbo.evaluation.year import propose_year

    publish_with_scores(first)
    closes = []
    for month in range(1, 13):
        if month == args.month:
            continue
        period, seconds = open_and_close(
            root, "month", *_month_bounds(args.year, month)
        )
        publish_with_scores(period)
        closes.append(seconds)
        print(f"  month {month:02d} closed in {seconds:.1f} s", flush=True)
    year, year_sheets_s = open_and_close(
        root, "year", date(args.year, 1, 1), date(args.year, 12, 31)
    )
    year.status = Period.Status.OPEN
    year.save(update_fields=["status"])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE evaluation_sheet")
    started = time.perf_counter()
    count = propose_year(actor=_actor(), period=year)
    classify_s = time.perf_counter() - started
    print(
        f"year: {count:,} sheets created in {year_sheets_s:.1f} s, classified in {classify_s:.1f} s"
    )
    return {
        "other_closes_s": [round(s, 1) for s in closes],
        "year_sheets_s": round(year_sheets_s, 1),
        "year_classify_s": round(classify_s, 1),
        "year_people": count,
    }


if __name__ == "__main__":
    main()
