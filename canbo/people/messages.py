"""Translated messages for the reason codes returned by canbo.policy."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

CITIZEN_ID = {
    "format": _("The citizen ID must be exactly 12 digits."),
    "province": _(
        "The first three digits of the citizen ID are not a valid province code."
    ),
    "sex_mismatch": _(
        "The fourth digit of the citizen ID does not match the person's sex."
    ),
    "birth_year_mismatch": _(
        "Digits 4–6 of the citizen ID do not match the year of birth."
    ),
    "duplicate": _("This citizen ID already belongs to another staff record."),
}

BIRTH_DATE = {
    "in_future": _("The date of birth cannot be in the future."),
    "implausible": _("The date of birth is before 1900."),
}

ASSIGNMENT = {
    "ends_before_start": _("The end date is before the start date."),
    "under_age": _("The person would be younger than 18 on the start date."),
}
