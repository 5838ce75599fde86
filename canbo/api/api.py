"""The JSON API at /api/v1/: one NinjaAPI with a router per resource.

Every operation authenticates itself (bearer token or session, see auth.py), so
the URL patterns are exempt from LoginRequiredMiddleware: an anonymous call gets
a 401 JSON answer, never a redirect to the login page. The interactive docs page
stays behind the login like every other page.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial, wraps
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.openapi.views import openapi_view
from ninja.renderers import JSONRenderer

from canbo.api import errors
from canbo.api.auth import SessionActorAuth, TokenAuth, authenticated
from canbo.api.routers import assignments, people, units

DOCS_URL_NAME = "openapi-view"


def _schema_requires_auth(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """Guard the schema like the operations: 401 JSON unless a token or session is given.

    The docs page itself is left to LoginRequiredMiddleware, which sends a browser
    to the login page.
    """
    if isinstance(view, partial) and view.func is openapi_view:
        return view

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            actor = authenticated(request)
        except HttpError as error:
            return api.on_exception(request, error)
        if actor is None:
            return api.on_exception(request, AuthenticationError())
        return view(request, *args, **kwargs)

    return guarded


class Utf8JSONRenderer(JSONRenderer):
    """Write Vietnamese text as UTF-8, not as \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


class CanboAPI(NinjaAPI):
    @property
    def urls(self) -> tuple[list[URLResolver | URLPattern], str, str]:
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if isinstance(pattern, URLPattern) and pattern.name != DOCS_URL_NAME:
                login_not_required(pattern.callback)
        return patterns, app_name, namespace


api = CanboAPI(
    title="canbo API",
    version="1",
    description="Staff records and the organisation tree, scoped to your roles.",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    docs_decorator=_schema_requires_auth,
    auth=[TokenAuth(), SessionActorAuth()],
    renderer=Utf8JSONRenderer(),
)
errors.install(api)
api.add_router("/", units.router)
api.add_router("/", people.router)
api.add_router("/", assignments.router)
