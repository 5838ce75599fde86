"""The JSON API at /api/v1/: one NinjaAPI with a router per resource.

Every operation authenticates itself (bearer token or session, see auth.py), so
the URL patterns are exempt from LoginRequiredMiddleware: an anonymous call gets
a 401 JSON answer, never a redirect to the login page. The schema and the
interactive docs page need a token or a logged-in session too.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.renderers import JSONRenderer

from canbo.api import errors
from canbo.api.auth import SessionActorAuth, TokenAuth, authenticated
from canbo.api.routers import (
    appointments,
    assignments,
    discipline,
    evaluation,
    insight,
    integrity,
    people,
    planning,
    reports,
    rotation,
    tasks,
    training,
    trust,
    units,
    work,
)

# URLs ninja adds besides the operations: the schema, the docs page and the root.
GUARDED_URL_NAMES = frozenset({"openapi-json", "openapi-view", "api-root"})


def _requires_auth(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Guard a view like the operations: 401 JSON unless a token or a session is given."""

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
        """Exempt every API URL from the login redirect; each one answers 401 itself."""
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            if not isinstance(pattern, URLPattern):
                continue
            if pattern.name in GUARDED_URL_NAMES:
                pattern.callback = _requires_auth(pattern.callback)
            login_not_required(pattern.callback)
        return patterns, app_name, namespace


api = CanboAPI(
    title="canbo API",
    version="1",
    description="Staff records and the organisation tree, scoped to your roles.",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    auth=[TokenAuth(), SessionActorAuth()],
    renderer=Utf8JSONRenderer(),
)
errors.install(api)
api.add_router("/", units.router)
api.add_router("/", people.router)
api.add_router("/", assignments.router)
api.add_router("/", work.router)
api.add_router("/", tasks.router)
api.add_router("/", evaluation.router)
for careers in (discipline, training, planning, rotation, appointments, trust):
    api.add_router("/", careers.router)
for insights in (insight, integrity, reports):
    api.add_router("/", insights.router)
