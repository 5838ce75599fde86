"""Calling the API in tests: JSON bodies, bearer tokens, English messages."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from canbo.accounts.services import create_api_token
from canbo.tests.fixtures import Cast

API = "/api/v1"


def token_for(cast: Cast, name: str, *, read_only: bool = False) -> str:
    """Create an API token for the persona `name` and return its raw secret."""
    _token, raw = create_api_token(
        actor=None, user=cast.users[name], name=f"{name} test", read_only=read_only
    )
    return raw


def call(
    method: str,
    path: str,
    body: dict[str, Any] | None = None,
    *,
    token: str | None = None,
    client: Client | None = None,
) -> Any:
    """Send one API request and return the response (`.json()` gives the body)."""
    client = client or Client()
    headers = {"Accept-Language": "en"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    url = path if path.startswith(API) else API + path
    send = getattr(client, method.lower())
    if body is None:
        return send(url, headers=headers)
    if method.upper() == "GET":
        return send(url, body, headers=headers)
    return send(url, json.dumps(body), content_type="application/json", headers=headers)


class Api:
    """A persona's view of the API, through their own read-write token."""

    def __init__(self, cast: Cast, name: str, *, read_only: bool = False) -> None:
        self.token = token_for(cast, name, read_only=read_only)

    def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        return call("GET", path, params, token=self.token)

    def post(self, path: str, body: dict[str, Any]) -> Any:
        return call("POST", path, body, token=self.token)

    def patch(self, path: str, body: dict[str, Any]) -> Any:
        return call("PATCH", path, body, token=self.token)

    def put(self, path: str, body: dict[str, Any]) -> Any:
        return call("PUT", path, body, token=self.token)

    def delete(self, path: str) -> Any:
        return call("DELETE", path, token=self.token)
