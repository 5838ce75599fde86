"""The form of the standard annual reports (shape only; the service checks scope)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from canbo.org.models import Unit
from canbo.reports.models import Export


class UnitChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Unit) -> str:
        return f"{'· ' * obj.depth}{obj.name}"


class ReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"))
    unit = UnitChoice(label=_("Unit and below"), queryset=Unit.objects.none())
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        required=False,
        help_text=_(
            "Levels: the last year by default; planning: this year's term by default."
        ),
    )
    format = forms.ChoiceField(label=_("Format"), choices=Export.Format.choices)

    def __init__(
        self,
        *args: Any,
        kinds: list[tuple[str, str]],
        units: QuerySet[Unit],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
