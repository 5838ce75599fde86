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


def _session_body(cast: Cast, second: int) -> Callable[[], dict[str, Any]]:
    def body() -> dict[str, Any]:
        return {
            "held_on": "2024-06-01",
            "body": f"Hội nghị cán bộ chủ chốt {next(_serial)}",
            "summoned": 30,
            "returned": 28,
            "rows": [
                {"person": cast.org.person_a1.pk, "high": 20, "trust": 6, "low": 2},
                {"person": second, "high": 10, "trust": 3, "low": 15},
            ],
        }

    return body


def _patch_body() -> dict[str, Any]:
    return {"low": 4, "trust": 4, "minutes_ref": f"BB-{next(_serial)}"}


def _waiver_body(cast: Cast, relative: int) -> Callable[[], dict[str, Any]]:
    def body() -> dict[str, Any]:
        return {
            "unit": cast.org.division_a1.code,
            "leader": cast.org.person_a1.pk,
            "relative": relative,
            "justification": f"Chưa có người thay thế, bố trí tạm thời {next(_serial)}.",
        }

    return body


def endpoints(cast: Cast) -> list[Endpoint]:
    from canbo.api.tests.matrix import API, Endpoint
    from canbo.people.tests.factories import PersonFactory, RelativeFactory
    from canbo.trust.tests.factories import TrustVoteFactory

    org = cast.org

    def new_vote() -> int:
        made = TrustVoteFactory(
            person=org.person_a1, created_by=cast.users["personnel"]
        )
        return made.pk

    vote = new_vote()
    # A colleague in A1 whom An declared as his spouse: a pair a head may set aside.
    relative = PersonFactory(full_name="Trần Thị Hoa", unit=org.division_a1)
    RelativeFactory(person=org.person_a1, full_name=relative.full_name,
                    citizen_id=relative.citizen_id, staff_record=relative)  # fmt: skip
    votes = f"{API}/trust/votes"
    one = f"{votes}/{{vote_id}}"
    personnel = frozenset({"personnel"})
    return [
        Endpoint("GET", votes, votes, CAREER_LISTS),
        Endpoint("POST", votes, votes, personnel, _vote_body(cast)),
        Endpoint("GET", one, f"{votes}/{vote}", CAREER_VIEWERS),
        Endpoint("PATCH", one, f"{votes}/{vote}", personnel, _patch_body),
        Endpoint(
            "DELETE",
            one,
            f"{votes}/{vote}",
            personnel,
            fresh=lambda: f"{votes}/{new_vote()}",
        ),
        Endpoint(
            "POST",
            f"{API}/trust/sessions",
            f"{API}/trust/sessions",
            personnel,
            _session_body(cast, relative.pk),
        ),
        Endpoint("GET", f"{API}/trust/flagged", f"{API}/trust/flagged", CAREER_LISTS),
        Endpoint(
            "GET", f"{API}/trust/conflicts", f"{API}/trust/conflicts", CAREER_LISTS
        ),
        Endpoint(
            "POST",
            f"{API}/trust/conflicts/set-aside",
            f"{API}/trust/conflicts/set-aside",
            frozenset({"head"}),
            _waiver_body(cast, relative.pk),
        ),
    ]
