"""The evaluation endpoints of the permission matrix.

Division A1 has a month per action: November (the staff persona's sheet in
self-assessment, the colleague's waiting for review), October (the colleague's
reviewed, waiting for decision) and September (every sheet decided, ready to
publish).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from canbo.api.tests.matrix import API, EVERYONE, VIEWERS, Endpoint
from canbo.evaluation.models import Sheet
from canbo.evaluation.tests import matrix
from canbo.policy.packs import GENERAL_CRITERIA
from canbo.tests.fixtures import Cast

STAFF = frozenset({"staff"})
OPENERS = frozenset({"admin", "personnel"})
FULL = {c.code: str(c.points) for c in GENERAL_CRITERIA}
LEADER = {"unit_result": "1", "organise": "0.9", "unite": "1"}


def _body(values: dict[str, Any]) -> Callable[[], dict[str, Any]]:
    return lambda: dict(values)


def evaluation_endpoints(cast: Cast) -> list[Endpoint]:
    nov = matrix.period(cast, 11)
    own = matrix.staff_sheet(cast)
    to_review = matrix.colleague_sheet(cast, "submitted", 11)
    to_decide = matrix.colleague_sheet(cast, "reviewed", 10, proposed_level="HTTNV")
    september = matrix.period(cast, 9)
    Sheet.objects.filter(period_id=september).update(status="decided", level="HTNV")
    periods, sheets = f"{API}/evaluation/periods", f"{API}/evaluation/sheets"
    opened = {
        "unit": cast.org.division_a1.pk, "kind": "quarter", "day": "2026-11-10",
        "self_deadline": "2026-12-20", "review_deadline": "2026-12-25",
        "decision_deadline": "2026-12-28",
    }  # fmt: skip
    review = {"points": FULL, "reason": "Điều chỉnh", "proposed_level": "HTTNV",
              "leader_parts": LEADER}  # fmt: skip
    return [
        Endpoint("GET", periods, periods, EVERYONE),
        Endpoint("POST", periods, periods, OPENERS, _body(opened)),
        Endpoint(
            "GET", f"{periods}/{{period_id}}", f"{periods}/{nov}", VIEWERS | STAFF
        ),
        Endpoint(
            "GET",
            f"{periods}/{{period_id}}/sheets",
            f"{periods}/{nov}/sheets",
            VIEWERS | STAFF,
        ),
        Endpoint(
            "POST",
            f"{periods}/{{period_id}}/publish",
            f"{periods}/{september}/publish",
            OPENERS,
        ),
        Endpoint("GET", sheets, sheets, EVERYONE),
        Endpoint("GET", f"{sheets}/{{sheet_id}}", f"{sheets}/{own}", VIEWERS | STAFF),
        Endpoint(
            "POST",
            f"{sheets}/{{sheet_id}}/self-assessment",
            f"{sheets}/{own}/self-assessment",
            STAFF,
            _body({"points": FULL}),
        ),
        Endpoint(
            "POST",
            f"{sheets}/{{sheet_id}}/review",
            f"{sheets}/{to_review}/review",
            frozenset({"manager", "head"}),
            _body(review),
        ),
        Endpoint(
            "POST",
            f"{sheets}/{{sheet_id}}/decision",
            f"{sheets}/{to_decide}/decision",
            frozenset({"head"}),
            _body({"level": "HTTNV"}),
        ),
    ]
