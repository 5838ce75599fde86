"""Forms of the catalogue pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.org.models import JobPosition
from canbo.work.catalogue_selectors import groups

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CatalogueForm(forms.Form):
    job_position = forms.ModelChoiceField(
        label=_("Job position"), queryset=JobPosition.objects.order_by("name")
    )
    unit_code = forms.CharField(
        label=_("Unit code"),
        required=False,
        max_length=32,
        help_text=_("Empty: the catalogue applies in every unit."),
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, max_length=255)


class VersionForm(forms.Form):
    valid_from = forms.DateField(label=_("New version valid from"), widget=DATE)
    note = forms.CharField(label=_("Note"), required=False, max_length=255)


class ProductForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Group"), queryset=groups())
    code = forms.CharField(label=_("Code"), max_length=32)
    name = forms.CharField(label=_("Name"), max_length=255)
    unit_of_measure = forms.CharField(label=_("Unit of measure"), max_length=50)
    coefficient = forms.DecimalField(
        label=_("Conversion coefficient"), max_digits=6, decimal_places=3
    )
    quality_criteria = forms.CharField(
        label=_("Quality criteria"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    default_days = forms.IntegerField(
        label=_("Default duration (days)"), min_value=1, max_value=366, initial=5
    )


class CatalogueImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    valid_from = forms.DateField(
        label=_("The new version is valid from"),
        widget=DATE,
        required=False,
        help_text=_("Not needed when the current version is empty and unused."),
    )
