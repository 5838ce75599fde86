"""Forms of the appointments pages: shape only; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.appointments.models import Appointment
from canbo.core.actor import Actor
from canbo.org.models import Post, Unit
from canbo.org.selectors import filter_units, units_visible_to
from canbo.policy.access import Capability

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def units_for(actor: Actor, capability: Capability) -> Any:
    return units_visible_to(actor, capability).filter(is_active=True).order_by("path")


class UnitFilterForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit (with subordinate units)"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=_("All"),
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = filter_units(actor, Capability.VIEW_CAREERS)  # type: ignore[attr-defined]


class ProposalForm(forms.Form):
    person = forms.IntegerField(
        label=_("Person (staff record number)"), min_value=1,
        help_text=_("The number shown in the address of the person's record."),
    )  # fmt: skip
    post = forms.ModelChoiceField(
        label=_("Post"), queryset=Post.objects.filter(is_leadership=True)
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (k.value, k.label)
            for k in Appointment.Kind
            if k not in (Appointment.Kind.REAPPOINTMENT, Appointment.Kind.EXTENSION)
        ],
    )
    source = forms.ChoiceField(label=_("Source"), choices=Appointment.Source.choices)
    process_started = forms.DateField(label=_("Process started on"), widget=DATE)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for(actor, Capability.MANAGE_CAREERS)  # type: ignore[attr-defined]


class RenewalForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (
                Appointment.Kind.REAPPOINTMENT.value,
                Appointment.Kind.REAPPOINTMENT.label,
            ),
            (Appointment.Kind.EXTENSION.value, Appointment.Kind.EXTENSION.label),
        ],
    )
    process_started = forms.DateField(label=_("Process started on"), widget=DATE)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ApproveForm(forms.Form):
    decision_ref = forms.CharField(label=_("Decision number"), max_length=100)
    decision_date = forms.DateField(label=_("Decision date"), widget=DATE)


class OverrideForm(forms.Form):
    codes = forms.MultipleChoiceField(
        label=_("Rules to set aside"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    justification = forms.CharField(
        label=_("Written justification"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["codes"].choices = choices  # type: ignore[attr-defined]


class ReasonForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[("refused", _("Refuse")), ("withdrawn", _("Withdraw"))],
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2})
    )


class BallotForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    voters = forms.IntegerField(label=_("Members voting"), min_value=0, max_value=500)
    agree = forms.IntegerField(label=_("Ballots agreeing"), min_value=0, max_value=500)
    disagree = forms.IntegerField(
        label=_("Ballots disagreeing"), min_value=0, max_value=500
    )


class TieForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("agree", _("Agree to the extension")),
            ("disagree", _("Do not agree")),
        ],
    )
    note = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 2}))


class RoundForm(forms.Form):
    post = forms.ModelChoiceField(
        label=_("Post"), queryset=Post.objects.filter(is_leadership=True)
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    announced_on = forms.DateField(label=_("Announced on"), widget=DATE)
    parts = forms.CharField(
        label=_("Parts of the exam"), max_length=200, initial="Đề án;Phỏng vấn",
        help_text=_("Names of the scored parts, separated by semicolons."),
    )  # fmt: skip

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_for(actor, Capability.MANAGE_CAREERS)  # type: ignore[attr-defined]


class CandidateForm(forms.Form):
    person = forms.IntegerField(
        label=_("Staff record number"), min_value=1, required=False
    )
    external_name = forms.CharField(
        label=_("Or the name of a candidate from outside"),
        max_length=100,
        required=False,
    )

    def __init__(self, *args: Any, parts: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parts = parts
        for index, part in enumerate(parts):
            self.fields[f"score_{index}"] = forms.CharField(
                label=part, max_length=10, required=False
            )

    def scores(self) -> dict[str, str]:
        return {
            part: self.cleaned_data.get(f"score_{i}", "")
            for i, part in enumerate(self.parts)
        }


class WinnerForm(forms.Form):
    process_started = forms.DateField(label=_("Process started on"), widget=DATE)


class HolidayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    name = forms.CharField(label=_("Name"), max_length=100)
