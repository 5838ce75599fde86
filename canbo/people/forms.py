"""Forms for staff records: shape only; the services validate the rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.org.models import JobPosition, Post
from canbo.people.models import Person, Relative

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date(label: StrOrPromise, *, required: bool = False) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE)


class StaffFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or citizen ID"), required=False)
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All")), *Person.Category.choices],
    )
    post = forms.ModelChoiceField(
        label=_("Post"),
        required=False,
        queryset=Post.objects.all(),
        empty_label=_("All"),
    )
    sex = forms.ChoiceField(
        label=_("Sex"), required=False, choices=[("", _("All")), *Person.Sex.choices]
    )
    age_band = forms.ChoiceField(
        label=_("Age"),
        required=False,
        choices=[
            ("", _("All")),
            ("under_30", _("Under 30")),
            ("30_39", _("30–39")),
            ("40_49", _("40–49")),
            ("50_59", _("50–59")),
            ("60_plus", _("60 and over")),
        ],
    )
    unit = forms.IntegerField(required=False, widget=forms.HiddenInput)
    subtree = forms.BooleanField(
        label=_("Include subordinate units"), required=False, initial=True
    )


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=100)
    sex = forms.ChoiceField(label=_("Sex"), choices=Person.Sex.choices)
    birth_date = _date(_("Date of birth"), required=True)
    citizen_id = forms.CharField(
        label=_("Citizen ID (CCCD)"), max_length=12, min_length=1
    )
    unit_code = forms.CharField(label=_("Managing unit code"), max_length=32)
    category = forms.ChoiceField(label=_("Category"), choices=Person.Category.choices)
    ethnicity = forms.CharField(label=_("Ethnicity"), max_length=50, initial="Kinh")
    religion = forms.CharField(label=_("Religion"), max_length=50, required=False)
    birthplace = forms.CharField(
        label=_("Place of birth"), max_length=200, required=False
    )
    hometown = forms.CharField(label=_("Hometown"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    civil_service_rank = forms.CharField(
        label=_("Civil service rank (ngạch)"), max_length=100, required=False
    )
    salary_step = forms.IntegerField(
        label=_("Salary step"), min_value=1, max_value=20, required=False
    )
    salary_coefficient = forms.DecimalField(
        label=_("Salary coefficient"),
        max_digits=4,
        decimal_places=2,
        min_value=0,
        required=False,
    )
    education = forms.ChoiceField(
        label=_("Education"), choices=Person.Education.choices, required=False
    )
    major = forms.CharField(label=_("Field of study"), max_length=150, required=False)
    political_theory = forms.ChoiceField(
        label=_("Political theory"),
        choices=Person.PoliticalTheory.choices,
        required=False,
    )
    state_management = forms.ChoiceField(
        label=_("State management training"),
        choices=Person.StateManagement.choices,
        required=False,
    )
    party_join_date = _date(_("Party membership date"))
    recruited_on = _date(_("Recruitment date"))
    is_active = forms.BooleanField(label=_("In service"), required=False, initial=True)


class AssignmentForm(forms.Form):
    unit_code = forms.CharField(label=_("Unit code"), max_length=32)
    post = forms.ModelChoiceField(
        label=_("Post"), queryset=Post.objects.all(), required=False
    )
    job_position = forms.ModelChoiceField(
        label=_("Job position"), queryset=JobPosition.objects.all(), required=False
    )
    start_date = _date(_("From"), required=True)
    end_date = _date(_("To"))
    is_primary = forms.BooleanField(
        label=_("Primary assignment"),
        required=False,
        initial=True,
        help_text=_("Untick for a concurrent role (kiêm nhiệm)."),
    )
    decision_ref = forms.CharField(
        label=_("Decision number"), max_length=100, required=False
    )


class RelativeForm(forms.Form):
    relation = forms.ChoiceField(label=_("Relation"), choices=Relative.Relation.choices)
    full_name = forms.CharField(label=_("Full name"), max_length=100)
    birth_year = forms.IntegerField(
        label=_("Year of birth"), min_value=1900, max_value=2100, required=False
    )
    occupation = forms.CharField(label=_("Occupation"), max_length=150, required=False)
    workplace = forms.CharField(label=_("Workplace"), max_length=200, required=False)
    citizen_id = forms.CharField(
        label=_("Citizen ID (CCCD)"), max_length=12, required=False
    )
