"""Forms of the planning pages: they parse input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.org.models import Post, Unit
from canbo.people.models import Person


class UnitChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Unit) -> str:
        return f"{'· ' * obj.depth}{obj.name}"


class PersonChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.full_name} · {obj.birth_date:%Y} · {obj.unit.name}"


class PoolFilter(forms.Form):
    unit = UnitChoice(
        label=_("Unit and below"), queryset=Unit.objects.none(), required=False
    )
    term_start = forms.IntegerField(
        label=_("Term from (year)"), min_value=2000, max_value=2100, required=False
    )
    post = forms.ModelChoiceField(
        label=_("Post"),
        queryset=Post.objects.filter(is_leadership=True),
        required=False,
    )


class PoolForm(forms.Form):
    post = forms.ModelChoiceField(
        label=_("Post"), queryset=Post.objects.filter(is_leadership=True)
    )
    unit = UnitChoice(label=_("Unit"), queryset=Unit.objects.none())
    term_start = forms.IntegerField(
        label=_("Term from (year)"), min_value=2000, max_value=2100, initial=2026
    )
    term_end = forms.IntegerField(
        label=_("Term to (year)"), min_value=2001, max_value=2110, initial=2031
    )
    decision_ref = forms.CharField(
        label=_("Approval decision"), max_length=100, required=False
    )


class CandidateForm(forms.Form):
    person = PersonChoice(label=_("Person"), queryset=Person.objects.none())
    justification = forms.CharField(
        label=_("Justification"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when a check is flagged: it is stored and audited."),
    )


class RemoveForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for removal"), widget=forms.Textarea(attrs={"rows": 2})
    )


class PotentialForm(forms.Form):
    potential = forms.TypedChoiceField(
        label=_("Potential"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[
            ("", "—"),
            (1, _("1 · low")),
            (2, _("2 · medium")),
            (3, _("3 · high")),
        ],
    )


class ReviewFilter(forms.Form):
    unit = UnitChoice(label=_("Unit and below"), queryset=Unit.objects.none())
    year = forms.IntegerField(label=_("Year reviewed"), min_value=2000, max_value=2100)


class ReviewApplyForm(forms.Form):
    unit = forms.IntegerField(widget=forms.HiddenInput)
    year = forms.IntegerField(widget=forms.HiddenInput)
    decision_ref = forms.CharField(label=_("Review decision number"), max_length=100)
    candidates = forms.TypedMultipleChoiceField(
        label=_("Remove"), coerce=int, required=False
    )


class TargetsForm(forms.Form):
    young_age = forms.IntegerField(
        label=_("Young cadres: under this age"), min_value=18, max_value=70
    )
    old_age = forms.IntegerField(
        label=_("Older group: over this age"), min_value=18, max_value=70
    )
    young_min = forms.IntegerField(
        label=_("Young cadres: at least (percent)"), min_value=0, max_value=100
    )
    women_min = forms.IntegerField(
        label=_("Women: at least (percent)"), min_value=0, max_value=100
    )
    ethnic_min = forms.IntegerField(
        label=_("Ethnic minorities: at least (percent)"),
        min_value=0,
        max_value=100,
        help_text=_("0: no number, appropriate to the area."),
    )
