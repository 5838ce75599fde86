"""Reads of the dashboards and of the comparison with equivalent posts, scoped
to the actor (VIEW_DASHBOARDS; out of scope or missing → 404)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr
from django.http import Http404

from canbo.core.actor import Actor
from canbo.evaluation.models import Period, Sheet, UnitRating
from canbo.insight.figures import VERSION as FIGURES_VERSION
from canbo.insight.figures import Figures, compute
from canbo.insight.models import Snapshot
from canbo.org.models import JobPosition, Post, Unit, path_segment
from canbo.people.models import Assignment, Person
from canbo.policy.access import Capability
from canbo.policy.insight import Holder, kpi, rank

VIEW = Capability.VIEW_DASHBOARDS
# Subtrees with this many staff in service or more are shown from stored figures.
SNAPSHOT_FROM = 1000
# Large units this many levels deep (the root is one) get their figures stored
# ahead of any view, by the generator, the demo set-up and the periodic jobs.
PRECOMPUTE_DEPTH = 3
LIST_LIMIT = 25  # people shown per evaluation step; the period page has them all
PEOPLE_LIMIT = 200  # annual results listed on a unit's own dashboard


def units_in_scope(actor: Actor) -> QuerySet[Unit]:
    return Unit.objects.filter(actor.scope_q(VIEW, path="path", unit_id="pk"))


def access_unit(actor: Actor, pk: int) -> Unit:
    unit = units_in_scope(actor).select_related("parent").filter(pk=pk).first()
    if unit is None:
        raise Http404
    return unit


def default_unit(actor: Actor) -> Unit:
    """The actor's highest unit in scope (the shortest path; by name on a tie)."""
    grants = sorted(
        actor.grants_for(VIEW), key=lambda g: (len(g.unit_path), g.unit_path)
    )
    if not grants:
        raise Http404
    return Unit.objects.select_related("parent").get(pk=grants[0].unit_id)


def covers_subtree(actor: Actor, unit: Unit, capability: Capability = VIEW) -> bool:
    """Whether the actor sees `unit` and everything below it (a subtree grant
    at or above it): then the whole-subtree snapshot is theirs to see."""
    return any(
        g.subtree and unit.path.startswith(g.unit_path)
        for g in actor.grants_for(capability)
    )


def breadcrumbs(actor: Actor, unit: Unit) -> list[Unit]:
    """The units above `unit` that the actor may also open, top first."""
    paths = [unit.path[:i] for i in range(9, len(unit.path), 9)]
    return list(units_in_scope(actor).filter(path__in=paths).order_by("path"))


@dataclass(frozen=True)
class Dashboard:
    unit: Unit
    year: int
    figures: Figures
    as_of: datetime | None  # None: computed now, from live data
    snapshot: bool
    pending: bool = False  # the figures are being computed by the worker


def stored(actor: Actor, unit: Unit, year: int) -> Dashboard | None:
    """The stored figures of `unit` and below for `year`, for an actor who sees
    the whole subtree; None when there are none (or not for this actor)."""
    if not covers_subtree(actor, unit):
        return None
    found = Snapshot.objects.filter(unit=unit, year=year).first()
    if found is None or found.figures.get("version") != FIGURES_VERSION:
        return None
    return Dashboard(unit, year, found.figures, found.computed_at, True)


def live(actor: Actor, unit: Unit, year: int, *, today: date) -> Dashboard:
    """The figures of `unit` and below for `year`, computed now within the
    actor's scope (the whole subtree when they see all of it)."""
    scope = (
        None
        if covers_subtree(actor, unit)
        else actor.scope_q(VIEW, path="unit_path", unit_id="unit_id")
    )
    return Dashboard(
        unit, year, compute(unit, year, today=today, scope=scope), None, False
    )


def dashboard(actor: Actor, unit: Unit, year: int, *, today: date) -> Dashboard:
    """The stored figures when there are some for this actor, else live ones."""
    return stored(actor, unit, year) or live(actor, unit, year, today=today)


def pending(unit: Unit, year: int) -> Dashboard:
    """A board without figures yet: the worker is computing them."""
    return Dashboard(unit, year, {}, None, False, pending=True)


def is_large(unit: Unit) -> bool:
    """Whether live figures of the subtree would be slow (its staff in service
    reach SNAPSHOT_FROM; measured: about 0.3 s of task reads per 1,000 staff on
    SQLite): its figures are then stored and read back."""
    people = Person.objects.filter(unit_path__pathprefix=unit.path, is_active=True)
    return people[SNAPSHOT_FROM - 1 : SNAPSHOT_FROM].exists()


def large_units(root: Unit) -> list[Unit]:
    """The units of `root`'s subtree, down to PRECOMPUTE_DEPTH levels, whose
    staff in service reach SNAPSHOT_FROM: those whose figures are stored ahead
    of any view (one grouped query a level)."""
    step = len(path_segment(0))
    people = Person.objects.filter(
        unit_path__pathprefix=root.path, is_active=True
    ).order_by()
    paths: list[str] = []
    for depth in range(PRECOMPUTE_DEPTH):
        branch = Substr("unit_path", 1, len(root.path) + depth * step)
        found = list(
            people.annotate(branch=branch)
            .values("branch")
            .annotate(n=Count("id"))
            .filter(n__gte=SNAPSHOT_FROM)
            .values_list("branch", flat=True)
        )
        if not found:
            break
        paths += found
    return list(Unit.objects.filter(path__in=paths).order_by("path"))


# --- evaluation progress (live: it changes by the hour during a period) --------------


@dataclass
class Progress:
    period: Period | None
    counts: dict[str, int] = field(default_factory=dict)
    waiting: dict[str, list[Sheet]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _sheets(actor: Actor, unit: Unit) -> QuerySet[Sheet]:
    """The sheets of `unit`'s subtree in the actor's scope. The scope filter is
    left out when the actor sees the whole subtree: a second prefix filter on
    the same column makes PostgreSQL misjudge the rows (measured at 20,000
    staff: 32 ms instead of 0.3 ms for the periods of a department)."""
    sheets = Sheet.objects.filter(unit_path__pathprefix=unit.path)
    if covers_subtree(actor, unit):
        return sheets
    return sheets.filter(actor.scope_q(VIEW, path="unit_path", unit_id="unit_id"))


def progress(
    actor: Actor, unit: Unit, year: int, period_id: int | None = None
) -> Progress:
    """Sheets by status in a period of `year` covering `unit` (the given one, or
    the latest), and the first people still at each step, linked to their sheet."""
    periods = periods_for(actor, unit, year)
    chosen = (
        next((p for p in periods if p.pk == period_id), None) if period_id else None
    )
    if chosen is None:
        chosen = periods[0] if periods else None
    if chosen is None:
        return Progress(None)
    sheets = _sheets(actor, unit).filter(period=chosen)
    counts = dict(sheets.values_list("status").annotate(n=Count("id")).order_by())
    waiting = {
        str(status): list(
            sheets.filter(status=status)
            .select_related("person", "unit")
            .order_by("unit_path", "person__sort_name", "id")[:LIST_LIMIT]
        )
        for status in (
            Sheet.Status.DRAFT,
            Sheet.Status.SUBMITTED,
            Sheet.Status.REVIEWED,
        )
        if counts.get(status)
    }
    return Progress(
        chosen, {s: int(counts.get(s, 0)) for s in Sheet.Status.values}, waiting
    )


def periods_for(actor: Actor, unit: Unit, year: int) -> list[Period]:
    """Periods of `year` holding sheets of `unit`'s subtree in scope, latest first."""
    ids = _sheets(actor, unit).filter(period__start__year=year).values("period_id")
    return list(
        Period.objects.filter(pk__in=ids)
        .select_related("unit")
        .order_by("-start", "kind")
    )


def own_people(actor: Actor, unit: Unit, year: int) -> list[tuple[Sheet, int | None]]:
    """The annual sheets of `year` of the people attached to `unit` itself (not
    below it), each with its task completion, for the drill-down to a person;
    the first PEOPLE_LIMIT by name."""
    sheets = list(
        Sheet.objects.filter(
            actor.scope_q(VIEW, path="unit_path", unit_id="unit_id"),
            unit=unit,
            period__kind=Period.Kind.YEAR,
            period__start__gte=date(year, 1, 1),
            period__start__lte=date(year, 12, 31),
        )
        .select_related("person")
        .order_by("person__sort_name", "id")[:PEOPLE_LIMIT]
    )
    return [(s, kpi(s.completed, s.assigned)) for s in sheets]


# --- coming due (the careers lists, for those who see careers) ------------------------


@dataclass(frozen=True)
class ComingDue:
    retirements: int
    terms_ending: int
    rotations: int
    raises: int


def coming_due(
    actor: Actor, unit: Unit, board: Dashboard, *, today: date
) -> ComingDue | None:
    """How many retire in 12 months, whose terms end in 6 months, whose rotation
    falls due and whose salary raise is due in 3 months, within `unit`, for
    those who see careers there (else None): the counts stored with the board's
    figures when the actor's careers scope holds the whole subtree, else
    counted now within that scope."""
    if not actor.covers(Capability.VIEW_CAREERS, unit.path, unit.pk):
        return None
    stored = board.figures.get("due") if board.snapshot else None
    if stored and covers_subtree(actor, unit, Capability.VIEW_CAREERS):
        return ComingDue(**stored)
    return count_due(actor, unit, today=today)


def count_due(actor: Actor, unit: Unit, *, today: date) -> ComingDue:
    """The coming-due counts of `unit`'s subtree within the actor's careers scope
    (the careers selectors)."""
    from canbo.appointments.selectors import retirements, terms_ending
    from canbo.discipline.raises import raises_due
    from canbo.policy.discipline import add_months
    from canbo.rotation.selectors import DueFilter, due_list

    return ComingDue(
        retirements=retirements(actor, today=today, months=12, unit=unit).count(),
        terms_ending=terms_ending(actor, today=today, months=6, unit=unit).count(),
        rotations=due_list(actor, DueFilter(unit=unit), today=today).count(),
        raises=len(raises_due(actor, start=today, end=add_months(today, 3), unit=unit)),
    )


def subtree_reader(unit: Unit) -> Actor:
    """An actor seeing exactly `unit`'s subtree (a personnel role there), for
    the figures stored for everyone who sees that subtree; never saved, never
    shown, never writes."""
    from canbo.accounts.models import User
    from canbo.core.actor import Grant
    from canbo.policy.access import Role

    grant = Grant(Role.PERSONNEL, unit.pk, unit.path, subtree=True)
    return Actor(
        user=User(username="dashboard-snapshot"), grants=(grant,), read_only=True
    )


# --- comparison with equivalent posts ------------------------------------------------


@dataclass(frozen=True)
class Compared:
    rank: int | None
    assignment: Assignment
    score: Decimal | None
    level: str
    kpi: int | None
    unit_score: Decimal | None
    unit_level: str


def compare(
    actor: Actor,
    *,
    year: int,
    post: Post | None = None,
    position: JobPosition | None = None,
    unit: Unit | None = None,
) -> list[Compared]:
    """The holders of `post` (or `position`) during `year`, in units in the
    actor's scope (optionally under `unit`), ranked by their published annual
    score then KPI, each with their unit's own rating of the year.

    Only published annual results count: a ranking shows what has been made
    official, and only to those whose scope covers the holder's unit.
    """
    if post is None and position is None:
        return []
    held = Assignment.objects.filter(
        actor.scope_q(VIEW, path="unit__path", unit_id="unit_id"),
        Q(end_date__isnull=True) | Q(end_date__gte=date(year, 1, 1)),
        start_date__lte=date(year, 12, 31),
        person__is_active=True,
    )
    held = (
        held.filter(post=post)
        if post is not None
        else held.filter(job_position=position)
    )
    if unit is not None:
        held = held.filter(unit__path__startswith=unit.path)
    rows = list(
        held.select_related("person", "unit").order_by(
            "person_id", "-start_date", "-id"
        )
    )
    latest: dict[int, Assignment] = {}
    for row in rows:  # one row per person: their latest holding of the year
        latest.setdefault(row.person_id, row)
    sheets: dict[int, dict[str, Any]] = {
        s["person_id"]: dict(s)
        for s in Sheet.objects.filter(
            person_id__in=list(latest),
            period__kind=Period.Kind.YEAR,
            period__status=Period.Status.PUBLISHED,
            period__start__year=year,
        ).values("person_id", "score", "level", "completed", "assigned")
    }
    ratings = {
        r.unit_id: r
        for r in UnitRating.objects.filter(
            year=year, unit_id__in={a.unit_id for a in latest.values()}
        )
    }
    found: list[dict[str, Any]] = []
    for person_id, assignment in latest.items():
        sheet = sheets.get(person_id, {})
        rating = ratings.get(assignment.unit_id)
        found.append(
            {
                "assignment": assignment,
                "score": sheet.get("score"),
                "level": sheet.get("level", ""),
                "kpi": kpi(sheet.get("completed"), sheet.get("assigned")),
                "unit_score": rating.score if rating else None,
                "unit_level": rating.level if rating else "",
            }
        )
    ranks = rank([Holder(i, r["score"], r["kpi"]) for i, r in enumerate(found)])
    result = [Compared(rank=ranks[i], **row) for i, row in enumerate(found)]
    return sorted(
        result,
        key=lambda c: (c.rank is None, c.rank or 0, c.assignment.person.sort_name),
    )
