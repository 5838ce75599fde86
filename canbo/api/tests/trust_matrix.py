"""The trust endpoints for the API permission matrix (canbo/api/tests/matrix.py)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from canbo.tests.fixtures import Cast

if TYPE_CHECKING:
    from canbo.api.tests.matrix import Endpoint

_serial = itertools.count(1)
CAREER_VIEWERS = frozenset({"admin", "personnel", "head", "auditor"})
CAREER_LISTS = frozenset({"admin", "personnel", "head", "auditor", "outsider",
                          "manager", "staff"})  # fmt: skip


def _vote_body(cast: Cast) -> Callable[[], dict[str, Any]]:
    def body() -> dict[str, Any]:
        return {
            "person": cast.org.person_a1.pk,
            "held_on": "2024-06-01",
            "body": f"Hội nghị lấy phiếu {next(_serial)}",
            "summoned": 30,
            "returned": 27,
            "high": 18,
            "trust": 6,
            "low": 3,
        }

    return body


def endpoints(cast: Cast) -> list[Endpoint]:
    from canbo.api.tests.matrix import API, Endpoint
    from canbo.trust.tests.factories import TrustVoteFactory

    vote = TrustVoteFactory(
        person=cast.org.person_a1, created_by=cast.users["personnel"]
    )
    votes = f"{API}/trust/votes"
    return [
        Endpoint("GET", votes, votes, CAREER_LISTS),
        Endpoint("POST", votes, votes, frozenset({"personnel"}), _vote_body(cast)),
        Endpoint("GET", f"{votes}/{{vote_id}}", f"{votes}/{vote.pk}", CAREER_VIEWERS),
        Endpoint("GET", f"{API}/trust/flagged", f"{API}/trust/flagged", CAREER_LISTS),
        Endpoint(
            "GET", f"{API}/trust/conflicts", f"{API}/trust/conflicts", CAREER_LISTS
        ),
    ]
