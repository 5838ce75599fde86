"""Translated messages for the reason codes of canbo.policy.work."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

TASK = {
    "deadline_before_assignment": (
        "deadline",
        _("The deadline is before the assignment date."),
    ),
    "quantity_not_positive": ("quantity", _("The quantity must be greater than zero.")),
}
EXTENSION = {
    "deadline_passed": (
        "requested_deadline",
        _("An extension must be requested before the deadline passes."),
    ),
    "not_later": (
        "requested_deadline",
        _("The new deadline must be after the current one."),
    ),
}
REVIEW = {
    "own_task": ("", _("Nobody may review their own task.")),
}
CONFLICT = _(
    "Someone else changed this task while you were working on it. Reload the page and try again."
)
OTHER_CATALOGUE = _(
    "This product type belongs to another job position's catalogue; tick the override to assign it anyway."
)
EVIDENCE = {
    "too_large": ("files", _("“%(name)s” is larger than the limit of %(limit)s MB.")),
    "type_refused": (
        "files",
        _("“%(name)s” is not an accepted file type (%(types)s)."),
    ),
}
