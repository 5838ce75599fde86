"""Writes for periodic position changes and leader rotation.

Each service is one transaction, checks MANAGE_CAREERS on the unit (MANAGE_CATALOGUES
for a job position's period), applies the rules of canbo/policy/rotation.py and
writes the audit log.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from canbo.core.actor import Actor
from canbo.core.audit import diff, log_action, snapshot
from canbo.core.errors import InvalidInput, NotAllowed, save_unique
from canbo.org.models import JobPosition, Post, Unit
from canbo.people import services as people
from canbo.people.models import Assignment, Person
from canbo.planning.facts import active_plans
from canbo.policy.access import Capability
from canbo.policy.rotation import (
    CircumstanceFact,
    CircumstanceKind,
    leader_rotation_checks,
    period_problems,
)
from canbo.rotation import messages
from canbo.rotation.models import Circumstance, PositionChange, Rotation, RotationPlan
from canbo.rotation.selectors import checks_for

MANAGE = Capability.MANAGE_CAREERS


def _require(actor: Actor, unit_path: str, unit_id: int) -> None:
    if actor.read_only or not actor.covers(MANAGE, unit_path, unit_id):
        raise NotAllowed


# --- Job positions subject to rotation ---------------------------------------------


@transaction.atomic
def set_rotation_period(
    *, actor: Actor, job_position: JobPosition, months: int | None, basis: str = ""
) -> JobPosition:
    """Mark a job position as subject to periodic rotation every `months` (None: not subject).

    The period is part of the job-position catalogue, which the administrator
    keeps (MANAGE_CATALOGUES); 24 to 60 months (Luật PCTN art. 25.2).
    Audit: rotation.period.set.
    """
    if actor.read_only or not actor.can_anywhere(Capability.MANAGE_CATALOGUES):
        raise NotAllowed
    if period_problems(months):
        raise InvalidInput.single(
            "rotation_months",
            _("The period must be from 24 to 60 months (Luật PCTN art. 25.2)."),
        )
    basis = basis.strip()
    if months is not None and not basis:
        raise InvalidInput.single(
            "rotation_basis",
            _("Name the text that sets the period, e.g. TT 27/2024/TT-BTC."),
        )
    fields = ("rotation_months", "rotation_basis")
    before = snapshot(job_position, fields)
    job_position.rotation_months = months
    job_position.rotation_basis = basis if months is not None else ""
    changes = diff(before, snapshot(job_position, fields))
    if changes:
        job_position.save(update_fields=list(fields))
        log_action(
            "rotation.period.set", actor=actor, obj=job_position, changes=changes
        )
    return job_position


# --- Circumstances (Decree 59 art. 38) ----------------------------------------------

CIRCUMSTANCE_FIELDS = ("kind", "start", "end", "sole_carer", "note")


@transaction.atomic
def record_circumstance(
    *,
    actor: Actor,
    person: Person,
    kind: str,
    start: date,
    end: date | None = None,
    sole_carer: bool = False,
    note: str = "",
) -> Circumstance:
    """Record a case that postpones the person's periodic change (Decree 59 art. 38).

    Audit: rotation.circumstance.recorded.
    """
    _require(actor, person.unit_path, person.unit_id)
    if kind not in Circumstance.Kind.values:
        raise InvalidInput.single("kind", _("Choose one of the listed circumstances."))
    fact = CircumstanceFact(CircumstanceKind(kind), start, end, sole_carer)
    problems = circumstance_problems_for(fact, person)
    if problems:
        raise InvalidInput(problems)
    found = Circumstance.objects.create(
        person=person, kind=kind, start=start, end=end, sole_carer=sole_carer,
        note=note.strip(), unit_path=person.unit_path,
    )  # fmt: skip
    log_action(
        "rotation.circumstance.recorded", actor=actor, obj=found,
        unit_path=person.unit_path, person_id=person.pk,
        changes=diff({}, snapshot(found, CIRCUMSTANCE_FIELDS)),
    )  # fmt: skip
    return found


def circumstance_problems_for(
    fact: CircumstanceFact, person: Person
) -> dict[str, list[str]]:
    from canbo.policy.rotation import circumstance_problems

    codes = circumstance_problems(fact, person.sex)  # type: ignore[arg-type]
    return {
        field: [str(messages.CIRCUMSTANCE_PROBLEMS[code])]
        for field, code in codes.items()
    }


@transaction.atomic
def end_circumstance(
    *, actor: Actor, circumstance: Circumstance, end: date
) -> Circumstance:
    """Set the last day of a circumstance; one already ended by then is refused.

    Audit: rotation.circumstance.ended.
    """
    person = circumstance.person
    _require(actor, person.unit_path, person.unit_id)
    if circumstance.end is not None and circumstance.end <= end:
        raise InvalidInput.single("", _("This circumstance has already ended."))
    if end < circumstance.start:
        raise InvalidInput.single(
            "end", str(messages.CIRCUMSTANCE_PROBLEMS["ends_before_start"])
        )
    before = snapshot(circumstance, ("end",))
    circumstance.end = end
    circumstance.save(update_fields=["end"])
    log_action(
        "rotation.circumstance.ended", actor=actor, obj=circumstance,
        unit_path=circumstance.unit_path, person_id=person.pk,
        changes=diff(before, snapshot(circumstance, ("end",))),
    )  # fmt: skip
    return circumstance


# --- Annual plans (Luật PCTN art. 26) -----------------------------------------------

PLAN_FIELDS = ("unit", "year", "purpose", "measures", "status", "published_on")


@transaction.atomic
def create_plan(
    *, actor: Actor, unit: Unit, year: int, purpose: str = "", measures: str = ""
) -> RotationPlan:
    """Create an agency's plan of periodic changes for a year. Audit: rotation.plan.created."""
    _require(actor, unit.path, unit.pk)
    if not 2000 <= year <= 2100:
        raise InvalidInput.single("year", _("Enter a year between 2000 and 2100."))
    message = _("%(unit)s already has a rotation plan for %(year)s.") % {
        "unit": unit.name,
        "year": year,
    }
    if RotationPlan.objects.filter(unit=unit, year=year).exists():
        raise InvalidInput.single("year", message)
    plan = RotationPlan(
        unit=unit,
        unit_path=unit.path,
        year=year,
        purpose=purpose.strip(),
        measures=measures.strip(),
    )
    save_unique(plan, field="year", message=message)
    log_action(
        "rotation.plan.created", actor=actor, obj=plan, unit_path=unit.path,
        changes=diff({}, snapshot(plan, PLAN_FIELDS)),
    )  # fmt: skip
    return plan


def _require_draft(plan: RotationPlan) -> None:
    if plan.status != RotationPlan.Status.DRAFT:
        raise InvalidInput.single(
            "", _("The plan is published: only its changes can still be carried out.")
        )


def _validate_item(
    plan: RotationPlan,
    assignment: Assignment,
    target_unit: Unit,
    target: JobPosition,
    planned: date,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    position = assignment.job_position
    if (
        assignment.end_date is not None
        or position is None
        or position.rotation_months is None
    ):
        errors["assignment"] = [
            _(
                "Only a current assignment in a position subject to rotation can be changed."
            )
        ]
    elif target_unit.pk == assignment.unit_id and target.pk == position.pk:
        errors["target_job_position"] = [
            _("Choose another job position or unit: this is the current one.")
        ]
    if planned.year != plan.year:
        errors["planned_date"] = [
            _("The planned date must fall in the plan's year %(year)s.")
            % {"year": plan.year}
        ]
    elif planned <= assignment.start_date:
        errors["planned_date"] = [
            _("The planned date must be after the current assignment began.")
        ]
    if PositionChange.objects.filter(plan=plan, assignment=assignment).exists():
        errors["assignment"] = [_("This person is already in the plan.")]
    return errors


@transaction.atomic
def add_to_plan(
    *,
    actor: Actor,
    plan: RotationPlan,
    assignment: Assignment,
    target_unit: Unit,
    target_job_position: JobPosition,
    planned_date: date,
) -> PositionChange:
    """Add a person's change to a draft plan.

    Refused with the reason when the person is not rotated (less than 18 months
    to retirement, Decree 59 art. 39.2); postponements (art. 38) on the planned
    date are recorded on the item as flags. Audit: rotation.change.added.
    """
    _require(actor, plan.unit_path, plan.unit_id)
    _require(actor, target_unit.path, target_unit.pk)
    person = assignment.person
    if not actor.covers(MANAGE, person.unit_path, person.unit_id):
        raise NotAllowed
    _require_draft(plan)
    errors = _validate_item(
        plan, assignment, target_unit, target_job_position, planned_date
    )
    if errors:
        raise InvalidInput(errors)
    checks = checks_for([person], {person.pk: planned_date})[person.pk]
    refused = [messages.explain(c) for c in checks if c.severity == "refuse"]
    if refused:
        raise InvalidInput({"assignment": refused})
    change = PositionChange.objects.create(
        plan=plan, person=person, assignment=assignment, target_unit=target_unit,
        target_job_position=target_job_position, planned_date=planned_date,
        flags=[c.code for c in checks],
    )  # fmt: skip
    log_action(
        "rotation.change.added", actor=actor, obj=change, unit_path=plan.unit_path,
        person_id=person.pk,
        data={"plan": plan.pk, "target_unit": target_unit.pk,
              "target_job_position": target_job_position.pk,
              "planned_date": planned_date.isoformat(), "flags": change.flags},
    )  # fmt: skip
    return change


@transaction.atomic
def publish_plan(*, actor: Actor, plan: RotationPlan, today: date) -> RotationPlan:
    """Publish a draft plan (Luật PCTN art. 26); it becomes read-only except for
    carrying out its changes. Audit: rotation.plan.published."""
    _require(actor, plan.unit_path, plan.unit_id)
    _require_draft(plan)
    if not plan.items.exists():
        raise InvalidInput.single(
            "", _("Add at least one position change before publishing.")
        )
    if not plan.purpose.strip():
        raise InvalidInput.single(
            "purpose",
            _("State the plan's purpose before publishing (Luật PCTN art. 26)."),
        )
    before = snapshot(plan, ("status", "published_on"))
    plan.status = RotationPlan.Status.PUBLISHED
    plan.published_on = today
    plan.save(update_fields=["status", "published_on"])
    log_action(
        "rotation.plan.published", actor=actor, obj=plan, unit_path=plan.unit_path,
        changes=diff(before, snapshot(plan, ("status", "published_on"))),
    )  # fmt: skip
    return plan


@transaction.atomic
def remove_from_plan(*, actor: Actor, change: PositionChange) -> None:
    """Take a change out of a draft plan. Audit: rotation.change.removed."""
    plan = change.plan
    _require(actor, plan.unit_path, plan.unit_id)
    _require_draft(plan)
    log_action(
        "rotation.change.removed", actor=actor, obj=change, unit_path=plan.unit_path,
        person_id=change.person_id, data={"plan": plan.pk},
    )  # fmt: skip
    change.delete()


@transaction.atomic
def execute_change(
    *, actor: Actor, change: PositionChange, on: date, decision_ref: str = ""
) -> Assignment:
    """Carry out a planned change on `on` by a written decision (Decree 59 art. 37).

    Ends the current assignment the day before and creates the new one through
    the people services, in this one transaction. Refused while the person is
    not rotated or the change is postponed on that day (Decree 59 arts. 38–39).
    Audit: rotation.change.executed (and people.assignment.updated/created).
    """
    plan = change.plan
    _require(actor, plan.unit_path, plan.unit_id)
    if plan.status != RotationPlan.Status.PUBLISHED:
        raise InvalidInput.single(
            "", _("Publish the plan before carrying out its changes.")
        )
    if change.status != PositionChange.Status.PLANNED:
        raise InvalidInput.single("", _("This change is no longer planned."))
    old = (
        Assignment.objects.select_for_update()
        .select_related("person__unit", "unit")
        .get(pk=change.assignment_id)
    )
    if old.end_date is not None and old.end_date < on:
        raise InvalidInput.single("on", _("The current assignment has already ended."))
    if on <= old.start_date:
        raise InvalidInput.single(
            "on", _("The change must come after the current assignment began.")
        )
    checks = checks_for([old.person], {old.person_id: on})[old.person_id]
    if checks:
        raise InvalidInput({"on": [messages.explain(c) for c in checks]})
    people.update_assignment(
        actor=actor, assignment=old, end_date=on - timedelta(days=1)
    )
    new = people.create_assignment(
        actor=actor, person=old.person, unit=change.target_unit,
        job_position=change.target_job_position, start_date=on,
        is_primary=old.is_primary, decision_ref=decision_ref,
    )  # fmt: skip
    change.status = PositionChange.Status.DONE
    change.done_on = on
    change.decision_ref = decision_ref.strip()
    change.new_assignment = new
    change.save(update_fields=["status", "done_on", "decision_ref", "new_assignment"])
    log_action(
        "rotation.change.executed", actor=actor, obj=change, unit_path=plan.unit_path,
        person_id=change.person_id,
        data={"old_assignment": old.pk, "new_assignment": new.pk, "on": on.isoformat()},
    )  # fmt: skip
    return new


@transaction.atomic
def cancel_change(*, actor: Actor, change: PositionChange) -> PositionChange:
    """Cancel a planned change of a published plan (e.g. a postponement that lasts).

    A draft plan's change is removed instead (remove_from_plan).
    Audit: rotation.change.cancelled.
    """
    plan = change.plan
    _require(actor, plan.unit_path, plan.unit_id)
    if plan.status == RotationPlan.Status.DRAFT:
        raise InvalidInput.single(
            "", _("The plan is still a draft: remove the change from it instead.")
        )
    if change.status != PositionChange.Status.PLANNED:
        raise InvalidInput.single("", _("This change is no longer planned."))
    change.status = PositionChange.Status.CANCELLED
    change.save(update_fields=["status"])
    log_action(
        "rotation.change.cancelled", actor=actor, obj=change, unit_path=plan.unit_path,
        person_id=change.person_id,
    )  # fmt: skip
    return change


# --- Leader rotation (luân chuyển) --------------------------------------------------

ROTATION_FIELDS = (
    "person", "kind", "short_service_case", "from_unit", "from_post", "to_unit", "to_post",
    "start", "planned_end", "goals", "decision_ref", "status", "result", "evaluation",
    "evaluated_on", "placement_unit", "placement_post", "placement_decision", "placed_on",
)  # fmt: skip


@transaction.atomic
def create_rotation(
    *,
    actor: Actor,
    person: Person,
    kind: str,
    from_unit: Unit,
    to_unit: Unit,
    start: date,
    planned_end: date,
    goals: str,
    from_post: Post | None = None,
    to_post: Post | None = None,
    short_service_case: bool = False,
    decision_ref: str = "",
) -> Rotation:
    """Record a leader's rotation with its goals ("đặt hàng – giao nhiệm vụ").

    Refused with the reasons of ROT-04: not in planning (QĐ 65), too little
    service left (QĐ 65; Decree 138 art. 56), shorter than 36 months (Decree 170
    art. 48). Audit: rotation.rotation.created.
    """
    _require(actor, person.unit_path, person.unit_id)
    _require(actor, from_unit.path, from_unit.pk)
    errors: dict[str, list[str]] = {}
    if kind not in Rotation.Kind.values:
        errors["kind"] = [_("Choose one of the listed kinds of rotation.")]
    if not goals.strip():
        errors["goals"] = [_("State the tasks the rotated cadre is given.")]
    if from_unit.pk == to_unit.pk and from_post == to_post:
        errors["to_unit"] = [_("The rotation must lead to another unit or post.")]
    if planned_end < start:
        errors["planned_end"] = [_("The planned end cannot be before the start.")]
    checks = leader_rotation_checks(
        birth_date=person.birth_date, sex=person.sex,  # type: ignore[arg-type]
        start=start, planned_end=planned_end, in_planning=bool(active_plans([person.pk]).get(person.pk)),
        short_service_case=short_service_case,
    )  # fmt: skip
    field_of = {
        "too_short": "planned_end",
        "not_in_planning": "person",
        "service_left_short": "start",
    }
    for check in checks:
        errors.setdefault(field_of[check.code], []).append(messages.explain(check))
    if errors:
        raise InvalidInput(errors)
    rotation = Rotation.objects.create(
        person=person, unit_path=from_unit.path, kind=kind, short_service_case=short_service_case,
        from_unit=from_unit, from_post=from_post, to_unit=to_unit, to_post=to_post, start=start,
        planned_end=planned_end, goals=goals.strip(), decision_ref=decision_ref.strip(),
    )  # fmt: skip
    log_action(
        "rotation.rotation.created", actor=actor, obj=rotation, unit_path=rotation.unit_path,
        person_id=person.pk, changes=diff({}, snapshot(rotation, ROTATION_FIELDS)),
    )  # fmt: skip
    return rotation


def _update_rotation(
    actor: Actor, rotation: Rotation, action: str, values: dict[str, Any]
) -> None:
    before = snapshot(rotation, ROTATION_FIELDS)
    for name, value in values.items():
        setattr(rotation, name, value)
    rotation.save()
    log_action(
        action, actor=actor, obj=rotation, unit_path=rotation.unit_path,
        person_id=rotation.person_id, changes=diff(before, snapshot(rotation, ROTATION_FIELDS)),
    )  # fmt: skip


@transaction.atomic
def evaluate_rotation(
    *, actor: Actor, rotation: Rotation, result: str, evaluation: str, on: date
) -> Rotation:
    """Record the evaluation at the end of a rotation. Audit: rotation.rotation.evaluated."""
    _require(actor, rotation.unit_path, rotation.from_unit_id)
    if rotation.status == Rotation.Status.CLOSED:
        raise InvalidInput.single("", _("This rotation is closed."))
    errors: dict[str, list[str]] = {}
    if result not in Rotation.Result.values:
        errors["result"] = [_("Choose one of the listed results.")]
    if not evaluation.strip():
        errors["evaluation"] = [_("Write the evaluation of the rotation.")]
    if on < rotation.start:
        errors["on"] = [_("The evaluation cannot be dated before the rotation began.")]
    if errors:
        raise InvalidInput(errors)
    _update_rotation(
        actor, rotation, "rotation.rotation.evaluated",
        {"result": result, "evaluation": evaluation.strip(), "evaluated_on": on,
         "status": Rotation.Status.EVALUATED},
    )  # fmt: skip
    return rotation


@transaction.atomic
def close_rotation(
    *,
    actor: Actor,
    rotation: Rotation,
    unit: Unit,
    on: date,
    post: Post | None = None,
    decision_ref: str = "",
) -> Rotation:
    """Record the placement after an evaluated rotation (Decree 170/2025 art. 50);
    the placement creates the person's new assignment in a unit the actor manages.
    Audit: rotation.rotation.closed."""
    _require(actor, rotation.unit_path, rotation.from_unit_id)
    _require(actor, unit.path, unit.pk)
    if rotation.status != Rotation.Status.EVALUATED:
        raise InvalidInput.single(
            "", _("Evaluate the rotation before recording the placement.")
        )
    if on < rotation.start:
        raise InvalidInput.single(
            "on", _("The placement cannot be dated before the rotation began.")
        )
    assignment = people.create_assignment(
        actor=actor, person=rotation.person, unit=unit, post=post, start_date=on,
        decision_ref=decision_ref,
    )  # fmt: skip
    _update_rotation(
        actor, rotation, "rotation.rotation.closed",
        {"placement_unit": unit, "placement_post": post, "placement_decision": decision_ref.strip(),
         "placed_on": on, "placement_assignment": assignment, "status": Rotation.Status.CLOSED},
    )  # fmt: skip
    return rotation
