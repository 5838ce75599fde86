"""Forms check shape only; the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.org.models import JobPosition, Unit


class UnitForm(forms.Form):
    code = forms.CharField(label=_("Unit code"), max_length=32)
    name = forms.CharField(label=_("Name"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=Unit.Kind.choices)
    parent_code = forms.CharField(
        label=_("Parent unit code"),
        max_length=32,
        required=False,
        help_text=_("The code of the unit this one belongs to."),
    )
    staffing_quota = forms.IntegerField(
        label=_("Staffing quota"), min_value=0, initial=0
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class PostForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=32)
    name = forms.CharField(label=_("Name"), max_length=150)
    rank = forms.IntegerField(
        label=_("Rank"),
        min_value=0,
        max_value=1000,
        help_text=_("Higher number, higher post."),
    )
    is_leadership = forms.BooleanField(
        label=_("Leadership post"), required=False, initial=True
    )


class JobPositionForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=32)
    name = forms.CharField(label=_("Name"), max_length=200)
    group = forms.ChoiceField(label=_("Group"), choices=JobPosition.Group.choices)
    competencies = forms.CharField(
        label=_("Competency framework"),
        required=False,
        widget=forms.Textarea,
        help_text=_("One competency per line: name | required level (1–5)."),
    )
