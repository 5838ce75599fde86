"""Forms of the trust pages; the services check the rules again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.org.models import Post
from canbo.trust.models import TrustVote

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
COUNT = forms.NumberInput(attrs={"inputmode": "numeric", "min": "0"})


def _count(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, max_value=100_000, widget=COUNT)


class VoteFilterForm(forms.Form):
    unit = forms.CharField(
        label=_("Unit code"),
        required=False,
        max_length=32,
        help_text=_("The unit and the units below it."),
    )
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=2000, max_value=2100
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        required=False,
        choices=[("", _("Any outcome")), *TrustVote.Outcome.choices],
    )


class VoteForm(forms.Form):
    person = forms.CharField(
        label=_("Citizen ID (CCCD) of the person"),
        max_length=12,
        help_text=_("The 12 digits of the staff record voted on."),
    )
    post = forms.ModelChoiceField(
        label=_("Post held"),
        queryset=Post.objects.filter(is_leadership=True),
        required=False,
        help_text=_("Leave empty for the leadership post held on the day of the vote."),
    )
    held_on = forms.DateField(label=_("Date of the vote"), widget=DATE)
    body = forms.CharField(
        label=_("Voting body"),
        max_length=200,
        help_text=_("Who voted, e.g. the Party executive committee of the department."),
    )
    summoned = _count(_("People summoned"))
    returned = _count(_("Ballots returned"))
    high = _count(_("High trust ballots"))
    trust = _count(_("Trust ballots"))
    low = _count(_("Low trust ballots"))
    minutes_ref = forms.CharField(
        label=_("Minutes number"), max_length=100, required=False
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["person"]


class SessionForm(forms.Form):
    held_on = forms.DateField(label=_("Date of the vote"), widget=DATE)
    body = forms.CharField(label=_("Voting body"), max_length=200)
    summoned = _count(_("People summoned"))
    returned = _count(_("Ballots returned"))
    minutes_ref = forms.CharField(
        label=_("Minutes number"), max_length=100, required=False
    )


class SessionRowForm(forms.Form):
    person = forms.CharField(
        label=_("Citizen ID (CCCD)"), max_length=12, required=False
    )
    high = forms.IntegerField(label=_("High trust"), min_value=0, required=False)
    trust = forms.IntegerField(label=_("Trust"), min_value=0, required=False)
    low = forms.IntegerField(label=_("Low trust"), min_value=0, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("person"):
            for name in ("high", "trust", "low"):
                if data.get(name) is None:
                    self.add_error(name, _("Enter the number of ballots."))
        return data


SessionRows = forms.formset_factory(SessionRowForm, extra=8, max_num=60)
