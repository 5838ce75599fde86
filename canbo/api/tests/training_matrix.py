"""The training endpoints for the API permission matrix (canbo/api/tests/matrix.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from canbo.api.tests.matrix import API, EVERYONE, Endpoint
from canbo.tests.fixtures import Cast

VIEWERS = frozenset({"admin", "personnel", "head", "auditor"})
EDITORS = frozenset({"personnel"})


def _record_body(cast: Cast) -> Callable[[], dict[str, Any]]:
    def body() -> dict[str, Any]:
        return {
            "person": cast.org.person_a1.pk,
            "kind": "course",
            "hours": 40,
            "field": "Bồi dưỡng kiến thức quản lý nhà nước",
            "start_date": "2026-03-02",
            "end_date": "2026-03-06",
        }

    return body


def endpoints(cast: Cast) -> list[Endpoint]:
    records = f"{API}/training/records"
    unit = cast.org.division_a1.pk
    return [
        Endpoint("GET", records, records, EVERYONE),
        Endpoint("POST", records, records, EDITORS, _record_body(cast)),
        Endpoint(
            "GET", f"{API}/training/standards", f"{API}/training/standards", EVERYONE
        ),
        Endpoint(
            "GET",
            f"{API}/training/units/{{unit_id}}/gaps",
            f"{API}/training/units/{unit}/gaps",
            VIEWERS,
        ),
        Endpoint("GET", f"{API}/training/targets", f"{API}/training/targets", EVERYONE),
    ]
