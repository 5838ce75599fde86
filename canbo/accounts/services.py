"""Writes to users, role grants and API tokens."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from canbo.accounts.models import ApiToken, RoleGrant, User, hash_token
from canbo.core.actor import Actor
from canbo.core.audit import log_action
from canbo.core.errors import NotAllowed
from canbo.org.models import Unit
from canbo.people.models import Person
from canbo.policy.access import Capability, Role

TOKEN_PREFIX_LEN = 8


def _require_admin(actor: Actor | None, unit: Unit) -> None:
    # `None` is the command line run by the server's operator.
    if actor is None:
        return
    if actor.read_only or not actor.covers(Capability.MANAGE_CATALOGUES, unit.path, unit.pk):
        raise NotAllowed


@transaction.atomic
def create_user(
    *, actor: Actor | None, username: str, password: str, person: Person | None = None, full_name: str = ""
) -> User:
    """Create a login, optionally linked to a staff record. Audit: accounts.user.created."""
    user = User(username=username, person=person)
    if full_name:
        parts = full_name.split()
        user.last_name, user.first_name = " ".join(parts[:-1]), parts[-1]
    user.set_password(password)
    user.save()
    log_action("accounts.user.created", actor=actor, obj=user, unit_path=person.unit_path if person else "")
    return user


@transaction.atomic
def grant_role(*, actor: Actor | None, user: User, role: Role, unit: Unit, include_subtree: bool = True) -> RoleGrant:
    """Give `user` a role on `unit` (and its subtree). Audit: accounts.grant.created."""
    _require_admin(actor, unit)
    grant, _created = RoleGrant.objects.update_or_create(
        user=user, role=role.value, unit=unit, defaults={"include_subtree": include_subtree}
    )
    log_action(
        "accounts.grant.created",
        actor=actor,
        obj=grant,
        unit_path=unit.path,
        data={"user": user.username, "role": role.value, "unit": unit.code, "subtree": include_subtree},
    )
    return grant


@transaction.atomic
def create_api_token(*, actor: Actor | None, user: User, name: str, read_only: bool = True) -> tuple[ApiToken, str]:
    """Create a token for `user` and return it with the raw secret, shown only once.

    Only a hash is stored. Audit: accounts.token.created.
    """
    raw = "cb_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=raw[3 : 3 + TOKEN_PREFIX_LEN], token_hash=hash_token(raw), read_only=read_only
    )
    log_action("accounts.token.created", actor=actor, obj=token, data={"read_only": read_only, "user": user.username})
    return token, raw


@transaction.atomic
def revoke_api_token(*, actor: Actor, token: ApiToken) -> None:
    """Revoke a token; it stops working at once. Audit: accounts.token.revoked."""
    if token.user_id != actor.user.pk:
        raise NotAllowed
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    log_action("accounts.token.revoked", actor=actor, obj=token)
