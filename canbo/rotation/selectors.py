"""Reads of rotation records, always through the actor's unit scope."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import F, Q, QuerySet
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear
from django.http import Http404

from canbo.core.actor import Actor
from canbo.discipline.facts import facts_for
from canbo.org.models import JobPosition, Unit
from canbo.people.models import Assignment, Person
from canbo.people.selectors import access_person
from canbo.policy.access import Capability
from canbo.policy.discipline import add_months, career_flags
from canbo.policy.rotation import (
    DEFAULT_POLICY,
    Check,
    CircumstanceFact,
    CircumstanceKind,
    DueStatus,
    due_date,
    due_status,
    latest_start_due_by,
    position_change_checks,
)
from canbo.rotation.models import Circumstance, PositionChange, Rotation, RotationPlan

VIEW = Capability.VIEW_CAREERS
MANAGE = Capability.MANAGE_CAREERS


def can_manage(actor: Actor, unit_path: str, unit_id: int) -> bool:
    return not actor.read_only and actor.covers(MANAGE, unit_path, unit_id)


# --- Plans and leader rotations --------------------------------------------------


def plans_visible_to(actor: Actor) -> QuerySet[RotationPlan]:
    return RotationPlan.objects.filter(
        actor.scope_q(VIEW, path="unit_path", unit_id="unit_id")
    ).select_related("unit")


def access_plan(actor: Actor, pk: int, *, for_write: bool = False) -> RotationPlan:
    """Return the plan if the actor may see it (or change it); otherwise Http404."""
    plan = plans_visible_to(actor).filter(pk=pk).first()
    if plan is None or (
        for_write and not can_manage(actor, plan.unit_path, plan.unit_id)
    ):
        raise Http404
    return plan


def plan_items(plan: RotationPlan) -> QuerySet[PositionChange]:
    return plan.items.select_related(
        "person", "assignment__unit", "assignment__job_position", "target_unit",
        "target_job_position", "new_assignment",
    ).order_by("planned_date", "person__sort_name", "id")  # fmt: skip


def access_change(actor: Actor, pk: int, *, for_write: bool = False) -> PositionChange:
    change = (
        PositionChange.objects.select_related(
            "plan__unit", "person__unit", "assignment"
        )
        .filter(pk=pk)
        .first()
    )
    if change is None:
        raise Http404
    access_plan(actor, change.plan_id, for_write=for_write)
    return change


def rotations_visible_to(actor: Actor) -> QuerySet[Rotation]:
    return Rotation.objects.filter(
        actor.scope_q(VIEW, path="unit_path", unit_id="from_unit_id")
    ).select_related("person", "from_unit", "from_post", "to_unit", "to_post")


def access_rotation(actor: Actor, pk: int, *, for_write: bool = False) -> Rotation:
    rotation = rotations_visible_to(actor).filter(pk=pk).first()
    if rotation is None or (
        for_write and not can_manage(actor, rotation.unit_path, rotation.from_unit_id)
    ):
        raise Http404
    return rotation


def circumstances_of(person: Person) -> QuerySet[Circumstance]:
    return Circumstance.objects.filter(person=person).order_by("-start", "-id")


def access_circumstance(actor: Actor, pk: int) -> Circumstance:
    found = Circumstance.objects.select_related("person__unit").filter(pk=pk).first()
    if found is None or not can_manage(
        actor, found.person.unit_path, found.person.unit_id
    ):
        raise Http404
    return found


def access_person_careers(actor: Actor, pk: int, *, for_write: bool = False) -> Person:
    """Return a person whose careers records the actor may see (or manage)."""
    capability = MANAGE if for_write else VIEW
    return access_person(actor, pk, for_write=for_write, capability=capability)


# --- The due list -----------------------------------------------------------------


@dataclass(frozen=True)
class DueFilter:
    unit: Unit | None = None
    status: DueStatus | None = None
    window_months: int = DEFAULT_POLICY.due_window_months


def _cutoffs(periods: dict[int, list[int]], limit: date) -> Q:
    """Starts whose period is reached on or before `limit`: per period length, the
    job positions with it and a start-date bound (no join needed to count)."""
    query = Q(pk__in=[])
    for months, positions in periods.items():
        query |= Q(
            job_position_id__in=positions,
            start_date__lte=latest_start_due_by(limit, months),
        )
    return query


def _window(
    status: DueStatus | None, today: date, window_months: int
) -> tuple[date | None, date]:
    """(due after, due on or before) for a status; None: no lower bound."""
    ahead = add_months(today, window_months)
    last_year_end = date(today.year - 1, 12, 31)
    if status is DueStatus.OVERDUE:
        return None, last_year_end
    if status is DueStatus.DUE:
        return last_year_end, today
    if status is DueStatus.UPCOMING:
        return today, ahead
    return None, ahead


def due_list(actor: Actor, filters: DueFilter, *, today: date) -> QuerySet[Assignment]:
    """Current assignments in positions subject to rotation, due by the window's end.

    One set-based query: open assignments joined to job positions with a period,
    the due cut-off turned into a start-date bound per period length (a handful
    of values), ordered by due date. Rows carry `due_index` (the due month) and
    `due_day`; the page computes the exact due date and the exemptions for its rows.
    """
    periods: dict[int, list[int]] = defaultdict(list)
    for pk, months in JobPosition.objects.values_list("pk", "rotation_months"):
        if months is not None:
            periods[months].append(pk)
    low, high = _window(filters.status, today, filters.window_months)
    query = _cutoffs(periods, high)
    if low is not None:
        query &= ~_cutoffs(periods, low)
    rows = Assignment.objects.filter(
        query,
        actor.scope_q(VIEW, path="person__unit_path", unit_id="person__unit_id"),
        end_date__isnull=True,
        person__is_active=True,
    )
    if filters.unit is not None:
        rows = rows.filter(person__unit_path__pathprefix=filters.unit.path)
    return (
        rows.select_related("person", "unit", "job_position")
        .annotate(
            due_index=ExtractYear("start_date") * 12
            + ExtractMonth("start_date")
            + F("job_position__rotation_months"),
            due_day=ExtractDay("start_date"),
        )
        .order_by("due_index", "due_day", "id")
    )


@dataclass(frozen=True)
class DueRow:
    assignment: Assignment
    due: date
    status: DueStatus | None
    checks: tuple[Check, ...]
    planned_in: int | None  # the year of a plan already holding this assignment

    @property
    def reasons(self) -> list[str]:
        from canbo.rotation.messages import explain

        return [explain(c) for c in self.checks]

    @property
    def refused(self) -> bool:
        return any(c.severity == "refuse" for c in self.checks)


def circumstance_facts(person_ids: Sequence[int]) -> dict[int, list[CircumstanceFact]]:
    """Return each person's recorded circumstances as policy facts (one query)."""
    found: dict[int, list[CircumstanceFact]] = defaultdict(list)
    rows = Circumstance.objects.filter(person_id__in=list(person_ids)).values_list(
        "person_id", "kind", "start", "end", "sole_carer"
    )
    for person_id, kind, start, end, sole in rows:
        found[person_id].append(
            CircumstanceFact(CircumstanceKind(kind), start, end, sole)
        )
    return found


def checks_for(
    people: Sequence[Person], on: dict[int, date]
) -> dict[int, tuple[Check, ...]]:
    """Exemptions and postponements of each person on their date (three queries)."""
    ids = [p.pk for p in people]
    circumstances = circumstance_facts(ids)
    discipline = facts_for(ids)
    result: dict[int, tuple[Check, ...]] = {}
    for person in people:
        day = on[person.pk]
        review = any(
            f.code == "under_review"
            for f in career_flags(discipline.get(person.pk, []), day)
        )
        result[person.pk] = position_change_checks(
            birth_date=person.birth_date, sex=person.sex,  # type: ignore[arg-type]
            on=day, circumstances=circumstances.get(person.pk, []),
            under_discipline_review=review,
        )  # fmt: skip
    return result


def due_rows(assignments: Sequence[Assignment], *, today: date) -> list[DueRow]:
    """Turn one page of the due list into rows with due dates and reasons."""
    dues = {}
    for a in assignments:
        months = a.job_position.rotation_months if a.job_position else None
        dues[a.pk] = due_date(a.start_date, months or 0)
    on = {a.person_id: max(today, dues[a.pk]) for a in assignments}
    checks = checks_for([a.person for a in assignments], on)
    planned = dict(
        PositionChange.objects.filter(
            assignment_id__in=list(dues), status=PositionChange.Status.PLANNED
        ).values_list("assignment_id", "plan__year")
    )
    return [
        DueRow(
            a,
            dues[a.pk],
            due_status(dues[a.pk], today),
            checks[a.person_id],
            planned.get(a.pk),
        )
        for a in assignments
    ]


def subject_positions() -> QuerySet[JobPosition]:
    return JobPosition.objects.order_by(
        F("rotation_months").asc(nulls_last=True), "name", "id"
    )


def people_managed_by(actor: Actor) -> QuerySet[Person]:
    return Person.objects.filter(
        actor.scope_q(MANAGE, path="unit_path", unit_id="unit_id")
    )
