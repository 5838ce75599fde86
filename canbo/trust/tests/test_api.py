"""The trust endpoints: bad input → 422 naming the field, scope on lists."""

from __future__ import annotations

from datetime import date

from canbo.api.tests.helpers import call, token_for
from canbo.tests.fixtures import Cast
from canbo.trust.models import TrustVote
from canbo.trust.tests.factories import TrustVoteFactory


def _body(cast: Cast, **values: object) -> dict[str, object]:
    return {
        "person": cast.org.person_a1.pk, "held_on": "2024-06-01",
        "body": "Ban Thường vụ", "summoned": 30, "returned": 30,
        "high": 5, "trust": 5, "low": 20,
    } | values  # fmt: skip


def test_create_stores_the_outcome_and_refuses_bad_counts(cast: Cast) -> None:
    token = token_for(cast, "personnel")
    made = call("POST", "/trust/votes", _body(cast), token=token)
    assert made.status_code == 201, made.json()
    assert made.json()["outcome"] == "dismiss"
    assert "without waiting" in made.json()["outcome_explained"]
    over = call("POST", "/trust/votes", _body(cast, returned=31, body="X"), token=token)
    assert over.status_code == 422
    assert "returned" in over.json()["errors"]
    quorum = call(
        "POST", "/trust/votes",
        _body(cast, returned=19, high=5, trust=5, low=9, body="Y"), token=token,
    )  # fmt: skip
    assert "No quorum" in quorum.json()["errors"]["returned"][0]
    assert TrustVote.objects.count() == 1


def test_lists_are_scoped_and_flagged_reads_the_latest(cast: Cast) -> None:
    TrustVoteFactory(person=cast.org.person_a1, held_on=date(2024, 1, 1), low=16,
                     high=10, trust=4)  # fmt: skip
    TrustVoteFactory(person=cast.org.person_b1, low=20, high=10, trust=0)
    head = token_for(cast, "head")
    assert call("GET", "/trust/votes", token=head).json()["count"] == 1
    flagged = call("GET", "/trust/flagged", token=head).json()
    assert [r["outcome"] for r in flagged["results"]] == ["review"]
    outsider = call("GET", "/trust/flagged", token=token_for(cast, "outsider")).json()
    assert [r["person"] for r in outsider["results"]] == [cast.org.person_b1.pk]
