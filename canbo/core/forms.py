from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.core.labels import ACTION_LABELS


class AuditFilterForm(forms.Form):
    q = forms.CharField(label=_("Object"), required=False)
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[
            ("", _("All actions")),
            *((code, label) for code, label in ACTION_LABELS.items()),
        ],
    )
    user = forms.CharField(label=_("User"), required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
