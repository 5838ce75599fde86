"""The trust pages in the permission matrix (canbo/tests/test_permission_matrix.py)."""

from __future__ import annotations

from canbo.tests.fixtures import Cast
from canbo.tests.rows import CAREER_EDITORS, CAREER_LISTS, CAREER_VIEWERS, Row


def _vote(cast: Cast) -> int:
    from canbo.trust.tests.factories import TrustVoteFactory

    return TrustVoteFactory(
        person=cast.org.person_a1, created_by=cast.users["personnel"]
    ).pk


def _vote_body(cast: Cast) -> dict[str, str]:
    return {
        "held_on": "2024-06-01", "body": "Tập thể lãnh đạo mở rộng", "summoned": "30",
        "returned": "28", "high": "20", "trust": "6", "low": "2", "minutes_ref": "",
    }  # fmt: skip


OVERRIDERS = {"head": 200}

ROWS: dict[str, Row] = {
    "home": Row("get", lambda c: "/trust/", CAREER_LISTS),
    "flagged": Row("get", lambda c: "/trust/flagged/", CAREER_LISTS),
    "conflicts": Row("get", lambda c: "/trust/conflicts/", CAREER_LISTS),
    "new": Row("get", lambda c: "/trust/new/", {**CAREER_EDITORS, "outsider": 200}),
    "session": Row(
        "get", lambda c: "/trust/session/", {**CAREER_EDITORS, "outsider": 200}
    ),
    "waive": Row("get", lambda c: "/trust/conflicts/waive/", OVERRIDERS),
    "vote": Row("get", lambda c: f"/trust/{_vote(c)}/", CAREER_VIEWERS),
    "edit": Row("get", lambda c: f"/trust/{_vote(c)}/edit/", CAREER_EDITORS),
    "delete": Row("post", lambda c: f"/trust/{_vote(c)}/delete/", {"personnel": 302}),
}
