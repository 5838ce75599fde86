"""Demo records for a generated province: salary step dates for everyone, and
discipline (about 0.5 % of staff decided in the last 3 years, mostly khiển
trách; about 0.1 % under review). Deterministic from the seed, set-based."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.utils import timezone

from canbo.core.bulk import bulk_insert
from canbo.demo.generate.tasks import system_user
from canbo.discipline.models import Discipline
from canbo.people.models import Person
from canbo.policy.discipline import Form, add_months, period_end

DECIDED_SHARE = 0.005
REVIEW_SHARE = 0.001
VIOLATIONS = (
    "Chậm giải quyết hồ sơ thủ tục hành chính quá hạn nhiều lần",
    "Vi phạm quy định về giờ giấc làm việc",
    "Thiếu trách nhiệm trong quản lý tài sản công",
    "Vi phạm quy trình thẩm định hồ sơ",
    "Sử dụng xe công không đúng mục đích",
    "Vi phạm quy định về tiếp công dân",
)
COLUMNS = (
    "person", "unit", "unit_path", "stage", "form", "violation", "violation_date",
    "duty_related", "severity", "review_started", "decision_ref", "decision_date",
    "effective_from", "effective_until", "note", "version", "created_by",
    "created_at", "updated_at",
)  # fmt: skip
LOWER_LEVEL = {Person.Education.NONE, Person.Education.SECONDARY,
               Person.Education.VOCATIONAL}  # fmt: skip


def _interval(education: str, state_management: str) -> int:
    if state_management == Person.StateManagement.SENIOR:
        return 60
    return 24 if education in LOWER_LEVEL else 36


def _step_dates(people: list[tuple[Any, ...]], today: date, rng: random.Random) -> int:
    """One UPDATE per (month, interval): everyone's step began on the 1st of a
    month spread evenly over their interval, so 1/12 of the 36-month people come
    due in each quarter."""
    first = today.replace(day=1)
    groups: dict[tuple[date, int], list[int]] = defaultdict(list)
    for pk, education, state_management, _unit, _path in people:
        months = _interval(education, state_management)
        groups[(add_months(first, -rng.randrange(months)), months)].append(pk)
    for (since, months), ids in groups.items():
        Person.objects.filter(pk__in=ids).update(
            salary_step_since=since, salary_interval_months=months
        )
    return len(people)


def _record(
    person: tuple[Any, ...],
    today: date,
    rng: random.Random,
    user: int,
    *,
    decided: bool,
) -> tuple[Any, ...]:
    pk, _education, _sm, unit_id, path = person
    now = today - timedelta(days=rng.randrange(20, 3 * 365 if decided else 80))
    violation = now - timedelta(days=rng.randrange(30, 200))
    review = now - timedelta(days=rng.randrange(10, 60)) if decided else now
    review = max(review, violation)
    form = ""
    ref, decision, start, until = "", None, None, None
    if decided:
        form = Form.REPRIMAND if rng.random() < 0.8 else Form.WARNING
        ref, decision, start = f"{rng.randrange(1, 400)}/QĐ-KL", now, now
        until = period_end(form, now)
    stage = Discipline.Stage.DECIDED if decided else Discipline.Stage.REVIEW
    moment = datetime.combine(now, time(8), tzinfo=timezone.get_current_timezone())
    stamp = connection.ops.adapt_datetimefield_value(moment)
    return (
        pk, unit_id, path, stage, str(form), rng.choice(VIOLATIONS), violation,
        rng.random() < 0.9, Discipline.Severity.MINOR, review, ref, decision, start,
        until, "", 1, user, stamp, stamp,
    )  # fmt: skip


def generate(*, root_path: str, today: date, seed: int) -> int:
    """Return the rows written: people given a step date, and discipline records."""
    rng = random.Random(f"discipline-{seed}")  # noqa: S311 - demo data, not secrets
    found = Person.objects.filter(unit_path__startswith=root_path).order_by("pk")
    fields = ("pk", "education", "state_management", "unit_id", "unit_path")
    written = _step_dates(list(found.values_list(*fields)), today, rng)
    active = list(found.filter(is_active=True).values_list(*fields))
    decided = rng.sample(active, round(len(active) * DECIDED_SHARE))
    taken = {person[0] for person in decided}
    rest = [person for person in active if person[0] not in taken]
    reviewed = rng.sample(rest, round(len(active) * REVIEW_SHARE))
    user = system_user()
    rows = [_record(p, today, rng, user, decided=True) for p in decided]
    rows += [_record(p, today, rng, user, decided=False) for p in reviewed]
    bulk_insert(Discipline, COLUMNS, rows)
    return written + len(rows)
