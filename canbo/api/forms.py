"""The form for a new API token."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “HR dashboard sync”."),
    )
    read_only = forms.BooleanField(
        label=_("Read-only"),
        required=False,
        initial=True,
        help_text=_("A read-only token can read data but not change it."),
    )
