"""Every URL refuses anonymous users: pages redirect to login, the API answers 401."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

# URLs that must stay open: the login page, the language switch, the static files.
PUBLIC = {"accounts/login/", "i18n/setlang/"}


def _walk(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        else:
            yield route


def _concrete(route: str) -> str:
    route = re.sub(r"<(?:int:)?[a-z_]+>", "1", route)
    route = re.sub(r"<(?:str|slug):[a-z_]+>", "x", route)
    return "/" + route.lstrip("^").rstrip("$").replace("\\Z", "")


ROUTES = sorted({_concrete(route) for route in _walk(get_resolver().url_patterns)})


def test_every_route_is_collected() -> None:
    assert "/people/" in ROUTES
    assert any(route.startswith("/api/v1/") for route in ROUTES)


@pytest.mark.django_db
@pytest.mark.parametrize("url", [u for u in ROUTES if u.lstrip("/") not in PUBLIC])
def test_anonymous_users_are_refused(url: str) -> None:
    client = Client()
    for method in (client.get, client.post):
        response = method(url)
        if url.startswith("/api/v1/"):
            assert response.status_code in (401, 405), (url, response.status_code)
        else:
            assert response.status_code in (302, 405), (url, response.status_code)
            if response.status_code == 302:
                assert response["Location"].startswith("/accounts/login/"), url
