"""Attach the acting user's Actor (roles and scope) to each request, lazily."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from canbo.core.actor import Actor, actor_for
from canbo.core.http import client_ip


class ActorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        def load() -> Actor | None:
            if not request.user.is_authenticated:
                return None
            return actor_for(request.user, ip=client_ip(request))

        request.actor = SimpleLazyObject(load)  # type: ignore[attr-defined]
        return self.get_response(request)
