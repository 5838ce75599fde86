"""Who is calling the API: a bearer token, or the browser's logged-in session.

Both give an Actor (the user's role grants and scope) as `request.auth`. A token
acts with its owner's scope; a read-only token is refused any unsafe method (403).
A session needs the CSRF token for unsafe methods, as every form does.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, AuthorizationError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from canbo.api.selectors import active_token
from canbo.api.services import record_token_use
from canbo.core.actor import Actor, actor_for
from canbo.core.http import client_ip

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`, checked against the stored hash of each API token."""

    def authenticate(self, request: HttpRequest, token: str) -> Actor:
        found = active_token(token.strip())
        if found is None:
            # A token was offered and is wrong: refuse, rather than fall back to the session.
            raise AuthenticationError(
                message=_("The API token is invalid or has been revoked.")
            )
        if found.read_only and request.method not in SAFE_METHODS:
            raise AuthorizationError(
                message=_("This API token is read-only; it cannot change data.")
            )
        record_token_use(found)
        return actor_for(found.user, read_only=found.read_only, ip=client_ip(request))


class SessionActorAuth(APIKeyCookie):
    """The logged-in session of the browser, so the interactive docs work."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def _get_key(self, request: HttpRequest) -> str | None:
        # The CSRF check comes after the login check, so an anonymous call answers 401.
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Actor | None:
        user: Any = request.user
        if not user.is_authenticated or not user.is_active:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise AuthorizationError(
                message=_("The CSRF check failed. Reload the page and try again.")
            )
        return actor_for(user, ip=client_ip(request))


def request_actor(request: HttpRequest) -> Actor:
    """Return the Actor the authentication put on the request."""
    actor = getattr(request, "auth", None)
    if not isinstance(actor, Actor):
        raise AuthenticationError
    return actor


def authenticated(request: HttpRequest) -> Actor | None:
    """Run the API's authentication outside an operation (for the schema view)."""
    for auth in (TokenAuth(), SessionActorAuth()):
        actor = auth(request)
        if isinstance(actor, Actor):
            return actor
    return None
