"""Audit logins, failed logins and logouts: Django reports them only through signals."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.dispatch import receiver
from django.http import HttpRequest

from canbo.accounts.models import User
from canbo.core.audit import log_action
from canbo.core.http import client_ip


def _unit_path(user: User | None) -> str:
    person = getattr(user, "person", None)
    return person.unit_path if person is not None else ""


def _log_session(action: str, request: HttpRequest | None, user: User | None) -> None:
    if user is None:
        return
    ip = client_ip(request) if request is not None else None
    log_action(
        action, actor=None, user=user, obj=user, unit_path=_unit_path(user), ip=ip
    )


@receiver(user_logged_in)
def on_login(
    sender: Any, request: HttpRequest | None, user: User, **kwargs: Any
) -> None:
    _log_session("accounts.login", request, user)


@receiver(user_logged_out)
def on_logout(
    sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any
) -> None:
    _log_session("accounts.logout", request, user)


@receiver(user_login_failed)
def on_login_failed(
    sender: Any,
    credentials: dict[str, Any],
    request: HttpRequest | None = None,
    **kwargs: Any,
) -> None:
    username = str(credentials.get("username", ""))[:150]
    known = User.objects.filter(username=username).select_related("person").first()
    ip = client_ip(request) if request is not None else None
    log_action(
        "accounts.login_failed",
        actor=None,
        user=None,
        unit_path=_unit_path(known),
        data={"username": username},
        ip=ip,
    )
