from __future__ import annotations

from typing import Any

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

    def __init__(self, *args: Any, kinds: list[tuple[str, str]], **kwargs: Any) -> None:
        """`kinds`: the (value, label) kinds of file this user may import."""
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]
        if len(kinds) == 1:
            self.initial["kind"] = kinds[0][0]
