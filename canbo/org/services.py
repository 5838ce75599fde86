"""Writes to the organisation tree. Every change is one transaction and one audit entry."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from canbo.core.actor import Actor
from canbo.core.audit import diff, log_action, set_fields, snapshot
from canbo.core.errors import InvalidInput, NotAllowed, save_unique
from canbo.org.models import JobPosition, Post, Unit, path_segment
from canbo.policy.access import Capability

UNIT_FIELDS = ("code", "name", "kind", "parent", "staffing_quota", "is_active")


def _require_edit(actor: Actor, unit: Unit | None) -> None:
    if actor.read_only:
        raise NotAllowed
    if unit is None:
        # A new root unit (a province or ministry) is created by a superuser only.
        if not actor.user.is_superuser:
            raise NotAllowed
        return
    if not actor.covers(Capability.EDIT_UNITS, unit.path, unit.pk):
        raise NotAllowed


def _duplicate_code(code: str) -> str:
    return _("Unit code %(code)s is already used by another unit.") % {"code": code}


def _check_fields(
    *, code: str, name: str, kind: str, staffing_quota: int, exclude_pk: int | None
) -> None:
    errors: dict[str, list[str]] = {}
    if not code.strip():
        errors["code"] = [_("The unit code is required.")]
    elif Unit.objects.filter(code=code).exclude(pk=exclude_pk or 0).exists():
        errors["code"] = [_duplicate_code(code)]
    if not name.strip():
        errors["name"] = [_("The unit name is required.")]
    if kind not in Unit.Kind.values:
        errors["kind"] = [_("Unknown unit kind “%(kind)s”.") % {"kind": kind}]
    if staffing_quota < 0:
        errors["staffing_quota"] = [_("The staffing quota cannot be negative.")]
    if errors:
        raise InvalidInput(errors)


@transaction.atomic
def create_unit(
    *,
    actor: Actor,
    code: str,
    name: str,
    kind: str,
    parent: Unit | None,
    staffing_quota: int = 0,
) -> Unit:
    """Create a unit under `parent`, which must be in the actor's edit scope.

    Audit: org.unit.created.
    """
    _require_edit(actor, parent)
    code = code.strip()
    _check_fields(
        code=code, name=name, kind=kind, staffing_quota=staffing_quota, exclude_pk=None
    )
    unit = Unit(
        code=code,
        name=name.strip(),
        kind=kind,
        parent=parent,
        staffing_quota=staffing_quota,
        depth=parent.depth + 1 if parent else 0,
    )
    save_unique(unit, field="code", message=_duplicate_code(code))
    unit.path = (parent.path if parent else "") + path_segment(unit.pk)
    unit.save(update_fields=["path"])
    log_action(
        "org.unit.created",
        actor=actor,
        obj=unit,
        unit_path=unit.path,
        changes=diff({}, snapshot(unit, UNIT_FIELDS)),
    )
    return unit


@transaction.atomic
def update_unit(*, actor: Actor, unit: Unit, **values: Any) -> Unit:
    """Change a unit's fields; a new `parent` moves the whole subtree.

    Refuses a parent inside the unit's own subtree (a unit cannot be its own
    ancestor). Audit: org.unit.updated with the fields before and after.
    """
    _require_edit(actor, unit)
    unknown = set(values) - set(UNIT_FIELDS)
    if unknown:
        raise TypeError(f"unknown unit fields: {sorted(unknown)}")
    before = snapshot(unit, UNIT_FIELDS)
    old_parent_id = unit.parent_id
    for name, value in values.items():
        setattr(unit, name, value.strip() if isinstance(value, str) else value)
    _check_fields(
        code=unit.code,
        name=unit.name,
        kind=unit.kind,
        staffing_quota=unit.staffing_quota,
        exclude_pk=unit.pk,
    )
    if unit.parent_id != old_parent_id:
        _move(actor, unit, unit.parent)
    save_unique(unit, field="code", message=_duplicate_code(unit.code))
    changes = diff(before, snapshot(unit, UNIT_FIELDS))
    if changes:
        log_action(
            "org.unit.updated",
            actor=actor,
            obj=unit,
            unit_path=unit.path,
            changes=changes,
        )
    return unit


def _move(actor: Actor, unit: Unit, new_parent: Unit | None) -> None:
    if new_parent is None:
        raise InvalidInput.single(
            "parent", _("Only a superuser can make a unit a root unit.")
        )
    if new_parent.path.startswith(unit.path):
        raise InvalidInput.single(
            "parent",
            _(
                "A unit cannot be placed under itself or under one of its own subordinate units."
            ),
        )
    _require_edit(actor, new_parent)
    old_path = unit.path
    new_path = new_parent.path + path_segment(unit.pk)
    depth_change = new_parent.depth + 1 - unit.depth
    _rewrite_paths(old_path, new_path, depth_change)
    unit.path = new_path
    unit.depth = new_parent.depth + 1


# Rows that carry a copy of their unit's path, to filter by scope without a join.
# The audit log keeps the path at the time of the action and is not rewritten.
PATH_COPIES = ("people.Person", "work.Task", "work.BoardSummary")


def _rewrite_paths(old_path: str, new_path: str, depth_change: int) -> None:
    """Replace the path prefix of a subtree and of every copy of its paths,
    one statement per table."""
    tail = Substr("path", len(old_path) + 1)
    Unit.objects.filter(path__pathprefix=old_path).update(
        path=Concat(Value(new_path), tail), depth=F("depth") + depth_change
    )
    for label in PATH_COPIES:
        apps.get_model(label).objects.filter(unit_path__pathprefix=old_path).update(
            unit_path=Concat(Value(new_path), Substr("unit_path", len(old_path) + 1))
        )


POST_FIELDS = ("code", "name", "rank", "is_leadership")
JOB_POSITION_FIELDS = ("code", "name", "group", "competencies")


def _require_catalogue(actor: Actor) -> None:
    if actor.read_only or not actor.can_anywhere(Capability.MANAGE_CATALOGUES):
        raise NotAllowed


def _save_entry[T: (Post, JobPosition)](
    actor: Actor,
    model: type[T],
    entry: T | None,
    values: dict[str, Any],
    fields: tuple[str, ...],
) -> T:
    """Create (entry=None) or change a catalogue entry; audit org.<model>.created/updated."""
    _require_catalogue(actor)
    target = entry or model()
    before = snapshot(target, fields) if entry else {}
    set_fields(
        target,
        {k: v.strip() if isinstance(v, str) else v for k, v in values.items()},
        fields,
    )
    if not target.code:
        raise InvalidInput.single("code", _("The code is required."))
    if model.objects.filter(code=target.code).exclude(pk=target.pk or 0).exists():
        raise InvalidInput.single(
            "code", _("Code %(code)s is already in use.") % {"code": target.code}
        )
    save_unique(
        target,
        field="code",
        message=_("Code %(code)s is already in use.") % {"code": target.code},
    )
    changes = diff(before, snapshot(target, fields))
    if changes:
        verb = "updated" if entry else "created"
        log_action(
            f"org.{model._meta.model_name}.{verb}",
            actor=actor,
            obj=target,
            changes=changes,
        )
    return target


@transaction.atomic
def save_post(*, actor: Actor, post: Post | None, **values: Any) -> Post:
    """Create (post=None) or change a leadership post. Audit: org.post.created/updated."""
    return _save_entry(actor, Post, post, values, POST_FIELDS)


@transaction.atomic
def save_job_position(
    *, actor: Actor, job_position: JobPosition | None, **values: Any
) -> JobPosition:
    """Create or change a job position and its competency framework.

    Audit: org.jobposition.created/updated.
    """
    return _save_entry(actor, JobPosition, job_position, values, JOB_POSITION_FIELDS)
