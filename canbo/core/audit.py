"""Writing the audit log. Services call `log_action`; nothing else writes entries."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models

from canbo.core.models import AuditEntry
from canbo.policy.text import fold

if TYPE_CHECKING:
    from canbo.accounts.models import User
    from canbo.core.actor import Actor

SENSITIVE_KEYS = ("password", "token", "secret", "key")
MASK = "********"

Changes = dict[str, list[Any]]


def jsonable(value: Any) -> Any:
    """Return `value` in a form the JSON field stores and people can read."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """Return the readable values of `fields` on `instance` (foreign keys by name)."""
    return {name: jsonable(getattr(instance, name)) for name in fields}


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> Changes:
    """Return {field: [before, after]} for the fields whose value changed."""
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def set_fields(
    instance: models.Model, values: Mapping[str, Any], allowed: Iterable[str]
) -> None:
    """Set `values` on `instance`, refusing names outside `allowed` (a programming error)."""
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(
            f"unknown {instance._meta.label_lower} fields: {sorted(unknown)}"
        )
    for name, value in values.items():
        setattr(instance, name, value)


def _mask(values: Mapping[str, Any]) -> dict[str, Any]:
    return {
        key: MASK if any(word in key.lower() for word in SENSITIVE_KEYS) else value
        for key, value in values.items()
    }


def log_action(
    action: str,
    *,
    actor: Actor | None,
    obj: models.Model | None = None,
    unit_path: str = "",
    changes: Changes | None = None,
    data: Mapping[str, Any] | None = None,
    person_id: int | None = None,
    user: User | None = None,
    ip: str | None = None,
) -> AuditEntry:
    """Record one action, e.g. "people.person.updated", by `actor` on `obj`.

    `user` and `ip` stand in for the actor on events that happen before there is
    one (a login, a failed login). Sensitive keys are masked before storing.
    """
    who = actor.user if actor is not None else user
    if (
        person_id is None
        and obj is not None
        and obj._meta.label_lower == "people.person"
    ):
        person_id = obj.pk
    return AuditEntry.objects.create(
        actor=who if who is not None and who.pk else None,
        actor_name=who.get_username() if who is not None else "",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        object_search=fold(str(obj))[:255] if obj is not None else "",
        unit_path=unit_path,
        person_id=person_id,
        changes=_mask(changes or {}),
        data=_mask(dict(data or {})),
        ip=actor.ip if actor is not None else ip,
    )
