"""Attach the acting user's Actor (roles and scope) to each request, lazily."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
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


class LanguageMiddleware:
    """Speak Vietnamese unless the user chose another language with the switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a
    civil servant whose browser is set to English would get English pages
    without asking; here only the language cookie set by the switch counts.
    API clients, which choose their headers on purpose, may ask with
    Accept-Language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if request.path.startswith("/api/"):
            chosen = translation.get_language_from_request(request)
        language = (
            chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        )
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response
