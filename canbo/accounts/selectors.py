"""Reads about the logged-in user's own account."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from canbo.accounts.models import RoleGrant, User
from canbo.core.actor import Actor
from canbo.policy.access import Capability


def grants_of(user: User) -> QuerySet[RoleGrant]:
    """Return the user's own role grants with their units (the user may always see these)."""
    return (
        RoleGrant.objects.filter(user=user)
        .select_related("unit")
        .order_by("unit__path", "role")
    )


def users_visible_to(actor: Actor) -> QuerySet[User]:
    """Return the logins an administrator manages: those with a role or a record in scope."""
    grant_scope = actor.scope_q(
        Capability.MANAGE_USERS, path="grants__unit__path", unit_id="grants__unit_id"
    )
    person_scope = actor.scope_q(
        Capability.MANAGE_USERS, path="person__unit_path", unit_id="person__unit_id"
    )
    ids = User.objects.filter(grant_scope | person_scope).values("pk")
    return User.objects.filter(pk__in=ids).select_related("person").order_by("username")


def access_user(actor: Actor, pk: int) -> User:
    """Return a login the actor manages; anything else is 404."""
    user = users_visible_to(actor).filter(pk=pk).first()
    if user is None:
        raise Http404
    return user


def access_grant(actor: Actor, pk: int) -> RoleGrant:
    grant = RoleGrant.objects.select_related("unit", "user").filter(pk=pk).first()
    if grant is None or not actor.covers(
        Capability.MANAGE_USERS, grant.unit.path, grant.unit_id
    ):
        raise Http404
    return grant
