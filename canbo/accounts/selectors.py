"""Reads about the logged-in user's own account."""

from __future__ import annotations

from django.db.models import QuerySet

from canbo.accounts.models import RoleGrant, User


def grants_of(user: User) -> QuerySet[RoleGrant]:
    """Return the user's own role grants with their units (the user may always see these)."""
    return RoleGrant.objects.filter(user=user).select_related("unit").order_by("unit__path", "role")
