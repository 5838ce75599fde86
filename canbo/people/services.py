"""Writes to staff records. Each service is one transaction and writes the audit log."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from canbo.core.actor import Actor
from canbo.core.audit import Changes, diff, log_action, set_fields, snapshot
from canbo.core.errors import InvalidInput, NotAllowed, save_unique
from canbo.org.models import JobPosition, Post, Unit
from canbo.people import messages
from canbo.people.conflicts import link_staff_record
from canbo.people.models import Assignment, Person, Relative
from canbo.policy.access import Capability
from canbo.policy.citizen_id import citizen_id_problems
from canbo.policy.people import assignment_problems, birth_date_problems
from canbo.policy.text import fold, name_sort_key

PERSON_FIELDS = (
    "full_name", "sex", "birth_date", "citizen_id", "ethnicity", "religion", "birthplace",
    "hometown", "phone", "email", "category", "civil_service_rank", "salary_step",
    "salary_coefficient", "education", "major", "political_theory", "state_management",
    "party_join_date", "recruited_on", "unit", "is_active",
)  # fmt: skip
ASSIGNMENT_FIELDS = (
    "unit",
    "post",
    "job_position",
    "start_date",
    "end_date",
    "is_primary",
    "decision_ref",
)
RELATIVE_FIELDS = (
    "relation",
    "full_name",
    "birth_year",
    "occupation",
    "workplace",
    "citizen_id",
)


def require_unit_scope(
    actor: Actor, unit: Unit, capability: Capability = Capability.EDIT_PEOPLE
) -> None:
    if actor.read_only or not actor.covers(capability, unit.path, unit.pk):
        raise NotAllowed


def _validate_person(person: Person, *, today: date) -> None:
    errors: dict[str, list[str]] = {}
    if not person.full_name.strip():
        errors["full_name"] = [_("The full name is required.")]
    if person.sex not in Person.Sex.values:
        errors["sex"] = [_("Sex must be M (male) or F (female).")]
    if person.category not in Person.Category.values:
        errors["category"] = [_("Unknown staff category.")]
    birth = birth_date_problems(person.birth_date, today=today)
    if birth:
        errors["birth_date"] = [str(messages.BIRTH_DATE[code]) for code in birth]
    problems = citizen_id_problems(
        person.citizen_id,
        birth_date=None if birth else person.birth_date,
        sex=person.sex,
    )
    if (
        not problems
        and Person.objects.filter(citizen_id=person.citizen_id)
        .exclude(pk=person.pk)
        .exists()
    ):
        problems = ("duplicate",)
    if problems:
        errors["citizen_id"] = [str(messages.CITIZEN_ID[code]) for code in problems]
    if person.salary_step is not None and not 1 <= person.salary_step <= 20:
        errors["salary_step"] = [_("The salary step must be between 1 and 20.")]
    if errors:
        raise InvalidInput(errors)


def _set_derived(person: Person) -> None:
    person.full_name = " ".join(person.full_name.split())
    person.citizen_id = person.citizen_id.strip()
    person.search_name = fold(person.full_name)
    person.sort_name = name_sort_key(person.full_name)
    person.unit_path = person.unit.path


@transaction.atomic
def create_person(
    *, actor: Actor, unit: Unit, today: date | None = None, **values: Any
) -> Person:
    """Create a staff record managed by `unit`, which must be in the actor's edit scope.

    Validates the citizen ID (format, province, sex and birth-year digits,
    uniqueness) and the date of birth. Audit: people.person.created.
    """
    require_unit_scope(actor, unit)
    person = Person(unit=unit, **values)
    _set_derived(person)
    _validate_person(person, today=today or timezone.localdate())
    save_unique(
        person, field="citizen_id", message=str(messages.CITIZEN_ID["duplicate"])
    )
    log_action(
        "people.person.created",
        actor=actor,
        obj=person,
        unit_path=person.unit_path,
        changes=diff({}, snapshot(person, PERSON_FIELDS)),
    )
    return person


@transaction.atomic
def update_person(
    *, actor: Actor, person: Person, today: date | None = None, **values: Any
) -> Person:
    """Change fields of a staff record; moving it to another unit needs scope on both.

    Audit: people.person.updated with each changed field before and after.
    """
    require_unit_scope(actor, person.unit)
    before = snapshot(person, PERSON_FIELDS)
    set_fields(person, values, PERSON_FIELDS)
    if "unit" in values:
        require_unit_scope(actor, person.unit)
    _set_derived(person)
    _validate_person(person, today=today or timezone.localdate())
    changes = diff(before, snapshot(person, PERSON_FIELDS))
    if changes:
        save_unique(
            person, field="citizen_id", message=str(messages.CITIZEN_ID["duplicate"])
        )
        log_action(
            "people.person.updated",
            actor=actor,
            obj=person,
            unit_path=person.unit_path,
            changes=changes,
        )
    return person


def _log_record(
    action: str,
    *,
    actor: Actor,
    obj: Assignment | Relative,
    unit_path: str,
    changes: Changes,
) -> None:
    """Audit a change to a part of a staff record, filed under that person."""
    log_action(
        action,
        actor=actor,
        obj=obj,
        unit_path=unit_path,
        person_id=obj.person_id,
        changes=changes,
    )


def _validate_assignment(assignment: Assignment) -> None:
    errors: dict[str, list[str]] = {}
    if assignment.post_id is None and assignment.job_position_id is None:
        errors[""] = [_("Choose a post, a job position, or both.")]
    for code in assignment_problems(
        birth_date=assignment.person.birth_date,
        start=assignment.start_date,
        end=assignment.end_date,
    ):
        field = "end_date" if code == "ends_before_start" else "start_date"
        errors.setdefault(field, []).append(str(messages.ASSIGNMENT[code]))
    if errors:
        raise InvalidInput(errors)


def _check_relatives(actor: Actor, assignment: Assignment, override: str) -> None:
    """Refuse a relatives' conflict (Luật PCTN 36/2018 art. 20.3) unless a head sets
    it aside; canbo/trust/conflicts.py."""
    from canbo.trust.conflicts import check_assignment

    check_assignment(actor, assignment, override=override, today=timezone.localdate())


def _follow_primary(actor: Actor, assignment: Assignment) -> None:
    """An open primary assignment in another unit moves the record to that unit."""
    person = assignment.person
    if (
        assignment.is_primary
        and assignment.end_date is None
        and person.unit_id != assignment.unit_id
    ):
        update_person(actor=actor, person=person, unit=assignment.unit)


@transaction.atomic
def create_assignment(
    *,
    actor: Actor,
    person: Person,
    unit: Unit,
    start_date: date,
    post: Post | None = None,
    job_position: JobPosition | None = None,
    end_date: date | None = None,
    is_primary: bool = True,
    decision_ref: str = "",
    conflict_override: str = "",
) -> Assignment:
    """Place a person in a post and/or job position of a unit from `start_date`.

    Concurrent assignments are allowed. The person must be 18 on the start date
    and the end may not precede the start. A relatives' conflict is refused unless
    a head sets it aside (`conflict_override`). Audit: people.assignment.created.
    """
    require_unit_scope(actor, person.unit)
    require_unit_scope(actor, unit)
    assignment = Assignment(
        person=person,
        unit=unit,
        post=post,
        job_position=job_position,
        start_date=start_date,
        end_date=end_date,
        is_primary=is_primary,
        decision_ref=decision_ref.strip(),
    )
    _validate_assignment(assignment)
    _check_relatives(actor, assignment, conflict_override)
    assignment.save()
    _log_record(
        "people.assignment.created",
        actor=actor,
        obj=assignment,
        unit_path=unit.path,
        changes=diff({}, snapshot(assignment, ASSIGNMENT_FIELDS)),
    )
    _follow_primary(actor, assignment)
    return assignment


@transaction.atomic
def update_assignment(
    *,
    actor: Actor,
    assignment: Assignment,
    conflict_override: str = "",
    **values: Any,
) -> Assignment:
    """Change an assignment (e.g. set its end date). Audit: people.assignment.updated."""
    require_unit_scope(actor, assignment.person.unit)
    before = snapshot(assignment, ASSIGNMENT_FIELDS)
    set_fields(assignment, values, ASSIGNMENT_FIELDS)
    require_unit_scope(actor, assignment.unit)
    _validate_assignment(assignment)
    changes = diff(before, snapshot(assignment, ASSIGNMENT_FIELDS))
    if changes:
        _check_relatives(actor, assignment, conflict_override)
        assignment.save()
        _log_record(
            "people.assignment.updated",
            actor=actor,
            obj=assignment,
            unit_path=assignment.unit.path,
            changes=changes,
        )
        _follow_primary(actor, assignment)
    return assignment


@transaction.atomic
def delete_assignment(*, actor: Actor, assignment: Assignment) -> None:
    """Remove an assignment entered by mistake. Audit: people.assignment.deleted."""
    require_unit_scope(actor, assignment.person.unit)
    _log_record(
        "people.assignment.deleted",
        actor=actor,
        obj=assignment,
        unit_path=assignment.unit.path,
        changes=diff(snapshot(assignment, ASSIGNMENT_FIELDS), {}),
    )
    assignment.delete()


def _validate_relative(relative: Relative) -> None:
    errors: dict[str, list[str]] = {}
    if not relative.full_name.strip():
        errors["full_name"] = [_("The full name is required.")]
    if relative.relation not in Relative.Relation.values:
        errors["relation"] = [_("Unknown relation.")]
    if relative.citizen_id and citizen_id_problems(relative.citizen_id):
        errors["citizen_id"] = [str(messages.CITIZEN_ID["format"])]
    this_year = timezone.localdate().year
    if relative.birth_year is not None and not 1900 <= relative.birth_year <= this_year:
        errors["birth_year"] = [
            _("The year of birth must be between 1900 and this year.")
        ]
    if errors:
        raise InvalidInput(errors)


@transaction.atomic
def add_relative(*, actor: Actor, person: Person, **values: Any) -> Relative:
    """Declare a relative of a person. Audit: people.relative.created."""
    require_unit_scope(actor, person.unit)
    relative = Relative(person=person, **values)
    _validate_relative(relative)
    link_staff_record(relative)
    relative.save()
    _log_record(
        "people.relative.created",
        actor=actor,
        obj=relative,
        unit_path=person.unit_path,
        changes=diff({}, snapshot(relative, RELATIVE_FIELDS)),
    )
    return relative


@transaction.atomic
def update_relative(*, actor: Actor, relative: Relative, **values: Any) -> Relative:
    """Change a declared relative. Audit: people.relative.updated."""
    require_unit_scope(actor, relative.person.unit)
    before = snapshot(relative, RELATIVE_FIELDS)
    set_fields(relative, values, RELATIVE_FIELDS)
    _validate_relative(relative)
    changes = diff(before, snapshot(relative, RELATIVE_FIELDS))
    if changes:
        link_staff_record(relative)
        relative.save()
        _log_record(
            "people.relative.updated",
            actor=actor,
            obj=relative,
            unit_path=relative.person.unit_path,
            changes=changes,
        )
    return relative


@transaction.atomic
def delete_relative(*, actor: Actor, relative: Relative) -> None:
    """Remove a declared relative. Audit: people.relative.deleted."""
    require_unit_scope(actor, relative.person.unit)
    _log_record(
        "people.relative.deleted",
        actor=actor,
        obj=relative,
        unit_path=relative.person.unit_path,
        changes=diff(snapshot(relative, RELATIVE_FIELDS), {}),
    )
    relative.delete()
