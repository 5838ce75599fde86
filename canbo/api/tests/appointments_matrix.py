"""The appointments endpoints for the API permission matrix (canbo/api/tests/matrix.py)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from canbo.appointments.tests.factories import ProposalFactory, SelectionRoundFactory
from canbo.org.tests.factories import PostFactory
from canbo.tests.fixtures import Cast

if TYPE_CHECKING:
    from canbo.api.tests.matrix import Endpoint

CAREER_VIEWERS = frozenset({"admin", "personnel", "head", "auditor"})
EDITORS = frozenset({"personnel"})
_serial = itertools.count(1)


def _propose_body(cast: Cast) -> Callable[[], dict[str, Any]]:
    def body() -> dict[str, Any]:
        post = PostFactory(code=f"MX-APPT-{next(_serial)}", rank=20)
        return {
            "person": cast.org.person_a1.pk, "post": post.pk,
            "unit": cast.org.division_a1.pk, "kind": "first",
            "process_started": "2026-03-01",
        }  # fmt: skip

    return body


def endpoints(cast: Cast) -> list[Endpoint]:
    from canbo.api.tests.matrix import API, EVERYONE, Endpoint

    org = cast.org
    SelectionRoundFactory(unit=org.division_a1)
    proposal = ProposalFactory(person=org.person_a1, unit=org.division_a1)
    to_refuse = ProposalFactory(person=org.person_a1, unit=org.division_a1)
    base = f"{API}/appointments"
    post = PostFactory(code="MX-APPT-CHECK", rank=20)
    checks = f"{base}/checks?person={org.person_a1.pk}&post={post.pk}"
    return [
        Endpoint("GET", base, base, EVERYONE),
        Endpoint("POST", base, base, EDITORS, _propose_body(cast)),
        Endpoint("GET", f"{base}/checks", checks, CAREER_VIEWERS, scoped=False),
        Endpoint("GET", f"{base}/terms-ending", f"{base}/terms-ending", EVERYONE),
        Endpoint("GET", f"{base}/retirements", f"{base}/retirements", EVERYONE),
        Endpoint(
            "GET", f"{base}/selection-rounds", f"{base}/selection-rounds", EVERYONE
        ),
        Endpoint(
            "GET", f"{base}/{{appointment_id}}", f"{base}/{proposal.pk}", CAREER_VIEWERS
        ),
        Endpoint(
            "POST",
            f"{base}/{{appointment_id}}/refuse",
            f"{base}/{to_refuse.pk}/refuse",
            EDITORS,
            lambda: {"reason": "Chưa đủ điều kiện"},
        ),
        # Refused for everyone: the proposal is not in planning (a hard rule for
        # nobody to set aside here) — the personnel officer gets 422 too.
        Endpoint(
            "POST",
            f"{base}/{{appointment_id}}/approve",
            f"{base}/{proposal.pk}/approve",
            frozenset(),
            lambda: {"decision_ref": "1/QĐ", "decision_date": "2026-04-01"},
        ),
    ]
