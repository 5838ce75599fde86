"""Gather what the appointment rules read about a person, and run them.

Reads the other careers apps through their facts modules (planning, discipline,
trust, training) and the published annual results; the caller has already
checked that the actor may act on the person.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from canbo.discipline.facts import facts_for
from canbo.evaluation.models import Period, Sheet
from canbo.org.models import Post
from canbo.people.models import Assignment, Person
from canbo.planning.facts import active_plans
from canbo.policy import appointment as rules
from canbo.policy.discipline import career_flags
from canbo.training.facts import standard_gaps
from canbo.trust.facts import latest_votes


def held_posts(person_id: int) -> tuple[rules.Held, ...]:
    rows = Assignment.objects.filter(
        person_id=person_id, post__isnull=False, post__is_leadership=True
    ).values_list("post__rank", "start_date", "end_date")
    return tuple(rules.Held(rank, start, end) for rank, start, end in rows)


def annual_levels(person_id: int) -> tuple[tuple[int, str], ...]:
    rows = (
        Sheet.objects.filter(
            person_id=person_id,
            period__status=Period.Status.PUBLISHED,
            period__kind=Period.Kind.YEAR,
        )
        .exclude(level="")
        .values_list("period__start", "level")
    )
    return tuple((start.year, level) for start, level in rows)


def facts(
    *,
    person: Person,
    post: Post,
    kind: str,
    source: str,
    on: date,
    term_start: date | None = None,
    term_end: date | None = None,
    unit_path: str = "",
) -> rules.Facts:
    """Everything the eligibility rules read, in a few queries.

    `unit_path` is the unit of the post (its standards may be the unit's own);
    the person's unit when not given."""
    plans = active_plans([person.pk]).get(person.pk, [])
    trust = latest_votes([person.pk]).get(person.pk)
    return rules.Facts(
        kind=rules.Kind(kind),
        on=on,
        post_id=post.pk,
        post_rank=post.rank,
        birth_date=person.birth_date,
        sex="F" if person.sex == "F" else "M",
        source=rules.Source(source),
        held=held_posts(person.pk),
        plans=tuple(rules.Plan(p.post_id, p.post_rank) for p in plans),
        levels=annual_levels(person.pk),
        discipline=career_flags(facts_for([person.pk]).get(person.pk, []), on),
        trust_outcome=trust.outcome if trust is not None else None,
        standard_gaps=standard_gaps(
            person.pk, post.pk, unit_path or person.unit_path, today=on
        ),
        term_start=term_start,
        term_end=term_end,
    )


def run(**kwargs: Any) -> rules.Eligibility:
    return rules.eligibility(facts(**kwargs))


def stored(result: rules.Eligibility) -> list[dict[str, Any]]:
    """The checks as JSON for Appointment.checks; the rules looked at come first."""
    return [{"rules": list(result.rules)}] + [
        {**asdict(c), "params": dict(c.params)} for c in result.checks
    ]


def loaded(data: list[dict[str, Any]]) -> rules.Eligibility:
    if not data:
        return rules.Eligibility((), ())
    head, *items = data
    return rules.Eligibility(
        tuple(head.get("rules", ())),
        tuple(
            rules.Check(
                code=i["code"],
                severity=i["severity"],
                overridable=bool(i["overridable"]),
                params=i.get("params", {}),
                rule=i.get("rule", ""),
            )
            for i in items
        ),
    )
