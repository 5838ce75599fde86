"""Typed request for views behind login: `request.user` and `request.actor` are set."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from canbo.accounts.models import User
    from canbo.core.actor import Actor


class AuthedRequest(HttpRequest):
    user: User
    actor: Actor
    htmx: HtmxDetails


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None
