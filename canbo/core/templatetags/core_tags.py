"""Template helpers shared by all apps."""

from __future__ import annotations

from django import template
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from canbo.core.labels import action_label
from canbo.core.models import AuditEntry

register = template.Library()


@register.filter
def audit_label(entry: AuditEntry) -> str:
    return action_label(entry.action)


@register.filter
def field_label(name: str, object_type: str) -> str:
    """Return the translated verbose name of `name` on the model `object_type`."""
    try:
        model = apps.get_model(object_type)
        return str(model._meta.get_field(name).verbose_name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return name


@register.filter
def percent_of(value: int, total: int) -> int:
    """Return value as a percentage of total, capped at 100 (for bars)."""
    if not total:
        return 0
    return min(100, round(100 * value / total))


@register.simple_tag
def change_value(object_type: str, name: str, value: object) -> object:
    """Return a stored history value as people read it: a choice's label, or "—"."""
    if value is None or value == "":
        return "—"
    try:
        field = apps.get_model(object_type)._meta.get_field(name)
    except (LookupError, ValueError, FieldDoesNotExist):
        return value
    choices = dict(getattr(field, "flatchoices", None) or ())
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return choices.get(value, value)
