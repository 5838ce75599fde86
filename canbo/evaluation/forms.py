"""Forms of the evaluation pages; the services check the rules again."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from canbo.evaluation.leaders import leader_defaults
from canbo.evaluation.models import LEVEL_CHOICES, Disqualification, Period, Sheet
from canbo.org.models import Unit
from canbo.policy.annual import UnitFacts
from canbo.policy.packs import Pack

GROUPS = {
    "a": _("a. Political qualities, ethics, civil-service culture and discipline"),
    "b": _("b. Professional competence, responsibility, service and cooperation"),
    "c": _("c. Innovation, daring to think, act and take responsibility"),
}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class OpenPeriodForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    kind = forms.ChoiceField(label=_("Period"), choices=Period.Kind.choices)
    day = forms.DateField(
        label=_("A day in the period"), widget=DATE,
        help_text=_("The calendar month, quarter or year containing this day."),
    )  # fmt: skip
    self_deadline = forms.DateField(label=_("Self-assessment due"), widget=DATE)
    review_deadline = forms.DateField(label=_("Review due"), widget=DATE)
    decision_deadline = forms.DateField(label=_("Decision due"), widget=DATE)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


def _points_fields(form: forms.Form, pack: Pack, initial: dict[str, str]) -> None:
    for criterion in pack.criteria:
        form.fields[f"points_{criterion.code}"] = forms.DecimalField(
            label=f"{criterion.code}. {criterion.name} (0–{criterion.points})",
            min_value=Decimal(0), max_value=criterion.points, decimal_places=2,
            initial=initial.get(criterion.code),
            widget=forms.NumberInput(attrs={"step": "0.25", "inputmode": "decimal"}),
        )  # fmt: skip


def points_of(form: forms.Form, pack: Pack) -> dict[str, object]:
    return {c.code: form.cleaned_data[f"points_{c.code}"] for c in pack.criteria}


class SelfAssessmentForm(VersionedForm):
    self_review = forms.CharField(
        label=_("Self-review"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, pack: Pack, sheet: Sheet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _points_fields(self, pack, sheet.self_points)
        for group in sorted({c.group for c in pack.criteria}):
            self.fields[f"comment_{group}"] = forms.CharField(
                label=_("Comment on group %(group)s") % {"group": group},
                help_text=GROUPS.get(group, ""), required=False,
                initial=sheet.self_comments.get(group, ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )  # fmt: skip
        self.fields["self_review"].initial = sheet.self_review
        self.fields["version"].initial = sheet.version

    def comments(self) -> dict[str, str]:
        return {
            name.removeprefix("comment_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("comment_")
        }


class ReviewForm(VersionedForm):
    reason = forms.CharField(
        label=_("Reason for changing points"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    proposed_level = forms.ChoiceField(label=_("Proposed level"), choices=LEVEL_CHOICES)

    def __init__(
        self, *args: Any, pack: Pack, sheet: Sheet, proposal: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _points_fields(self, pack, sheet.review_points or sheet.self_points)
        self.fields["proposed_level"].initial = sheet.proposed_level or proposal
        self.fields["version"].initial = sheet.version
        if sheet.is_leader:
            defaults = leader_defaults(sheet)
            for name, label in LEADER_PARTS:
                initial = getattr(sheet, name)
                self.fields[name] = forms.DecimalField(
                    label=label, min_value=Decimal(0), max_value=Decimal(1),
                    decimal_places=3,
                    initial=initial if initial is not None else defaults.get(name),
                )  # fmt: skip


LEADER_PARTS = (
    ("unit_result", _("Unit result d (1: every subordinate at HTNV or above; 0.5)")),
    ("organise", _("Capacity to organise đ (0–1)")),
    ("unite", _("Capacity to unite e (0–1)")),
)


class DecisionForm(VersionedForm):
    level = forms.ChoiceField(label=_("Level"), choices=LEVEL_CHOICES)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when the level differs from the one proposed."),
    )  # fmt: skip


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reopening"), widget=forms.Textarea(attrs={"rows": 2})
    )


class DisqualificationForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2020, max_value=2100)
    kind = forms.ChoiceField(label=_("Case"), choices=Disqualification.Kind.choices)
    reference = forms.CharField(label=_("Decision or conclusion"), max_length=150)


class UnitRatingForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2020, max_value=2100)
    score = forms.DecimalField(
        label=_("Score (of 100)"), min_value=0, max_value=100, decimal_places=2
    )
    done = forms.IntegerField(
        label=_("Planned tasks completed (%)"), min_value=0, max_value=100
    )
    on_time = forms.IntegerField(
        label=_("Completed on time, at quality (%)"), min_value=0, max_value=100
    )
    beyond = forms.IntegerField(
        label=_("Exceeding the requirement (%)"), min_value=0, max_value=100
    )
    late = forms.IntegerField(label=_("Completed late (%)"), min_value=0, max_value=100)
    subunit_failed = forms.BooleanField(
        label=_("A subordinate unit was rated not completed"), required=False
    )
    wrongdoing = forms.BooleanField(
        label=_("A conclusion of wrongdoing in personnel work, disunity or factions"),
        required=False,
    )
    level = forms.ChoiceField(
        label=_("Level (only when the conditions disagree with the score band)"),
        choices=[("", "—"), *LEVEL_CHOICES], required=False,
    )  # fmt: skip
    recognised_excellent = forms.BooleanField(
        label=_("Recognised as excellent (raised quota of 25 %)"), required=False
    )
    decision_ref = forms.CharField(
        label=_("Decision number"), max_length=100, required=False
    )

    def facts(self) -> UnitFacts:
        data = self.cleaned_data
        return UnitFacts(
            done=data["done"] / 100, on_time=data["on_time"] / 100,
            beyond=data["beyond"] / 100, late=data["late"] / 100,
            subunit_failed=data["subunit_failed"], wrongdoing=data["wrongdoing"],
        )  # fmt: skip


class PartyRatingForm(forms.Form):
    level = forms.ChoiceField(label=_("Party member level"), choices=LEVEL_CHOICES)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required for a level above the civil-service level."),
    )  # fmt: skip
