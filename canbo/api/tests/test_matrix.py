"""Every endpoint against every persona: scope, read-only tokens, anonymous calls."""

from __future__ import annotations

import pytest

from canbo.api.tests.helpers import call, token_for
from canbo.api.tests.matrix import api_endpoints
from canbo.core.models import AuditEntry
from canbo.tests.fixtures import PERSONAS, Cast

REFUSED = {403, 404, 422}


def test_the_matrix_lists_every_operation_of_the_schema(cast: Cast) -> None:
    schema = call("GET", "/openapi.json", token=token_for(cast, "admin")).json()
    operations = {
        (method.upper(), path)
        for path, item in schema["paths"].items()
        for method in item
    }
    assert {(e.method, e.template) for e in api_endpoints(cast)} == operations


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_succeeds_exactly_where_their_roles_allow(
    cast: Cast, persona: str
) -> None:
    token = token_for(cast, persona)
    for endpoint in api_endpoints(cast):
        entries = AuditEntry.objects.count()
        response = call(endpoint.method, endpoint.url(), endpoint.body(), token=token)
        if persona in endpoint.ok_for:
            assert response.status_code in {200, 201, 204}, (
                str(endpoint),
                response.content,
            )
        else:
            assert response.status_code in REFUSED, (
                str(endpoint),
                response.status_code,
            )
            assert AuditEntry.objects.count() == entries, (
                f"{endpoint} wrote despite refusing"
            )


def test_outsiders_get_not_found_for_every_object_of_department_a(cast: Cast) -> None:
    token = token_for(cast, "outsider")
    for endpoint in (e for e in api_endpoints(cast) if e.targets_department_a):
        response = call(endpoint.method, endpoint.url(), endpoint.body(), token=token)
        assert response.status_code == 404, str(endpoint)
        assert response.json() == {"detail": "Not found."}


def test_anonymous_calls_get_401_json_on_every_endpoint(cast: Cast) -> None:
    for endpoint in api_endpoints(cast):
        response = call(endpoint.method, endpoint.url(), endpoint.body())
        assert response.status_code == 401, str(endpoint)
        assert response["Content-Type"].startswith("application/json")
        assert response.json() == {"detail": "Authentication required."}


def test_read_only_tokens_get_403_on_every_write_even_for_an_admin(cast: Cast) -> None:
    token = token_for(cast, "admin", read_only=True)
    entries = AuditEntry.objects.count()
    for endpoint in api_endpoints(cast):
        response = call(endpoint.method, endpoint.url(), endpoint.body(), token=token)
        # Reads answer as for the admin's own token: 404 where no admin may look
        # (integrity findings are for heads, personnel officers and auditors).
        read = 200 if "admin" in endpoint.ok_for else 404
        assert response.status_code == (403 if endpoint.writes else read), str(endpoint)
    assert AuditEntry.objects.count() == entries
