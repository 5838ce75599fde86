"""Turning references in API input (ids or codes) into objects the actor may see.

An unknown reference, or one outside the actor's scope, is refused as bad input
on the field that holds it (422), never as a missing page.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from ninja import Schema

from canbo.api.schemas.common import MAX_ID
from canbo.core.actor import Actor
from canbo.core.errors import InvalidInput
from canbo.org.models import JobPosition, Post, Unit
from canbo.org.selectors import job_positions, posts, units_visible_to
from canbo.people.models import Person
from canbo.people.selectors import people_visible_to


def _find[M: Model](items: QuerySet[M], ref: int | str) -> M | None:
    if isinstance(ref, int):
        return items.filter(pk=ref).first() if 1 <= ref <= MAX_ID else None
    return items.filter(code=ref.strip()).first()


def unit_ref(actor: Actor, ref: int | str, field: str = "unit") -> Unit:
    unit = _find(units_visible_to(actor), ref)
    if unit is None:
        raise InvalidInput.single(
            field,
            _("Unknown unit “%(ref)s”, or it is outside your scope.") % {"ref": ref},
        )
    return unit


def post_ref(ref: int | str, field: str = "post") -> Post:
    post = _find(posts(), ref)
    if post is None:
        raise InvalidInput.single(field, _("Unknown post “%(ref)s”.") % {"ref": ref})
    return post


def job_position_ref(ref: int | str, field: str = "job_position") -> JobPosition:
    position = _find(job_positions(), ref)
    if position is None:
        raise InvalidInput.single(
            field, _("Unknown job position “%(ref)s”.") % {"ref": ref}
        )
    return position


def person_ref(actor: Actor, pk: int, field: str = "person") -> Person:
    person = _find(people_visible_to(actor).select_related("unit"), pk)
    if person is None:
        message = _("Unknown staff record %(ref)s, or it is outside your scope.") % {
            "ref": pk
        }
        raise InvalidInput.single(field, message)
    return person


def patch_values(payload: Schema, nullable: frozenset[str]) -> dict[str, Any]:
    """Return the fields sent in a PATCH body; null is refused where the field needs a value."""
    values = payload.model_dump(exclude_unset=True)
    errors = {
        name: [_("This field cannot be null.")]
        for name, value in values.items()
        if value is None and name not in nullable
    }
    if errors:
        raise InvalidInput(errors)
    return values
