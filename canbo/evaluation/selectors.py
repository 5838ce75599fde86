"""Reads of evaluation periods and sheets, scoped to the actor."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from canbo.core.actor import Actor
from canbo.evaluation.models import Period, Sheet
from canbo.org.models import Unit
from canbo.policy.access import Capability
from canbo.policy.levels import THRESHOLDS, Level


def sheets_visible_to(actor: Actor) -> QuerySet[Sheet]:
    """The sheets of people in the actor's scope, and the actor's own."""
    query = actor.scope_q(Capability.VIEW_PEOPLE, path="unit_path", unit_id="unit_id")
    if actor.person_id is not None:
        query |= Q(person_id=actor.person_id)
    return Sheet.objects.filter(query)


def periods_visible_to(actor: Actor) -> QuerySet[Period]:
    """Periods of units in scope, and periods holding a sheet the actor may see."""
    scope = actor.scope_q(Capability.VIEW_PEOPLE, path="unit_path", unit_id="unit_id")
    with_sheets = Q(pk__in=sheets_visible_to(actor).values("period_id"))
    return Period.objects.filter(scope | with_sheets).select_related("unit")


def access_period(actor: Actor, pk: int) -> Period:
    period = periods_visible_to(actor).filter(pk=pk).first()
    if period is None:
        raise Http404
    return period


def access_sheet(actor: Actor, pk: int) -> Sheet:
    sheet = (
        sheets_visible_to(actor)
        .select_related("period__unit", "person", "unit")
        .filter(pk=pk)
        .first()
    )
    if sheet is None:
        raise Http404
    return sheet


def my_sheets(actor: Actor) -> QuerySet[Sheet]:
    if actor.person_id is None:
        return Sheet.objects.none()
    return (
        Sheet.objects.filter(person_id=actor.person_id)
        .select_related("period__unit")
        .order_by("-period__start", "-id")
    )


def units_to_open(actor: Actor) -> QuerySet[Unit]:
    """Units for which the actor may open a period."""
    scope = actor.scope_q(Capability.OPEN_PERIODS, path="path", unit_id="pk")
    return Unit.objects.filter(scope, is_active=True).order_by("path")


@dataclass(frozen=True)
class Progress:
    """How far a period has come, over the sheets the actor may see."""

    total: int
    draft: int
    submitted: int
    reviewed: int
    decided: int

    def steps(self) -> list[tuple[str, str, int, int]]:
        """(status, label, count, percent of all sheets) of each step, in order."""
        return [
            (
                status,
                str(label),
                getattr(self, status),
                self._share(getattr(self, status)),
            )
            for status, label in Sheet.Status.choices
        ]

    def _share(self, count: int) -> int:
        return round(100 * count / self.total) if self.total else 0


def progress(actor: Actor, period: Period) -> Progress:
    rows = dict(
        sheets_visible_to(actor)
        .filter(period=period)
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {status: int(rows.get(status, 0)) for status in Sheet.Status.values}
    return Progress(total=sum(counts.values()), **counts)


def period_sheets(actor: Actor, period: Period) -> QuerySet[Sheet]:
    return (
        sheets_visible_to(actor)
        .filter(period=period)
        .select_related("person", "unit")
        .order_by("unit_path", "person__sort_name", "id")
    )


def published_history(person_id: int) -> QuerySet[Sheet]:
    """A person's published results, newest first (for their profile; the caller
    has already checked that the viewer may see the person)."""
    return (
        Sheet.objects.filter(
            person_id=person_id, period__status=Period.Status.PUBLISHED
        )
        .select_related("period", "unit")
        .order_by("-period__start", "period__kind")
    )


@dataclass(frozen=True)
class BranchProgress:
    unit: Unit
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done_share(self) -> int:
        done = self.counts.get(Sheet.Status.DECIDED, 0)
        return round(100 * done / self.total) if self.total else 0


def progress_by_branch(actor: Actor, period: Period) -> list[BranchProgress]:
    """Sheets by status for the period's unit itself and each unit just below it,
    in one query (each branch adds up its whole subtree)."""
    from django.db.models.functions import Substr

    from canbo.org.models import path_segment

    width = len(period.unit_path) + len(path_segment(0))
    rows = (
        sheets_visible_to(actor)
        .filter(period=period)
        .annotate(branch=Substr("unit_path", 1, width))
        .values_list("branch", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[str, dict[str, int]] = {}
    for branch, status, n in rows:
        counts.setdefault(branch, {})[status] = n
    units = {u.path: u for u in Unit.objects.filter(path__in=list(counts))}
    return sorted(
        (BranchProgress(units[path], c) for path, c in counts.items() if path in units),
        key=lambda b: (b.unit.path != period.unit_path, b.unit.name),
    )


def tied_by_quota(actor: Actor, period: Period) -> list[Sheet]:
    """Sheets the quota demoted together with an equal score: the head may keep
    one of them excellent if every quota still holds (calibration)."""
    if period.kind != Period.Kind.YEAR:
        return []
    # Only excellent scores are demoted by a quota, to "good".
    excellent_from = THRESHOLDS[0][0]
    candidates = period_sheets(actor, period).filter(
        proposed_level=Level.HTTNV, score__gte=excellent_from
    )
    demoted = [s for s in candidates if s.reasons == ["quota"]]
    counts = Counter(s.score for s in demoted)
    return sorted(
        (s for s in demoted if counts[s.score] > 1),
        key=lambda s: (-(s.score or 0), s.person.sort_name),
    )


def decides_above(actor: Actor, unit: Unit) -> bool:
    """Whether the actor decides levels on the unit above `unit`: the unit itself
    and its head are rated from there (Decree 233 art. 13)."""
    parent = unit.parent
    return (
        not actor.read_only
        and parent is not None
        and actor.covers(Capability.DECIDE_LEVELS, parent.path, parent.pk)
    )
