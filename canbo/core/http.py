"""Typed request for views behind login: `request.user` and `request.actor` are set."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404, HttpRequest

from canbo.policy.access import Capability

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


def require_anywhere(actor: Actor, capability: Capability) -> None:
    """Answer 404, as for a missing page, to an actor who holds `capability` nowhere."""
    if not actor.can_anywhere(capability):
        raise Http404
