"""Filters of the dashboard and of the comparison (shape only)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.org.models import JobPosition, Post


class DashboardForm(forms.Form):
    unit = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=2000, max_value=2100
    )
    period = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class CompareForm(forms.Form):
    post = forms.ModelChoiceField(
        label=_("Post"), required=False, queryset=Post.objects.all(), empty_label=_("—")
    )
    position = forms.ModelChoiceField(
        label=_("Job position"),
        required=False,
        queryset=JobPosition.objects.all(),
        empty_label=_("—"),
    )
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=2000, max_value=2100
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("post") and data.get("position"):
            raise forms.ValidationError(_("Choose a post or a job position, not both."))
        return data
