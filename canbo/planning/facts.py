"""Who is in planning for which post, as the appointment and rotation checks read it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from canbo.planning.models import PlanningCandidate


@dataclass(frozen=True)
class PlanFact:
    post_id: int
    post_rank: int
    unit_id: int
    term_start: int
    term_end: int


def active_plans(person_ids: Iterable[int]) -> dict[int, list[PlanFact]]:
    """Return the pools each person is actively planned in (one query)."""
    rows = PlanningCandidate.objects.filter(
        person_id__in=list(person_ids), status=PlanningCandidate.Status.ACTIVE
    ).values_list(
        "person_id",
        "pool__post_id",
        "pool__post__rank",
        "pool__unit_id",
        "pool__term_start",
        "pool__term_end",
    )
    plans: dict[int, list[PlanFact]] = defaultdict(list)
    for person_id, post_id, rank, unit_id, start, end in rows:
        plans[person_id].append(PlanFact(post_id, rank, unit_id, start, end))
    return plans
