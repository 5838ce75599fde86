"""Forms of the integrity pages; the services check everything again."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.core.actor import Actor
from canbo.evaluation.models import Period
from canbo.integrity import detectors
from canbo.integrity.models import Detector, Finding
from canbo.org.models import Unit
from canbo.org.selectors import filter_units
from canbo.policy.access import Capability

PREFIX = "t_"
_LINE = re.compile(r"\s*([a-z][a-z0-9_]*)\s*=\s*(\S.*?)\s*")


def _number(text: str) -> float | str:
    try:
        return float(text)
    except ValueError:
        return text


def _field(threshold: detectors.Threshold) -> forms.Field:
    if threshold.integer:
        return forms.IntegerField(
            label=threshold.label, required=False, initial=int(threshold.default),
            min_value=int(threshold.minimum), max_value=int(threshold.maximum),
            help_text=threshold.help_text,
        )  # fmt: skip
    return forms.FloatField(
        label=threshold.label, required=False, initial=threshold.default,
        min_value=threshold.minimum, max_value=threshold.maximum,
        help_text=threshold.help_text, widget=forms.NumberInput(attrs={"step": "any"}),
    )  # fmt: skip


class RunForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit"),
        queryset=Unit.objects.none(),
        help_text=gettext_lazy("The unit and every unit below it."),
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year"), min_value=2000, max_value=2100
    )
    detectors = forms.MultipleChoiceField(
        label=gettext_lazy("Analyses"), widget=forms.CheckboxSelectMultiple
    )
    other = forms.CharField(
        label=gettext_lazy("Other settings"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "One per line, as name = value; leave empty for the defaults."
        ),
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = filter_units(actor, Capability.RUN_ANALYTICS)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["year"].initial = timezone.localdate().year
        favouritism = actor.can_anywhere(Capability.VIEW_FAVOURITISM)
        self.fields["detectors"].choices = [  # type: ignore[attr-defined]
            (d, Detector(d).label)
            for d in detectors.RUNNABLE
            if d != Detector.FAVOURITISM or favouritism
        ]
        self.fields["detectors"].initial = [Detector.COPIED.value]
        for detector in detectors.RUNNABLE:
            for threshold in detectors.thresholds_of(detector):
                self.fields[PREFIX + threshold.key] = _field(threshold)

    def threshold_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith(PREFIX)]

    def clean_other(self) -> dict[str, float | str]:
        values: dict[str, float | str] = {}
        for line in str(self.cleaned_data.get("other") or "").splitlines():
            if not line.strip():
                continue
            match = _LINE.fullmatch(line)
            if match is None:
                raise forms.ValidationError(
                    _("Write each setting as name = value: “%(line)s”.")
                    % {"line": line.strip()}
                )
            values[match.group(1)] = _number(match.group(2))
        return values

    def thresholds(self) -> dict[str, Any]:
        """The settings to start the run with: the named fields, then the others."""
        values: dict[str, Any] = dict(self.cleaned_data.get("other") or {})
        for name, value in self.cleaned_data.items():
            if name.startswith(PREFIX) and value is not None:
                values[name.removeprefix(PREFIX)] = value
        return values


class FindingFilterForm(forms.Form):
    detector = forms.ChoiceField(label=gettext_lazy("Analysis"), required=False)
    unit = forms.CharField(
        label=gettext_lazy("Unit code"),
        required=False,
        max_length=32,
        help_text=gettext_lazy("The unit and the units below it."),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Review"),
        required=False,
        choices=[("", gettext_lazy("Any")), *Finding.Status.choices],
    )
    period = forms.TypedChoiceField(
        label=gettext_lazy("Period"), required=False, coerce=int, empty_value=None
    )
    run = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def __init__(
        self, *args: Any, actor: Actor, periods: list[Period], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        favouritism = actor.can_anywhere(Capability.VIEW_FAVOURITISM)
        self.fields["detector"].choices = [  # type: ignore[attr-defined]
            ("", _("Any analysis")),
            *(
                (value, label)
                for value, label in Detector.choices
                if value != Detector.FAVOURITISM or favouritism
            ),
        ]
        self.fields["period"].choices = [  # type: ignore[attr-defined]
            ("", _("Any period")),
            *((p.pk, str(p)) for p in periods),
        ]


class ReviewForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Conclusion"),
        choices=[
            (Finding.Status.CONFIRMED, gettext_lazy("Confirmed: the signal holds")),
            (
                Finding.Status.DISMISSED,
                gettext_lazy("Dismissed: it has an explanation"),
            ),
            (Finding.Status.OPEN, gettext_lazy("To review again")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("What the review found, and with whom it was checked."),
    )


class TemplateForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit"),
        queryset=Unit.objects.none(),
        help_text=gettext_lazy(
            "Copies are reported in this unit and every unit below it."
        ),
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    text = forms.CharField(
        label=gettext_lazy("Text"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("The model self-review as it was circulated."),
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = filter_units(actor, Capability.RUN_ANALYTICS)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
