"""Reads of appointments, terms and retirements, scoped to the actor.

Out-of-scope and missing objects both answer 404. The due lists are set-based:
terms ending use the index on (status, term_end); retirements filter the indexed
birth date with a range per sex computed by the retirement rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from canbo.appointments.models import (
    Appointment,
    ExtensionBallot,
    PublicHoliday,
    SelectionCandidate,
    SelectionRound,
)
from canbo.core.actor import Actor
from canbo.org.models import Unit
from canbo.people.models import Person
from canbo.policy import appointment as rules
from canbo.policy.access import Capability
from canbo.policy.discipline import add_months
from canbo.policy.retirement import retirement_date
from canbo.policy.workdays import reappointment_notice_due

VIEW = Capability.VIEW_CAREERS


def _scope(actor: Actor) -> Q:
    return actor.scope_q(VIEW, path="unit_path", unit_id="unit_id")


def _in_unit(items: QuerySet, unit: Unit | None, field: str = "unit_path") -> QuerySet:  # type: ignore[type-arg]
    if unit is None:
        return items
    return items.filter(**{f"{field}__pathprefix": unit.path})


def appointments_visible_to(actor: Actor) -> QuerySet[Appointment]:
    return Appointment.objects.filter(_scope(actor)).select_related(
        "person", "post", "unit"
    )


def access_appointment(actor: Actor, pk: int) -> Appointment:
    found = (
        appointments_visible_to(actor).select_related("previous").filter(pk=pk).first()
    )
    if found is None:
        raise Http404
    return found


def open_proposals(actor: Actor, unit: Unit | None = None) -> QuerySet[Appointment]:
    found = appointments_visible_to(actor).filter(status=Appointment.Status.PROPOSED)
    return _in_unit(found, unit).order_by("process_started", "id")


def holidays(first: date | None = None, last: date | None = None) -> frozenset[date]:
    """The public holidays (in a window, if given) as a set of dates."""
    found = PublicHoliday.objects.all()
    if first is not None:
        found = found.filter(date__gte=first)
    if last is not None:
        found = found.filter(date__lte=last)
    return frozenset(found.values_list("date", flat=True))


def public_holidays(actor: Actor) -> QuerySet[PublicHoliday]:
    """The public holidays, earliest first, for those who see careers somewhere (one
    calendar for everyone, so no unit scope); nothing for anyone else."""
    if not actor.can_anywhere(VIEW):
        return PublicHoliday.objects.none()
    return PublicHoliday.objects.order_by("date")


def access_holiday(actor: Actor, pk: int) -> PublicHoliday:
    found = public_holidays(actor).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def terms_ending(
    actor: Actor, *, today: date, months: int = 6, unit: Unit | None = None
) -> QuerySet[Appointment]:
    """Approved terms ending from today to `months` months ahead, the earliest (and so
    the most overdue notice) first, with whether a renewal is already proposed."""
    renewal = Appointment.objects.filter(
        previous=OuterRef("pk"), status=Appointment.Status.PROPOSED
    )
    found = (
        appointments_visible_to(actor)
        .filter(
            status=Appointment.Status.APPROVED,
            term_end__gte=today,
            term_end__lte=add_months(today, months),
        )
        .annotate(has_renewal=Exists(renewal))
    )
    return _in_unit(found, unit).order_by("term_end", "id")


@dataclass(frozen=True)
class Notice:
    due: date
    overdue: bool


def notices(terms: Iterable[Appointment], today: date) -> dict[int, Notice]:
    """The reappointment notice due date of each term (90 working days before its end)."""
    rows = list(terms)
    if not rows:
        return {}
    ends = [t.term_end for t in rows if t.term_end is not None]
    days_off = (
        holidays(min(ends) - timedelta(days=200), max(ends)) if ends else frozenset()
    )
    found: dict[int, Notice] = {}
    for term in rows:
        if term.term_end is None:
            continue
        due = reappointment_notice_due(term.term_end, days_off)
        found[term.pk] = Notice(due, due < today)
    return found


def current_terms(person_id: int) -> QuerySet[Appointment]:
    """A person's current terms and open proposals (for their profile)."""
    return (
        Appointment.objects.filter(
            person_id=person_id,
            status__in=[Appointment.Status.APPROVED, Appointment.Status.PROPOSED],
        )
        .select_related("post", "unit")
        .order_by("-status", "term_end")
    )


# --- retirements -----------------------------------------------------------------------


def _retiring_q(first: date, last: date) -> Q:
    query = Q(pk__in=[])
    for sex in (Person.Sex.MALE, Person.Sex.FEMALE):
        span = rules.births_retiring_between(
            "F" if sex == Person.Sex.FEMALE else "M", first, last
        )
        if span is not None:
            query |= Q(sex=sex, birth_date__range=span)
    return query


def retirements(
    actor: Actor, *, today: date, months: int = 24, unit: Unit | None = None
) -> QuerySet[Person]:
    """People in service whose retirement date falls in the next `months` months,
    the earliest birth (and so the earliest retirement) first."""
    last = add_months(today, months)
    found = (
        Person.objects.filter(actor.scope_q(VIEW, path="unit_path", unit_id="unit_id"))
        .filter(_retiring_q(today, last), is_active=True)
        .select_related("unit")
    )
    return _in_unit(found, unit).order_by("birth_date", "id")


def retirement_dates(people: Iterable[Person]) -> dict[int, date]:
    """The retirement date of each person shown (a page of a list)."""
    return {
        p.pk: retirement_date(p.birth_date, "F" if p.sex == Person.Sex.FEMALE else "M")
        for p in people
    }


@dataclass(frozen=True)
class UnitCount:
    unit_id: int
    name: str
    count: int
    share: int  # percent of the largest count, for the bar


def retirements_by_unit(
    actor: Actor,
    *,
    today: date,
    months: int = 24,
    unit: Unit | None = None,
    limit: int = 30,
) -> list[UnitCount]:
    """How many retire in the window, per unit, the largest first (one grouped query)."""
    rows = list(
        retirements(actor, today=today, months=months, unit=unit)
        .order_by()
        .values("unit_id", "unit__name")
        .annotate(n=Count("id"))
        .order_by("-n", "unit__name")[:limit]
    )
    top = max((r["n"] for r in rows), default=0)
    return [
        UnitCount(
            r["unit_id"],
            r["unit__name"],
            r["n"],
            round(100 * r["n"] / top) if top else 0,
        )
        for r in rows
    ]


# --- ballots and selection rounds ----------------------------------------------------------


def ballot_of(appointment: Appointment) -> ExtensionBallot | None:
    return ExtensionBallot.objects.filter(appointment=appointment).first()


def rounds_visible_to(
    actor: Actor, unit: Unit | None = None
) -> QuerySet[SelectionRound]:
    found = SelectionRound.objects.filter(_scope(actor)).select_related("post", "unit")
    found = found.annotate(candidate_count=Count("candidates"))
    if unit is not None:
        found = found.filter(unit_path__pathprefix=unit.path)
    return found


def access_round(actor: Actor, pk: int) -> SelectionRound:
    found = SelectionRound.objects.filter(_scope(actor)).select_related("post", "unit")
    selection = found.filter(pk=pk).first()
    if selection is None:
        raise Http404
    return selection


def candidates_of(selection: SelectionRound) -> QuerySet[SelectionCandidate]:
    return selection.candidates.select_related("person", "appointment").order_by(
        "rank", "id"
    )


def access_candidate(actor: Actor, pk: int) -> SelectionCandidate:
    candidate = (
        SelectionCandidate.objects.select_related(
            "round", "round__post", "round__unit", "person"
        )
        .filter(pk=pk)
        .first()
    )
    if candidate is None or not actor.covers(
        VIEW, candidate.round.unit_path, candidate.round.unit_id
    ):
        raise Http404
    return candidate


def access_term(actor: Actor, pk: int) -> Appointment:
    """An approved term, for a renewal."""
    term = access_appointment(actor, pk)
    if term.status != Appointment.Status.APPROVED:
        raise Http404
    return term


def person_for_proposal(actor: Actor, pk: int) -> Person:
    """A person the actor may see (the candidate of a proposal)."""
    found = (
        Person.objects.filter(
            actor.scope_q(Capability.VIEW_PEOPLE, path="unit_path", unit_id="unit_id")
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found
