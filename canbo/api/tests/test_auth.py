"""Who may call the API: tokens, sessions, and what each is refused."""

from __future__ import annotations

import json
from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from canbo.accounts.models import ApiToken
from canbo.accounts.services import create_api_token, revoke_api_token
from canbo.api.tests.helpers import call, token_for
from canbo.tests.fixtures import Cast


def test_anonymous_calls_get_401_json_not_a_login_redirect(cast: Cast) -> None:
    response = call("GET", "/people")
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication required."}
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_an_unknown_token_gets_401(cast: Cast) -> None:
    response = call("GET", "/people", token="cb_not-a-real-token")
    assert response.status_code == 401
    assert "invalid" in response.json()["detail"]


def test_a_revoked_token_stops_working_at_once(cast: Cast) -> None:
    token, raw = create_api_token(actor=None, user=cast.users["personnel"], name="sync")
    assert call("GET", "/people", token=raw).status_code == 200
    revoke_api_token(actor=cast.actor("personnel"), token=token)
    assert call("GET", "/people", token=raw).status_code == 401


def test_the_token_of_a_deactivated_user_gets_401(cast: Cast) -> None:
    raw = token_for(cast, "personnel")
    user = cast.users["personnel"]
    user.is_active = False
    user.save()
    assert call("GET", "/people", token=raw).status_code == 401


def test_a_bad_token_is_refused_even_with_a_logged_in_session(cast: Cast) -> None:
    response = call("GET", "/people", token="cb_wrong", client=cast.client("personnel"))
    assert response.status_code == 401


def test_a_read_only_token_reads_but_cannot_write(cast: Cast) -> None:
    raw = token_for(cast, "personnel", read_only=True)
    assert call("GET", f"/people/{cast.org.person_a1.pk}", token=raw).status_code == 200
    response = call(
        "PATCH", f"/people/{cast.org.person_a1.pk}", {"phone": "0912345678"}, token=raw
    )
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]
    cast.org.person_a1.refresh_from_db()
    assert cast.org.person_a1.phone == ""


def test_a_token_records_when_it_was_last_used_at_most_once_a_minute(
    cast: Cast,
) -> None:
    token, raw = create_api_token(actor=None, user=cast.users["head"], name="dashboard")
    assert token.last_used_at is None
    with time_machine.travel("2026-03-02 08:00:00 +07:00", tick=False):
        call("GET", "/units", token=raw)
        first = ApiToken.objects.get(pk=token.pk).last_used_at
        assert first == timezone.now()
    with time_machine.travel("2026-03-02 08:00:30 +07:00", tick=False):
        call("GET", "/units", token=raw)
        assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    with time_machine.travel("2026-03-02 08:01:30 +07:00", tick=False):
        call("GET", "/units", token=raw)
        assert ApiToken.objects.get(pk=token.pk).last_used_at == first + timedelta(
            seconds=90
        )


def test_a_logged_in_browser_session_can_use_the_api(cast: Cast) -> None:
    response = call("GET", "/people", client=cast.client("head"))
    assert response.status_code == 200
    assert response.json()["count"] == 2


def test_a_session_write_without_the_csrf_token_is_refused(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.users["personnel"])
    path = f"/api/v1/people/{cast.org.person_a1.pk}"
    response = client.patch(
        path, json.dumps({"phone": "0912345678"}), content_type="application/json"
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_a_session_write_with_the_csrf_token_goes_through(cast: Cast) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.users["personnel"])
    client.get("/api-tokens/")  # any page sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    path = f"/api/v1/people/{cast.org.person_a1.pk}"
    response = client.patch(
        path,
        json.dumps({"phone": "0912345678"}),
        content_type="application/json",
        headers={"X-CSRFToken": csrf},
    )
    assert response.status_code == 200
    assert response.json()["phone"] == "0912345678"


def test_the_openapi_schema_is_json_listing_every_resource(cast: Cast) -> None:
    response = call(
        "GET", "/openapi.json", token=token_for(cast, "staff", read_only=True)
    )
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert schema["info"]["title"] == "canbo API"
    assert {
        "/api/v1/units",
        "/api/v1/units/{unit_id}",
        "/api/v1/people",
        "/api/v1/people/{person_id}",
        "/api/v1/assignments",
        "/api/v1/assignments/{assignment_id}",
    } <= set(schema["paths"])
    assert set(schema["components"]["securitySchemes"]) >= {"TokenAuth"}


def test_the_openapi_schema_needs_credentials(db: None) -> None:
    response = call("GET", "/openapi.json")
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication required."}


def test_the_docs_page_and_the_api_root_answer_401_to_anonymous_visitors(
    db: None,
) -> None:
    for path in ("/docs", "/"):
        response = call("GET", path)
        assert response.status_code == 401
        assert response.json() == {"detail": "Authentication required."}


def test_the_docs_page_opens_for_a_logged_in_user(cast: Cast) -> None:
    response = cast.client("head").get("/api/v1/docs")
    assert response.status_code == 200
    assert b"/api/v1/openapi.json" in response.content
