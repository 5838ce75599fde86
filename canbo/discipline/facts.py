"""Discipline as the other careers checks read it: plain facts for given people.

Unscoped on purpose: callers have already checked that the actor may act on
these people; only derived facts leave this module, never the records.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from canbo.discipline.models import Discipline
from canbo.policy.discipline import DisciplineFact, Form, disqualifies_year


def facts_for(person_ids: Iterable[int]) -> dict[int, list[DisciplineFact]]:
    """Return the open reviews and decided records of each person (one query)."""
    found: dict[int, list[DisciplineFact]] = defaultdict(list)
    rows = Discipline.objects.filter(
        person_id__in=list(person_ids),
        stage__in=[Discipline.Stage.REVIEW, Discipline.Stage.DECIDED],
    ).values_list(
        "person_id",
        "stage",
        "form",
        "duty_related",
        "decision_date",
        "effective_from",
        "effective_until",
    )
    for person_id, stage, form, duty, decided, start, until in rows:
        found[person_id].append(
            DisciplineFact(
                stage, Form(form) if form else None, duty, decided, start, until
            )
        )
    return found


def disqualified_in(year: int, person_ids: Iterable[int]) -> set[int]:
    """The people whose duty-related discipline decided in `year` forces "Không hoàn
    thành nhiệm vụ" (EVAL-03(b), canbo.policy.discipline.disqualifies_year)."""
    rows = Discipline.objects.filter(
        person_id__in=list(person_ids),
        stage=Discipline.Stage.DECIDED,
        decision_date__year=year,
    ).values_list("person_id", "stage", "form", "duty_related", "decision_date")
    return {
        person_id
        for person_id, stage, form, duty, decided in rows
        if disqualifies_year(
            DisciplineFact(
                stage, Form(form) if form else None, duty, decided, None, None
            ),
            year,
        )
    }
