"""Forms of the task pages: they parse input; the services decide."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from canbo.org.models import Unit
from canbo.people.models import Person
from canbo.work.models import ProductGroup, ProductType, Task

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PERIOD = re.compile(r"^(\d{4})-(?:(\d{2})|Q([1-4]))$")


def period_bounds(text: str) -> tuple[date, date] | None:
    """Parse "2026-11" (a month) or "2026-Q4" (a quarter) into its first and last day."""
    match = PERIOD.match(text.strip())
    if match is None:
        return None
    year = int(match[1])
    if match[2]:
        first = int(match[2])
        if not 1 <= first <= 12:
            return None
        last = first
    else:
        first = 3 * int(match[3]) - 2
        last = first + 2
    end = date(year + 1, 1, 1) if last == 12 else date(year, last + 1, 1)
    return date(year, first, 1), date.fromordinal(end.toordinal() - 1)


def month_of(day: date) -> str:
    return f"{day.year}-{day.month:02d}"


class VersionedForm(forms.Form):
    """An action on a task; `version` is the task version the page showed."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ProgressForm(VersionedForm):
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile[bytes]]:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class SubmitForm(VersionedForm):
    quantity = forms.DecimalField(label=_("Quantity delivered"), decimal_places=2)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea)
    attachments = MultipleFileField(label=_("Evidence files"), required=False)
    links = forms.CharField(
        label=_("Evidence links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One address per line."),
    )

    def clean_links(self) -> list[str]:
        lines = [x.strip() for x in self.cleaned_data["links"].splitlines()]
        validator = forms.URLField()
        return [validator.clean(line) for line in lines if line]


class ExtensionForm(VersionedForm):
    requested_deadline = forms.DateField(label=_("New deadline"), widget=DATE)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ReviewForm(VersionedForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("return", _("Return for rework"))],
        widget=forms.RadioSelect,
    )
    meets_quality = forms.BooleanField(
        label=_("Meets the quality requirement"), required=False, initial=True
    )
    reason = forms.CharField(
        label=_("Reason for returning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    excused = forms.BooleanField(
        label=_("The failure is due to an objective cause"), required=False
    )


class DecideExtensionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=255)


class ExcuseForm(VersionedForm):
    reason = forms.CharField(label=_("Objective cause of the delay"), max_length=255)


class ProposalForm(VersionedForm):
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Turn down"))],
    )


class ProductChoiceField(forms.ModelChoiceField[ProductType]):
    """Shows each product with its unit of measure and conversion coefficient."""

    def label_from_instance(self, obj: ProductType) -> str:
        return (
            f"{obj.group.code} · {obj.code} {obj.name} "
            f"({obj.unit_of_measure}, × {obj.coefficient.normalize()}) "
            f"— {obj.catalogue.job_position.name}"
        )


class ProposeForm(forms.Form):
    product_type = ProductChoiceField(
        label=_("Product type"), queryset=ProductType.objects.none()
    )
    title = forms.CharField(label=_("Title"), required=False, max_length=255)
    quantity = forms.DecimalField(label=_("Quantity"), decimal_places=2)
    deadline = forms.DateField(label=_("Deadline"), widget=DATE)


class AssignForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label=_("Persons"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or ⌘) to choose several; search above to find others."),
    )
    unit = forms.ModelChoiceField(
        label=_("Or a whole unit"),
        queryset=Unit.objects.none(),
        required=False,
    )
    product_type = ProductChoiceField(
        label=_("Product type"), queryset=ProductType.objects.none()
    )
    override_catalogue = forms.BooleanField(
        label=_("Assign a product from another job position's catalogue"),
        required=False,
    )
    quantity = forms.DecimalField(label=_("Quantity"), decimal_places=2)
    deadline = forms.DateField(label=_("Deadline"), widget=DATE)
    title = forms.CharField(label=_("Title"), required=False, max_length=255)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Task.Priority.choices, initial="normal"
    )
    document_ref = forms.CharField(
        label=_("Assigning document number"), required=False, max_length=100
    )
    document_date = forms.DateField(
        label=_("Document date"), required=False, widget=DATE
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("people") and not data.get("unit"):
            self.add_error("people", _("Choose at least one person or a unit."))
        return data


STATUS_CHOICES = [("", _("All statuses")), *Task.Status.choices]


class MyTasksFilter(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=STATUS_CHOICES, required=False
    )
    period = forms.CharField(
        label=_("Month"),
        required=False,
        widget=forms.DateInput(attrs={"type": "month"}),
    )

    def clean_period(self) -> tuple[date, date] | None:
        text = self.cleaned_data["period"]
        if not text:
            return None
        bounds = period_bounds(text)
        if bounds is None:
            raise forms.ValidationError(_("Write the month as YYYY-MM."))
        return bounds

    def apply(self, tasks: QuerySet[Task, Any]) -> QuerySet[Task, Any]:
        """`tasks` narrowed to the chosen status and month of the deadline (all
        of them when the filter is empty or invalid)."""
        if not self.is_valid():
            return tasks
        if self.cleaned_data["status"]:
            tasks = tasks.filter(status=self.cleaned_data["status"])
        if self.cleaned_data["period"]:
            start, end = self.cleaned_data["period"]
            tasks = tasks.filter(deadline__gte=start, deadline__lte=end)
        return tasks


class BoardFilter(forms.Form):
    period = forms.CharField(
        label=_("Period"),
        required=False,
        help_text=_("A month (2026-11) or a quarter (2026-Q4)."),
    )
    group = forms.ModelChoiceField(
        label=_("Product group"),
        queryset=ProductGroup.objects.all(),
        required=False,
        empty_label=_("All groups"),
    )
    assigner = forms.TypedChoiceField(
        label=_("Assigned by"), coerce=int, required=False, empty_value=None
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=STATUS_CHOICES, required=False
    )

    def clean_period(self) -> tuple[date, date] | None:
        text = self.cleaned_data["period"]
        if not text:
            return None
        bounds = period_bounds(text)
        if bounds is None:
            raise forms.ValidationError(
                _("Write a month as YYYY-MM or a quarter as YYYY-Q1 to YYYY-Q4.")
            )
        return bounds
