from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from canbo.accounts.models import RoleGrant


class UserCreateForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    full_name = forms.CharField(label=_("Full name"), max_length=150, required=False)
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(render_value=False),
        help_text=_(
            "At least 8 characters; the user should change it after the first login."
        ),
    )
    citizen_id = forms.CharField(
        label=_("Citizen ID of the staff record"),
        max_length=12,
        required=False,
        help_text=_("Links the login to this person's record, so they can see it."),
    )


class GrantForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=RoleGrant.RoleChoice.choices)
    unit_code = forms.CharField(label=_("Unit code"), max_length=32)
    include_subtree = forms.BooleanField(
        label=_("Includes subordinate units"), required=False, initial=True
    )
