"""Errors raised by services, carrying field-level reasons the interfaces show."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Model


class InvalidInput(Exception):  # noqa: N818 - a refusal, not a crash
    """A service refused its input: `errors` maps each field to its messages.

    The key "" holds errors that belong to no single field.
    """

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors

    @classmethod
    def single(cls, field: str, message: str) -> InvalidInput:
        return cls({field: [message]})


class NotAllowed(PermissionDenied):
    """The actor lacks the capability for this action in this scope."""


def save_unique(instance: Model, *, field: str, message: str) -> None:
    """Save `instance`; a unique-constraint race on `field` becomes InvalidInput.

    The services check uniqueness first, but two requests can still race; the
    savepoint keeps the surrounding transaction usable.
    """
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        raise InvalidInput.single(field, message) from None
