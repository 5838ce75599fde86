"""Forms for rotation pages: shape only; the services apply the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.core.actor import Actor
from canbo.org.models import JobPosition, Post, Unit
from canbo.org.selectors import filter_units, units_visible_to
from canbo.policy.access import Capability
from canbo.policy.rotation import DueStatus
from canbo.rotation.models import Circumstance, Rotation, RotationPlan

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE)


def _units(actor: Actor, capability: Capability) -> Any:
    return units_visible_to(actor, capability).order_by("path")


STATUS_CHOICES = [
    ("", _("All")),
    (DueStatus.OVERDUE.value, _("Overdue")),
    (DueStatus.DUE.value, _("Due")),
    (DueStatus.UPCOMING.value, _("Due soon")),
]


class DueFilterForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit (with subordinate units)"), required=False, queryset=Unit.objects.none(),
        empty_label=_("All"),
    )  # fmt: skip
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=STATUS_CHOICES
    )
    window = forms.IntegerField(
        label=_("Due within (months)"),
        required=False,
        min_value=0,
        max_value=24,
        initial=6,
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = filter_units(actor, Capability.VIEW_CAREERS)  # type: ignore[attr-defined]


class PeriodForm(forms.Form):
    rotation_months = forms.IntegerField(
        label=_("Periodic rotation every (months)"), required=False, min_value=1, max_value=120,
        help_text=_("Leave empty if the position is not subject to periodic rotation; otherwise 24 to 60."),
    )  # fmt: skip
    rotation_basis = forms.CharField(
        label=_("Period set by"), required=False, max_length=200,
        help_text=_("The sector circular that sets the period, e.g. TT 27/2024/TT-BTC."),
    )  # fmt: skip


class PlanForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Agency"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    purpose = forms.CharField(
        label=_("Purpose and requirements"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    measures = forms.CharField(
        label=_("Implementation measures"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(actor, Capability.MANAGE_CAREERS)  # type: ignore[attr-defined]


class AddChangeForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=RotationPlan.objects.none())
    target_unit = forms.ModelChoiceField(
        label=_("To unit"), queryset=Unit.objects.none()
    )
    target_job_position = forms.ModelChoiceField(
        label=_("To job position"), queryset=JobPosition.objects.order_by("name")
    )
    planned_date = _date(_("Planned date"))

    def __init__(self, *args: Any, plans: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans  # type: ignore[attr-defined]
        self.fields["target_unit"].queryset = _units(actor, Capability.MANAGE_CAREERS)  # type: ignore[attr-defined]


class ExecuteForm(forms.Form):
    on = _date(_("Effective date"))
    decision_ref = forms.CharField(
        label=_("Decision number"), max_length=100, required=False
    )


class CircumstanceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Circumstance"), choices=Circumstance.Kind.choices)
    start = _date(_("From"))
    end = _date(_("To"), required=False)
    sole_carer = forms.BooleanField(
        label=_("A father raising the child alone"), required=False
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RotationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Rotation.Kind.choices)
    from_unit = forms.ModelChoiceField(
        label=_("From unit"), queryset=Unit.objects.none()
    )
    from_post = forms.ModelChoiceField(
        label=_("From post"), queryset=Post.objects.all(), required=False
    )
    to_unit = forms.ModelChoiceField(
        label=_("To unit"), queryset=Unit.objects.order_by("path")
    )
    to_post = forms.ModelChoiceField(
        label=_("To post"), queryset=Post.objects.all(), required=False
    )
    start = _date(_("Start"))
    planned_end = _date(_("Planned end"), required=True)
    short_service_case = forms.BooleanField(
        label=_("Non-local or two-term case"), required=False
    )
    goals = forms.CharField(
        label=_("Goals (ordered tasks)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    decision_ref = forms.CharField(
        label=_("Decision number"), max_length=100, required=False
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from_unit"].queryset = _units(actor, Capability.MANAGE_CAREERS)  # type: ignore[attr-defined]


class EvaluateForm(forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=Rotation.Result.choices)
    evaluation = forms.CharField(
        label=_("Evaluation"), widget=forms.Textarea(attrs={"rows": 3})
    )
    on = _date(_("Evaluated on"))


class PlacementForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Placed in unit"), queryset=Unit.objects.none()
    )
    post = forms.ModelChoiceField(
        label=_("Placed in post"), queryset=Post.objects.all()
    )
    on = _date(_("From"))
    decision_ref = forms.CharField(
        label=_("Decision number"), max_length=100, required=False
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _units(actor, Capability.MANAGE_CAREERS)  # type: ignore[attr-defined]
