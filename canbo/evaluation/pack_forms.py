"""The form of a stored policy pack; the service checks the decree's limits."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from canbo.org.models import Unit
from canbo.policy.packs import BUILT_IN, Cadence, Criterion, LeaderComponent

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LEADER_LABELS = {
    LeaderComponent.UNIT_RESULT: _("Unit result (d)"),
    LeaderComponent.ORGANISE: _("Capacity to organise (đ)"),
    LeaderComponent.UNITE: _("Capacity to unite (e)"),
}


class PackForm(forms.Form):
    base = forms.ChoiceField(
        label=_("Derived from"), choices=[(p.code, p.title) for p in BUILT_IN]
    )
    code = forms.CharField(label=_("Code"), max_length=40)
    title = forms.CharField(label=_("Title"), max_length=200)
    unit = forms.ModelChoiceField(label=_("Applies to"), queryset=Unit.objects.none())
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE)
    valid_to = forms.DateField(label=_("Valid to"), widget=DATE, required=False)
    criteria = forms.CharField(
        label=_("General criteria"), widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("One per line: code | group (a, b or c) | name | points. They must add up to 30."),
    )  # fmt: skip
    leader_components = forms.MultipleChoiceField(
        label=_("Leader components"), choices=list(LEADER_LABELS.items()),
        widget=forms.CheckboxSelectMultiple, required=False,
    )  # fmt: skip
    cadence = forms.ChoiceField(label=_("Cadence"), choices=[
        (Cadence.MONTH.value, _("Monthly")), (Cadence.QUARTER.value, _("Quarterly")),
    ])  # fmt: skip
    quota_percent = forms.IntegerField(
        label=_("Excellence quota, percent of the good ratings"),
        min_value=0,
        max_value=100,
    )
    raised_quota_percent = forms.IntegerField(
        label=_("Raised quota (%)"), min_value=0, max_value=100
    )
    deduction = forms.DecimalField(
        label=_("Deduction per failed review or delay"), decimal_places=3
    )
    head_capped_by_unit = forms.BooleanField(
        label=_("Head not above the unit's level"), required=False
    )
    min_months_worked = forms.IntegerField(
        label=_("Minimum months worked to be classified"), min_value=0, max_value=12
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]

    def clean_criteria(self) -> list[Criterion]:
        found: list[Criterion] = []
        for number, line in enumerate(self.cleaned_data["criteria"].splitlines(), 1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            try:
                code, group, name, points = parts
                found.append(
                    Criterion(code, group, name, Decimal(points.replace(",", ".")))
                )
            except (ValueError, InvalidOperation):
                raise forms.ValidationError(
                    _("Line %(n)d: write code | group | name | points.") % {"n": number}
                ) from None
        return found
