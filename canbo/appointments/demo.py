"""Demo appointments for a generated province: a term for every leader's current
post (about one in ten ending within six months), a few open proposals and one
competitive selection round. Deterministic from the seed; set-based."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from canbo.appointments.models import Appointment, SelectionCandidate, SelectionRound
from canbo.core.bulk import bulk_insert
from canbo.demo.generate.tasks import system_user
from canbo.people.models import Assignment
from canbo.policy.appointment import term_end
from canbo.policy.discipline import add_months

COLUMNS = (
    "person", "post", "unit", "unit_path", "kind", "source", "status",
    "process_started", "decision_ref", "decision_date", "term_start", "term_end",
    "term_months", "overridden", "justification", "checks", "note", "version",
    "created_by", "created_at", "updated_at", "assignment",
)  # fmt: skip


def _terms(root_path: str, today: date, rng: random.Random, user: int) -> list[tuple]:  # type: ignore[type-arg]
    now = timezone.now()
    rows = (
        Assignment.objects.filter(
            unit__path__startswith=root_path, end_date__isnull=True,
            post__isnull=False, post__is_leadership=True, appointment__isnull=True,
        )
        .order_by("id")
        .values_list("id", "person_id", "post_id", "unit_id", "unit__path", "start_date")
    )  # fmt: skip
    found = []
    for pk, person, post, unit, path, start in rows.iterator():
        if rng.random() < 0.1:
            end = today + timedelta(days=rng.randrange(1, 182))
            begin = add_months(end + timedelta(days=1), -60)
        else:
            begin = today - timedelta(days=rng.randrange(0, 54 * 30))
            end = term_end(begin)
        first = begin <= start + timedelta(days=31)
        kind = Appointment.Kind.FIRST if first else Appointment.Kind.REAPPOINTMENT
        found.append(
            (
                person, post, unit, path, kind, "internal", "approved",
                begin - timedelta(days=45), f"{rng.randrange(1, 999)}/QĐ-UBND",
                begin, begin, end, 60, "[]", "", "[]", "", 1, user, now, now, pk,
            )
        )  # fmt: skip
    return found


def _proposals(
    root_path: str, today: date, rng: random.Random, user: int
) -> list[tuple]:  # type: ignore[type-arg]
    now = timezone.now()
    leaders = (
        Assignment.objects.filter(
            unit__path__startswith=root_path, end_date__isnull=True,
            post__isnull=False, post__is_leadership=True,
        )
        .order_by("unit_id", "-post__rank", "id")
        .values_list("person_id", "unit_id", "unit__path", "post_id")
    )  # fmt: skip
    heads: dict[int, int] = {}
    deputies = []
    for person, unit, path, post in leaders.iterator():
        if unit not in heads:
            heads[unit] = post
        elif post != heads[unit]:
            deputies.append((person, unit, path))
    deputies = deputies[:200]
    rng.shuffle(deputies)
    found: list[tuple] = []  # type: ignore[type-arg]
    for person, unit, path in deputies:
        if unit in heads and len(found) < 5:
            found.append(
                (
                    person, heads[unit], unit, path, "higher", "internal", "proposed",
                    today - timedelta(days=rng.randrange(5, 40)), "", None, None, None,
                    60, "[]", "", "[]", "", 1, user, now, now, None,
                )
            )  # fmt: skip
    return found


@transaction.atomic
def generate(*, root_path: str, today: date, seed: int) -> int:
    """Add the appointments demo data under `root_path`; return the rows written."""
    rng = random.Random(f"appointments-{seed}")  # noqa: S311 - demo data, not secrets
    user = system_user()
    rows = _terms(root_path, today, rng, user) + _proposals(root_path, today, rng, user)
    bulk_insert(Appointment, COLUMNS, rows)
    written = len(rows)
    head = (
        Assignment.objects.filter(
            unit__path__startswith=root_path,
            end_date__isnull=True,
            post__isnull=False,
            post__is_leadership=True,
        )
        .select_related("unit", "post")
        .order_by("-post__rank", "id")
        .first()
    )
    if head is not None and head.post is not None:
        selection = SelectionRound.objects.create(
            post=head.post, unit=head.unit, unit_path=head.unit.path,
            announced_on=today - timedelta(days=20), created_by_id=user,
        )  # fmt: skip
        names = ["Nguyễn Thị Thu Hà", "Trần Quốc Bảo", "Lê Minh Tâm"]
        for rank, name in enumerate(names, start=1):
            plan, talk = (
                90 - 7 * rank + rng.randrange(3),
                88 - 6 * rank + rng.randrange(3),
            )
            SelectionCandidate.objects.create(
                round=selection, external_name=name, rank=rank, total=plan + talk,
                scores={"Đề án": str(plan), "Phỏng vấn": str(talk)},
            )  # fmt: skip
        written += 1 + len(names)
    return written
