"""Forms of the discipline pages: shape only; the services refuse bad facts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from canbo.discipline.models import Discipline
from canbo.org.models import Unit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReviewForm(forms.Form):
    violation = forms.CharField(label=_("Violation"), widget=TEXT, max_length=4000)
    violation_date = forms.DateField(label=_("Date of the violation"), widget=DATE)
    review_started = forms.DateField(label=_("Review opened on"), widget=DATE)
    duty_related = forms.BooleanField(
        label=_("Related to official duties"), required=False, initial=True,
        help_text=_("Duty-related discipline decided in a year makes that year "
                    "“Không hoàn thành nhiệm vụ”."),
    )  # fmt: skip
    severity = forms.ChoiceField(
        label=_("Severity"), choices=Discipline.Severity.choices, required=False
    )
    note = forms.CharField(label=_("Note"), widget=TEXT, required=False)


class DecisionForm(VersionedForm):
    form = forms.ChoiceField(
        label=_("Form of discipline"), choices=Discipline.Form.choices
    )
    decision_ref = forms.CharField(label=_("Decision number"), max_length=100)
    decision_date = forms.DateField(label=_("Decision date"), widget=DATE)
    effective_from = forms.DateField(
        label=_("In effect from"), widget=DATE, required=False,
        help_text=_("Leave empty when it takes effect on the decision date."),
    )  # fmt: skip
    note = forms.CharField(label=_("Note"), widget=TEXT, required=False)


class CloseForm(VersionedForm):
    note = forms.CharField(label=_("Why the review ends without discipline"),
                           widget=TEXT)  # fmt: skip


class CorrectForm(VersionedForm, ReviewForm):
    form = forms.ChoiceField(
        label=_("Form of discipline"), required=False,
        choices=[("", "—"), *Discipline.Form.choices],
    )  # fmt: skip
    decision_ref = forms.CharField(
        label=_("Decision number"), max_length=100, required=False
    )
    decision_date = forms.DateField(
        label=_("Decision date"), widget=DATE, required=False
    )
    effective_from = forms.DateField(
        label=_("In effect from"), widget=DATE, required=False
    )

    def __init__(self, *args: Any, decided: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not decided:
            for name in ("form", "decision_ref", "decision_date", "effective_from"):
                del self.fields[name]


class UnitChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.code})"


def _unit_field(units: QuerySet[Unit]) -> UnitChoice:
    return UnitChoice(
        label=_("Unit (and the units below it)"), required=False,
        queryset=units.exclude(kind=Unit.Kind.DIVISION).order_by("path"),
        empty_label=_("All units in my scope"),
    )  # fmt: skip


class RecordFilterForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Stage"),
        required=False,
        choices=[("", _("All")), *Discipline.Stage.choices],
    )
    form = forms.ChoiceField(
        label=_("Form"),
        required=False,
        choices=[("", _("All")), *Discipline.Form.choices],
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1950,
                              max_value=2100)  # fmt: skip

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {"unit": _unit_field(units), **self.fields}


QUARTERS = [(1, "I"), (2, "II"), (3, "III"), (4, "IV")]


class RaiseFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1950, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Quarter"), choices=QUARTERS, coerce=int)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = _unit_field(units)
