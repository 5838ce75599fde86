"""Attaching service refusals to forms."""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from canbo.core.errors import InvalidInput


def add_service_errors(
    form: forms.Form, error: InvalidInput, renames: Mapping[str, str] | None = None
) -> None:
    """Show each service error on its form field, or above the form if there is none."""
    for field, problems in error.errors.items():
        name = (renames or {}).get(field, field)
        for message in problems:
            form.add_error(name if name in form.fields else None, message)


def flash_errors(request: HttpRequest, error: InvalidInput) -> None:
    """Show each service error as a message (for actions without a form)."""
    for problems in error.errors.values():
        for message in problems:
            messages.error(request, message)
