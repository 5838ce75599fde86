"""Attaching service refusals to forms."""

from __future__ import annotations

from collections.abc import Mapping

from django import forms

from canbo.core.errors import InvalidInput


def add_service_errors(
    form: forms.Form, error: InvalidInput, renames: Mapping[str, str] | None = None
) -> None:
    """Show each service error on its form field, or above the form if there is none."""
    for field, messages in error.errors.items():
        name = (renames or {}).get(field, field)
        for message in messages:
            form.add_error(name if name in form.fields else None, message)
