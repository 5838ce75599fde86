"""Writes to users, role grants and API tokens."""

from __future__ import annotations

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from canbo.accounts.models import ApiToken, RoleGrant, User, hash_token
from canbo.core.actor import Actor
from canbo.core.audit import log_action
from canbo.core.errors import InvalidInput, NotAllowed
from canbo.org.models import Unit
from canbo.people.models import Person
from canbo.policy.access import Capability, Role

TOKEN_PREFIX_LEN = 8


def _require_admin(actor: Actor | None, unit: Unit) -> None:
    # `None` is the command line run by the server's operator.
    if actor is None:
        return
    if actor.read_only or not actor.covers(Capability.MANAGE_USERS, unit.path, unit.pk):
        raise NotAllowed


@transaction.atomic
def create_user(
    *,
    actor: Actor | None,
    username: str,
    password: str,
    person: Person | None = None,
    full_name: str = "",
) -> User:
    """Create a login, optionally linked to a staff record. Audit: accounts.user.created.

    An actor needs MANAGE_USERS, and the linked record must be in their scope.
    """
    if actor is not None:
        if actor.read_only or not actor.can_anywhere(Capability.MANAGE_USERS):
            raise NotAllowed
        if person is not None and not actor.covers(
            Capability.MANAGE_USERS, person.unit_path, person.unit_id
        ):
            raise NotAllowed
    user = User(username=username.strip(), person=person)
    _validate_new_user(user, password)
    if full_name:
        parts = full_name.split()
        user.last_name, user.first_name = " ".join(parts[:-1]), parts[-1]
    user.set_password(password)
    user.save()
    log_action(
        "accounts.user.created",
        actor=actor,
        obj=user,
        unit_path=person.unit_path if person else "",
    )
    return user


def _validate_new_user(user: User, password: str) -> None:
    errors: dict[str, list[str]] = {}
    if not user.username:
        errors["username"] = [_("The user name is required.")]
    elif User.objects.filter(username__iexact=user.username).exists():
        errors["username"] = [_("This user name is already taken.")]
    if (
        user.person_id is not None
        and User.objects.filter(person_id=user.person_id).exists()
    ):
        errors["person"] = [_("This staff record already has a login.")]
    try:
        validate_password(password, user)
    except ValidationError as error:
        errors["password"] = list(error.messages)
    if errors:
        raise InvalidInput(errors)


@transaction.atomic
def grant_role(
    *,
    actor: Actor | None,
    user: User,
    role: Role,
    unit: Unit,
    include_subtree: bool = True,
) -> RoleGrant:
    """Give `user` a role on `unit` (and its subtree). Audit: accounts.grant.created."""
    _require_admin(actor, unit)
    grant, _created = RoleGrant.objects.update_or_create(
        user=user,
        role=role.value,
        unit=unit,
        defaults={"include_subtree": include_subtree},
    )
    log_action(
        "accounts.grant.created",
        actor=actor,
        obj=grant,
        unit_path=unit.path,
        data={
            "user": user.username,
            "role": role.value,
            "unit": unit.code,
            "subtree": include_subtree,
        },
    )
    return grant


@transaction.atomic
def revoke_role(*, actor: Actor | None, grant: RoleGrant) -> None:
    """Take a role back. Audit: accounts.grant.revoked."""
    _require_admin(actor, grant.unit)
    log_action(
        "accounts.grant.revoked",
        actor=actor,
        obj=grant,
        unit_path=grant.unit.path,
        data={"user": grant.user.username, "role": grant.role, "unit": grant.unit.code},
    )
    grant.delete()


@transaction.atomic
def set_user_active(*, actor: Actor, user: User, active: bool) -> User:
    """Allow or block a login. Audit: accounts.user.updated."""
    if (
        actor.read_only
        or not actor.can_anywhere(Capability.MANAGE_USERS)
        or user.pk == actor.user.pk
    ):
        raise NotAllowed
    if user.is_active != active:
        log_action(
            "accounts.user.updated",
            actor=actor,
            obj=user,
            changes={"is_active": [user.is_active, active]},
        )
        user.is_active = active
        user.save(update_fields=["is_active"])
    return user


@transaction.atomic
def create_api_token(
    *, actor: Actor | None, user: User, name: str, read_only: bool = True
) -> tuple[ApiToken, str]:
    """Create a token for `user` and return it with the raw secret, shown only once.

    Only a hash is stored. Audit: accounts.token.created.
    """
    raw = "cb_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=raw[3 : 3 + TOKEN_PREFIX_LEN],
        token_hash=hash_token(raw),
        read_only=read_only,
    )
    log_action(
        "accounts.token.created",
        actor=actor,
        obj=token,
        data={"read_only": read_only, "user": user.username},
    )
    return token, raw


@transaction.atomic
def revoke_api_token(*, actor: Actor, token: ApiToken) -> None:
    """Revoke a token; it stops working at once. Audit: accounts.token.revoked."""
    if token.user_id != actor.user.pk:
        raise NotAllowed
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    log_action("accounts.token.revoked", actor=actor, obj=token)
