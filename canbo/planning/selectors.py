"""Reading planning: pools, candidates with their facts, the annual review, the
9-box grid and the structure, always within the actor's scope."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import cast

from django.db.models import Count, Max, Q, QuerySet
from django.shortcuts import get_object_or_404

from canbo.core.actor import Actor
from canbo.discipline.facts import facts_for
from canbo.evaluation.models import Period, Sheet
from canbo.org.models import Unit
from canbo.org.selectors import units_visible_to
from canbo.people.models import Assignment, Person
from canbo.planning.models import (
    PlanningCandidate,
    PlanningChange,
    PlanningPool,
    StructureTarget,
)
from canbo.policy.access import Capability
from canbo.policy.discipline import DisciplineFact, Flag, career_flags
from canbo.policy.planning import (
    Band,
    Member,
    Structure,
    Targets,
    nine_box,
    performance,
    review_reasons,
    structure,
    years_left,
)
from canbo.policy.retirement import Sex, age_on, retirement_date
from canbo.trust.facts import TrustFact, latest_votes

LEVEL_YEARS = 3


def pools_visible_to(actor: Actor) -> QuerySet[PlanningPool]:
    return PlanningPool.objects.filter(
        actor.scope_q(Capability.VIEW_CAREERS, path="unit_path", unit_id="unit_id")
    )


def access_pool(actor: Actor, pk: int, *, for_write: bool = False) -> PlanningPool:
    """The pool if the actor may see it (or change it), else 404."""
    capability = Capability.MANAGE_CAREERS if for_write else Capability.VIEW_CAREERS
    return get_object_or_404(
        PlanningPool.objects.filter(
            actor.scope_q(capability, path="unit_path", unit_id="unit_id")
        ).select_related("post", "unit"),
        pk=pk,
    )


def access_candidate(
    actor: Actor, pk: int, *, for_write: bool = False
) -> PlanningCandidate:
    capability = Capability.MANAGE_CAREERS if for_write else Capability.VIEW_CAREERS
    return get_object_or_404(
        PlanningCandidate.objects.filter(
            actor.scope_q(capability, path="pool__unit_path", unit_id="pool__unit_id")
        ).select_related("pool__post", "pool__unit", "person"),
        pk=pk,
    )


def pool_list(
    actor: Actor,
    *,
    unit: Unit | None = None,
    term_start: int | None = None,
    post_id: int | None = None,
) -> QuerySet[PlanningPool]:
    """Pools in scope, optionally under a unit, for a term or a post, with the
    number of active candidates (one query per page)."""
    pools = pools_visible_to(actor)
    if unit is not None:
        pools = pools.filter(unit_path__pathprefix=unit.path)
    if term_start is not None:
        pools = pools.filter(term_start=term_start)
    if post_id is not None:
        pools = pools.filter(post_id=post_id)
    return (
        pools.select_related("post", "unit")
        .annotate(
            active=Count(
                "candidates",
                filter=Q(candidates__status=PlanningCandidate.Status.ACTIVE),
            )
        )
        .order_by("unit_path", "-post__rank", "-term_start", "id")
    )


def manageable_units(actor: Actor) -> QuerySet[Unit]:
    return units_visible_to(actor, Capability.MANAGE_CAREERS).filter(is_active=True)


def visible_units(actor: Actor) -> QuerySet[Unit]:
    return units_visible_to(actor, Capability.VIEW_CAREERS).filter(is_active=True)


def manageable_people(actor: Actor) -> QuerySet[Person]:
    return Person.objects.filter(
        actor.scope_q(Capability.MANAGE_CAREERS, path="unit_path", unit_id="unit_id"),
        is_active=True,
    )


# Facts about people, set-based.


def current_ranks(person_ids: Iterable[int], on: date) -> dict[int, int]:
    """The rank of the highest post each person holds on `on` (one query)."""
    rows = (
        Assignment.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on),
            person_id__in=list(person_ids),
            post__isnull=False,
            start_date__lte=on,
        )
        .values("person_id")
        .annotate(rank=Max("post__rank"))
        .values_list("person_id", "rank")
    )
    return dict(rows)


@dataclass(frozen=True)
class YearResult:
    year: int
    level: str
    score: Decimal | None


def annual_results(
    person_ids: Iterable[int], *, before: int, years: int = LEVEL_YEARS
) -> dict[int, list[YearResult]]:
    """Published annual levels of the `years` years before `before`, newest
    first, per person (one query)."""
    rows = (
        Sheet.objects.filter(
            person_id__in=list(person_ids),
            period__kind=Period.Kind.YEAR,
            period__status=Period.Status.PUBLISHED,
            period__start__year__gte=before - years,
            period__start__year__lt=before,
        )
        .exclude(level="")
        .order_by("person_id", "-period__start")
        .values_list("person_id", "period__start", "level", "score")
    )
    found: dict[int, list[YearResult]] = defaultdict(list)
    for person_id, start, level, score in rows:
        if not any(r.year == start.year for r in found[person_id]):
            found[person_id].append(YearResult(start.year, level, score))
    return found


def retirement_of(person: Person) -> date:
    return retirement_date(person.birth_date, person.sex)  # type: ignore[arg-type]


def term_start_date(pool: PlanningPool) -> date:
    """Terms are counted from 1 January of their first year."""
    return date(pool.term_start, 1, 1)


@dataclass
class CandidateRow:
    candidate: PlanningCandidate
    age: int
    years_left: Decimal
    retirement: date
    results: list[YearResult]
    discipline: tuple[Flag, ...]
    trust: TrustFact | None
    band: Band | None
    box: int | None
    flags: list[str] = field(default_factory=list)

    @property
    def failed_years(self) -> list[int]:
        return [r.year for r in self.results if r.level == "KHTNV"]


def candidate_rows(
    candidates: Iterable[PlanningCandidate], on: date
) -> list[CandidateRow]:
    """Each candidate with age, years left to retirement from the term start, the
    last three annual levels, discipline and trust flags and the 9-box (a fixed
    number of queries, whatever the number of candidates)."""
    items = list(candidates)
    ids = {c.person_id for c in items}
    results = annual_results(ids, before=on.year + 1)
    discipline = facts_for(ids)
    trust = latest_votes(ids)
    rows = []
    for c in items:
        person = c.person
        retirement = retirement_of(person)
        mine = results.get(c.person_id, [])
        band = performance([r.score for r in mine if r.score is not None])
        rows.append(
            CandidateRow(
                candidate=c,
                age=age_on(person.birth_date, on),
                years_left=years_left(term_start_date(c.pool), retirement),
                retirement=retirement,
                results=mine,
                discipline=career_flags(discipline.get(c.person_id, []), on),
                trust=trust.get(c.person_id),
                band=band,
                box=nine_box(band, c.potential),
            )
        )
    return rows


def pool_candidates(pool: PlanningPool) -> QuerySet[PlanningCandidate]:
    return (
        pool.candidates.select_related("person", "person__unit", "pool")
        .order_by("status", "person__sort_name", "id")
        .all()
    )


def pool_changes(pool: PlanningPool) -> QuerySet[PlanningChange]:
    return pool.changes.select_related("person", "actor").order_by("-on", "-id")


def changes_visible_to(actor: Actor) -> QuerySet[PlanningChange]:
    return PlanningChange.objects.filter(
        actor.scope_q(
            Capability.VIEW_CAREERS, path="pool__unit_path", unit_id="pool__unit_id"
        )
    ).select_related("person", "pool__post", "pool__unit", "actor")


def change_list(
    actor: Actor,
    *,
    unit: Unit | None = None,
    year: int | None = None,
    pool_id: int | None = None,
) -> QuerySet[PlanningChange]:
    """Additions and removals in scope, newest first: under a unit, in a year
    or of one pool."""
    found = changes_visible_to(actor)
    if unit is not None:
        found = found.filter(pool__unit_path__pathprefix=unit.path)
    if year is not None:
        found = found.filter(on__year=year)
    if pool_id is not None:
        found = found.filter(pool_id=pool_id)
    return found.order_by("-on", "-id")


# The 9-box grid.


@dataclass(frozen=True)
class Box:
    number: int
    potential: int
    band: Band
    rows: list[CandidateRow]


def nine_box_grid(
    rows: list[CandidateRow],
) -> tuple[list[list[Box]], list[CandidateRow]]:
    """The 3×3 grid, high potential on top, low performance on the left, and the
    candidates not yet placed (no score or no potential)."""
    grid: list[list[Box]] = []
    for potential in (3, 2, 1):
        line = []
        for index, band in enumerate(("low", "medium", "high")):
            number = (potential - 1) * 3 + index + 1
            placed = [r for r in rows if r.box == number]
            line.append(Box(number, potential, band, placed))  # type: ignore[arg-type]
        grid.append(line)
    return grid, [r for r in rows if r.box is None]


# Structure against targets.


def unit_prefixes(path: str) -> list[str]:
    """The paths of a unit and every unit above it, from its materialized path."""
    parts = [p for p in path.split(".") if p]
    return [".".join(parts[: i + 1]) + "." for i in range(len(parts))]


def targets_record(unit: Unit) -> StructureTarget | None:
    """The targets of the unit itself or of the nearest unit above that has any."""
    return (
        StructureTarget.objects.filter(unit_path__in=unit_prefixes(unit.path))
        .order_by("-unit_path")
        .first()
    )


def targets_for(unit: Unit | None) -> tuple[Targets, StructureTarget | None]:
    record = targets_record(unit) if unit is not None else None
    if record is None:
        return Targets(), None
    return (
        Targets(
            young_age=record.young_age,
            old_age=record.old_age,
            young_min=record.young_min,
            women_min=record.women_min,
            ethnic_min=record.ethnic_min,
        ),
        record,
    )


def pools_structure(
    pools: QuerySet[PlanningPool], targets: Targets, on: date
) -> Structure:
    """Structure of the distinct people actively planned in `pools` (one query)."""
    rows = (
        Person.objects.filter(
            planning_entries__pool__in=pools.values("pk"),
            planning_entries__status=PlanningCandidate.Status.ACTIVE,
        )
        .distinct()
        .values_list("birth_date", "sex", "ethnicity")
    )
    members = [
        Member(age_on(birth, on), sex, ethnicity) for birth, sex, ethnicity in rows
    ]
    return structure(members, targets)


# The annual review.


@dataclass(frozen=True)
class ReviewRow:
    candidate: PlanningCandidate
    reasons: tuple[str, ...]
    level: str | None
    retirement: date


def review_rows(actor: Actor, unit: Unit, year: int) -> list[ReviewRow]:
    """Active candidates of the pools under `unit` who should leave planning at
    the review of `year`, with their reasons (a fixed number of queries; the
    reasons are worked out on plain values, objects are loaded for those flagged)."""
    active = PlanningCandidate.objects.filter(
        actor.scope_q(
            Capability.VIEW_CAREERS, path="pool__unit_path", unit_id="pool__unit_id"
        ),
        pool__unit_path__pathprefix=unit.path,
        status=PlanningCandidate.Status.ACTIVE,
    )
    facts = list(
        active.values_list(
            "pk", "person_id", "person__birth_date", "person__sex", "pool__term_start"
        )
    )
    ids = {person_id for _pk, person_id, *_rest in facts}
    levels = dict(
        Sheet.objects.filter(
            person_id__in=ids,
            period__kind=Period.Kind.YEAR,
            period__status=Period.Status.PUBLISHED,
            period__start__year=year,
        )
        .exclude(level="")
        .values_list("person_id", "level")
    )
    discipline: dict[int, list[DisciplineFact]] = facts_for(ids)
    trust = latest_votes(ids)
    flagged: dict[int, tuple[tuple[str, ...], date]] = {}
    for pk, person_id, birth, sex, term_start in facts:
        retirement = retirement_date(birth, cast("Sex", sex))
        vote = trust.get(person_id)
        reasons = review_reasons(
            year=year,
            level=levels.get(person_id),
            discipline=discipline.get(person_id, []),
            retirement=retirement,
            term_start=date(term_start, 1, 1),
            trust_outcome=vote.outcome if vote else None,
        )
        if reasons:
            flagged[pk] = (reasons, retirement)
    candidates = (
        PlanningCandidate.objects.filter(pk__in=list(flagged))
        .select_related("person", "pool__post", "pool__unit")
        .order_by("pool__unit_path", "pool__post__name", "person__sort_name", "id")
    )
    return [
        ReviewRow(c, flagged[c.pk][0], levels.get(c.person_id), flagged[c.pk][1])
        for c in candidates
    ]


def person_plans(person: Person) -> QuerySet[PlanningCandidate]:
    return person.planning_entries.select_related("pool__post", "pool__unit").order_by(
        "status", "-pool__term_start", "id"
    )
