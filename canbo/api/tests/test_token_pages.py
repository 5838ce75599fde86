"""The pages where a user lists, creates and revokes their own API tokens."""

from __future__ import annotations

import re

from django.conf import settings
from django.test import Client

from canbo.accounts.models import ApiToken
from canbo.accounts.services import create_api_token
from canbo.api.tests.helpers import call
from canbo.core.models import AuditEntry
from canbo.tests.fixtures import Cast


def test_the_token_page_lists_only_my_own_tokens(cast: Cast) -> None:
    create_api_token(actor=None, user=cast.users["head"], name="Bảng điều khiển")
    create_api_token(actor=None, user=cast.users["admin"], name="Đồng bộ của quản trị")
    client = cast.client("head")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/api-tokens/")
    assert response.status_code == 200
    assert "Bảng điều khiển" in response.text
    assert "Đồng bộ của quản trị" not in response.text
    assert "read-only" in response.text


def test_a_new_token_is_shown_once_and_works_against_the_api(cast: Cast) -> None:
    client = cast.client("personnel")
    response = client.post(
        "/api-tokens/new/", {"name": "Đồng bộ HRM", "read_only": "on"}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    raw = re.search(r'value="(cb_[^"]+)"', response.text)
    assert raw is not None
    token = ApiToken.objects.get(user=cast.users["personnel"])
    assert (token.name, token.read_only) == ("Đồng bộ HRM", True)
    assert raw.group(1) not in client.get("/api-tokens/").text
    assert call("GET", "/people", token=raw.group(1)).status_code == 200
    assert AuditEntry.objects.filter(action="accounts.token.created").count() == 1


def test_an_unticked_read_only_box_makes_a_read_write_token(cast: Cast) -> None:
    cast.client("personnel").post("/api-tokens/new/", {"name": "Ghi dữ liệu"})
    assert ApiToken.objects.get(user=cast.users["personnel"]).read_only is False


def test_a_token_without_a_name_is_refused_with_the_form_shown_again(
    cast: Cast,
) -> None:
    response = cast.client("personnel").post("/api-tokens/new/", {"name": "  "})
    assert response.status_code == 422
    assert 'class="errorlist' in response.text
    assert not ApiToken.objects.exists()


def test_revoking_a_token_stops_it_and_is_audited(cast: Cast) -> None:
    token, raw = create_api_token(actor=None, user=cast.users["head"], name="Cũ")
    response = cast.client("head").post(f"/api-tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert call("GET", "/units", token=raw).status_code == 401
    assert AuditEntry.objects.filter(
        action="accounts.token.revoked", object_id=str(token.pk)
    ).exists()


def test_nobody_can_revoke_someone_elses_token(cast: Cast) -> None:
    token, _raw = create_api_token(
        actor=None, user=cast.users["admin"], name="Của quản trị"
    )
    assert (
        cast.client("head").post(f"/api-tokens/{token.pk}/revoke/").status_code == 404
    )
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoking_needs_a_post(cast: Cast) -> None:
    token, _raw = create_api_token(actor=None, user=cast.users["head"], name="Cũ")
    assert cast.client("head").get(f"/api-tokens/{token.pk}/revoke/").status_code == 405


def test_the_token_pages_need_a_login(db: None) -> None:
    response = Client().get("/api-tokens/")
    assert response.status_code == 302
    assert "/accounts/" in response["Location"]
