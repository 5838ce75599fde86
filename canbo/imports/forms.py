from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.imports.models import ImportJob


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("The file holds"),
        choices=ImportJob.Kind.choices,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: only show what would change"),
        required=False,
        initial=True,
        help_text=_("Nothing is saved. You can apply the file from the result page."),
    )
