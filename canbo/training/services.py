"""The only writers of training records, standards and targets: checked, audited.

Records: MANAGE_CAREERS on the person's unit. Standards: MANAGE_CAREERS on the
unit they hold in, or MANAGE_CATALOGUES (admin) for province-wide ones. Targets:
MANAGE_CAREERS on the unit. Each mutation is one transaction with one audit entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from canbo.core.actor import Actor
from canbo.core.audit import diff, log_action, set_fields, snapshot
from canbo.core.errors import InvalidInput, NotAllowed
from canbo.org.models import JobPosition, Post, Unit
from canbo.people.models import Person
from canbo.people.services import update_person
from canbo.policy import training as rules
from canbo.training import messages
from canbo.training.models import LEVELS_BY_KIND, Kind, Standard, Target, Training
from canbo.training.selectors import MANAGE, can_edit_standard
from canbo.work.services.products import check_files

RECORD_FIELDS = (
    "kind",
    "level",
    "field",
    "institution",
    "start_date",
    "end_date",
    "full_time",
    "hours",
    "certificate_number",
    "certificate_date",
    "note",
)
STANDARD_FIELDS = (
    "degree",
    "theory",
    "state_management",
    "language",
    "it",
    "course_hours",
    "basis",
)
TARGET_FIELDS = (
    "name",
    "population",
    "kind",
    "level",
    "threshold_percent",
    "year",
    "basis",
)
# The CV field that holds the highest level of each kind.
CV_FIELDS = {
    Kind.DEGREE: "education",
    Kind.THEORY: "political_theory",
    Kind.STATE: "state_management",
}


def _changed_elsewhere() -> InvalidInput:
    return InvalidInput.single("", str(messages.CHANGED))


def _require_manage(actor: Actor, unit: Unit) -> None:
    if actor.read_only or not actor.covers(MANAGE, unit.path, unit.pk):
        raise NotAllowed


def _validate_record(record: Training) -> None:
    if record.kind not in Kind.values:
        raise InvalidInput.single("kind", _("Choose a kind of training."))
    problems = rules.record_problems(
        kind=rules.Kind(record.kind),
        level=record.level,
        start=record.start_date,
        end=record.end_date,
        certificate_date=record.certificate_date,
        hours=record.hours,
    )
    if problems:
        raise InvalidInput(
            {
                field: [str(messages.RECORD[code]) for code in codes]
                for field, codes in problems.items()
            }
        )


def _attach(record: Training, upload: UploadedFile[bytes] | None) -> None:
    if upload is None:
        return
    check_files([upload], field="certificate_file")
    name = upload.name or "file"
    record.certificate_file = upload
    record.certificate_name = name[:255]


def _raise_cv(actor: Actor, record: Training) -> None:
    """Keep the CV's highest level up to date when a higher one is recorded.

    The change goes through the people service and is audited there
    (people.person.updated).
    """
    field = CV_FIELDS.get(Kind(record.kind))
    if field is None:
        return
    person = Person.objects.select_related("unit").get(pk=record.person_id)
    kind = rules.Kind(record.kind)
    if rules.rank(kind, record.level) <= rules.rank(kind, getattr(person, field)):
        return
    values: dict[str, Any] = {field: record.level}
    if kind == rules.Kind.DEGREE and record.field:
        values["major"] = record.field[:150]
    update_person(actor=actor, person=person, **values)


@transaction.atomic
def record_training(
    *,
    actor: Actor,
    person: Person,
    certificate_file: UploadedFile[bytes] | None = None,
    **values: Any,
) -> Training:
    """Enter a degree, certificate or short course for `person`.

    Refused with the field named: a level that does not exist for the kind, an
    end before the start, a certificate dated before the start, a course without
    hours, a file too large or of a refused type. A higher degree, theory or state
    management level than the CV's raises the CV field. Audit:
    training.record.created.
    """
    _require_manage(actor, person.unit)
    record = Training(
        person=person,
        unit=person.unit,
        unit_path=person.unit.path,
        created_by=actor.user,
    )
    set_fields(record, values, RECORD_FIELDS)
    record.level = record.level or ""
    _validate_record(record)
    _attach(record, certificate_file)
    record.save()
    log_action(
        "training.record.created",
        actor=actor,
        obj=record,
        unit_path=record.unit_path,
        person_id=record.person_id,
        changes=diff({}, snapshot(record, RECORD_FIELDS)),
    )
    _raise_cv(actor, record)
    return record


@transaction.atomic
def update_training(
    *,
    actor: Actor,
    record: Training,
    version: int | None = None,
    certificate_file: UploadedFile[bytes] | None = None,
    **values: Any,
) -> Training:
    """Change a record, with the same checks as entering it. Audit: training.record.updated."""
    _require_manage(actor, record.unit)
    locked = Training.objects.select_for_update().get(pk=record.pk)
    if version is not None and locked.version != version:
        raise _changed_elsewhere()
    before = snapshot(locked, RECORD_FIELDS)
    set_fields(locked, values, RECORD_FIELDS)
    locked.level = locked.level or ""
    _validate_record(locked)
    _attach(locked, certificate_file)
    changes = diff(before, snapshot(locked, RECORD_FIELDS))
    if certificate_file is not None:
        changes["certificate_file"] = [None, locked.certificate_name]
    if changes:
        locked.version += 1
        locked.save()
        log_action(
            "training.record.updated",
            actor=actor,
            obj=locked,
            unit_path=locked.unit_path,
            person_id=locked.person_id,
            changes=changes,
        )
        _raise_cv(actor, locked)
    return locked


@transaction.atomic
def delete_training(*, actor: Actor, record: Training) -> None:
    """Remove a record entered by mistake. The CV keeps its level. Audit: training.record.deleted."""
    _require_manage(actor, record.unit)
    log_action(
        "training.record.deleted",
        actor=actor,
        obj=record,
        unit_path=record.unit_path,
        person_id=record.person_id,
        changes=diff(snapshot(record, RECORD_FIELDS), {}),
    )
    record.delete()


def _valid_level(kind: str, level: str) -> bool:
    return level in dict(LEVELS_BY_KIND.get(kind, []))


def _validate_standard(standard: Standard) -> None:
    errors: dict[str, list[str]] = {}
    if (standard.post_id is None) == (standard.job_position_id is None):
        errors["post"] = [str(messages.STANDARD["one_target"])]
    for kind, field in (
        (Kind.DEGREE, "degree"),
        (Kind.THEORY, "theory"),
        (Kind.STATE, "state_management"),
        (Kind.LANGUAGE, "language"),
        (Kind.IT, "it"),
    ):
        value = getattr(standard, field)
        if value and not _valid_level(kind, value):
            errors[field] = [str(messages.RECORD["level_invalid"])]
    if not 0 <= (standard.course_hours or 0) <= 1000:
        errors["course_hours"] = [str(messages.STANDARD["hours_range"])]
    if not errors:
        same: dict[str, Any] = {
            "post_id": standard.post_id,
            "job_position_id": standard.job_position_id,
            "unit_id": standard.unit_id,
        }
        twins = Standard.objects.filter(**same).exclude(pk=standard.pk)
        if twins.exists():
            errors["post" if standard.post_id else "job_position"] = [
                str(messages.STANDARD["duplicate"])
            ]
    if errors:
        raise InvalidInput(errors)


@transaction.atomic
def save_standard(
    *,
    actor: Actor,
    standard: Standard | None = None,
    post: Post | None = None,
    job_position: JobPosition | None = None,
    unit: Unit | None = None,
    version: int | None = None,
    **values: Any,
) -> Standard:
    """Create (without `standard`) or change the minimums of a post or job position.

    Province-wide (no unit): admins with MANAGE_CATALOGUES; a unit's: careers
    managers of that unit. Audit: training.standard.created / .updated.
    """
    if standard is None:
        if not can_edit_standard(actor, unit):
            raise NotAllowed
        standard = Standard(
            post=post,
            job_position=job_position,
            unit=unit,
            unit_path=unit.path if unit else "",
        )
        before: dict[str, Any] = {}
        action = "training.standard.created"
    else:
        if not can_edit_standard(actor, standard.unit):
            raise NotAllowed
        standard = Standard.objects.select_for_update().get(pk=standard.pk)
        if version is not None and standard.version != version:
            raise _changed_elsewhere()
        before = snapshot(standard, STANDARD_FIELDS)
        action = "training.standard.updated"
    set_fields(standard, values, STANDARD_FIELDS)
    _validate_standard(standard)
    changes = diff(before, snapshot(standard, STANDARD_FIELDS))
    if before:
        if not changes:
            return standard
        standard.version += 1
    else:
        changes["post"] = [None, str(standard.post or standard.job_position)]
    standard.save()
    log_action(
        action,
        actor=actor,
        obj=standard,
        unit_path=standard.unit_path,
        changes=changes,
    )
    return standard


def _validate_target(target: Target, posts: list[Post]) -> None:
    errors: dict[str, list[str]] = {}
    if not target.name.strip():
        errors["name"] = [str(messages.TARGET["name_required"])]
    if target.kind not in Kind.values or target.kind == Kind.COURSE:
        errors["kind"] = [_("Choose a qualification.")]
    elif not _valid_level(target.kind, target.level):
        errors["level"] = [str(messages.TARGET["level_invalid"])]
    if not 1 <= (target.threshold_percent or 0) <= 100:
        errors["threshold_percent"] = [str(messages.TARGET["percent_range"])]
    if target.population not in Target.Population.values:
        errors["population"] = [_("Choose who is counted.")]
    elif target.population == Target.Population.POSTS and not posts:
        errors["posts"] = [str(messages.TARGET["posts_required"])]
    elif target.population != Target.Population.POSTS and posts:
        errors["posts"] = [str(messages.TARGET["posts_not_allowed"])]
    if errors:
        raise InvalidInput(errors)


@transaction.atomic
def save_target(
    *,
    actor: Actor,
    unit: Unit,
    target: Target | None = None,
    posts: Iterable[Post] = (),
    version: int | None = None,
    **values: Any,
) -> Target:
    """Create (without `target`) or change a unit's training target.

    Needs MANAGE_CAREERS on the unit (and on its former unit when moved).
    Audit: training.target.created / .updated.
    """
    _require_manage(actor, unit)
    chosen = list(posts)
    if target is None:
        target = Target()
        before: dict[str, Any] = {}
        action = "training.target.created"
    else:
        _require_manage(actor, target.unit)
        target = Target.objects.select_for_update().get(pk=target.pk)
        if version is not None and target.version != version:
            raise _changed_elsewhere()
        before = {
            **snapshot(target, TARGET_FIELDS),
            "unit": str(target.unit),
            "posts": sorted(str(p) for p in target.posts.all()),
        }
        action = "training.target.updated"
    set_fields(target, values, TARGET_FIELDS)
    target.unit, target.unit_path = unit, unit.path
    _validate_target(target, chosen)
    after = {
        **snapshot(target, TARGET_FIELDS),
        "unit": str(unit),
        "posts": sorted(str(p) for p in chosen),
    }
    changes = diff(before, after)
    if not changes:
        return target
    if target.pk is not None:
        target.version += 1
    target.save()
    target.posts.set(chosen)
    log_action(action, actor=actor, obj=target, unit_path=unit.path, changes=changes)
    return target


@transaction.atomic
def delete_target(*, actor: Actor, target: Target) -> None:
    """Remove a target. Audit: training.target.deleted."""
    _require_manage(actor, target.unit)
    log_action(
        "training.target.deleted",
        actor=actor,
        obj=target,
        unit_path=target.unit_path,
        changes=diff(snapshot(target, TARGET_FIELDS), {}),
    )
    target.delete()
