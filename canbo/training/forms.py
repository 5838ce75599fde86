from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.org.models import JobPosition, Post, Unit
from canbo.training.models import LEVELS_BY_KIND, Kind, Standard, Target

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def level_choices(*, with_secondary: bool = False) -> list[Any]:
    """Levels grouped by kind (the service checks that the level fits the kind)."""
    groups: list[Any] = [("", _("— none (short course) —"))]
    for kind, label in Kind.choices:
        levels = [
            (value, text)
            for value, text in LEVELS_BY_KIND[kind]
            if with_secondary or value != "secondary"
        ]
        if levels:
            groups.append((label, levels))
    return groups


class RecordFilterForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        required=False,
        queryset=Unit.objects.none(),
        empty_label=_("All"),
    )
    subtree = forms.BooleanField(
        label=_("Include subordinate units"), required=False, initial=True
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *Kind.choices]
    )
    year = forms.IntegerField(
        label=_("Year ended"), required=False, min_value=1950, max_value=2100
    )


class RecordForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    level = forms.ChoiceField(label=_("Level"), required=False, choices=level_choices)
    hours = forms.IntegerField(
        label=_("Hours (short courses)"), required=False, min_value=0, max_value=10000
    )
    field = forms.CharField(label=_("Field or subject"), required=False, max_length=200)
    institution = forms.CharField(
        label=_("Institution"), required=False, max_length=200
    )
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DATE)
    end_date = forms.DateField(label=_("End date"), required=False, widget=DATE)
    full_time = forms.BooleanField(label=_("Full-time"), required=False)
    certificate_number = forms.CharField(
        label=_("Certificate number"), required=False, max_length=100
    )
    certificate_date = forms.DateField(
        label=_("Certificate date"), required=False, widget=DATE
    )
    certificate_file = forms.FileField(label=_("Certificate file"), required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        data.pop("certificate_file", None)
        return data


class StandardForm(forms.ModelForm):  # type: ignore[type-arg]
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Standard
        fields = [
            "post",
            "job_position",
            "unit",
            "degree",
            "theory",
            "state_management",
            "language",
            "it",
            "course_hours",
            "basis",
        ]

    def __init__(self, *args: Any, units: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: dict[str, Any] = {
            "post": Post.objects.all(),
            "job_position": JobPosition.objects.all(),
            "unit": units if units is not None else Unit.objects.none(),
        }
        for name, queryset in choices.items():
            field = self.fields[name]
            if isinstance(field, forms.ModelChoiceField):
                field.queryset = queryset
        if self.instance.pk:
            for name in ("post", "job_position", "unit"):
                self.fields[name].disabled = True


class TargetForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Name"), max_length=200)
    unit = forms.ModelChoiceField(
        label=_("Unit (and the units below it)"), queryset=Unit.objects.none()
    )
    population = forms.ChoiceField(
        label=_("Who is counted"), choices=Target.Population.choices
    )
    posts = forms.ModelMultipleChoiceField(
        label=_("Posts"),
        required=False,
        queryset=Post.objects.all(),
        help_text=_("Only for “holders of the chosen posts”."),
    )
    kind = forms.ChoiceField(
        label=_("Qualification"),
        choices=[c for c in Kind.choices if c[0] != Kind.COURSE],
    )
    level = forms.ChoiceField(
        label=_("At least"), choices=lambda: level_choices(with_secondary=True)[1:]
    )
    threshold_percent = forms.IntegerField(
        label=_("Target share (%)"), min_value=1, max_value=100
    )
    year = forms.IntegerField(
        label=_("By the year"), required=False, min_value=2000, max_value=2100
    )
    basis = forms.CharField(label=_("Set by"), required=False, max_length=200)

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in ("version", "unit", "posts"):
            data.pop(name, None)
        return data
