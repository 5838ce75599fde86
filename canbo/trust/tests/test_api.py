"""The trust endpoints: votes, sessions and set-asides; bad input → 422 naming
the field, scope on lists."""

from __future__ import annotations

from datetime import date

from canbo.api.tests.helpers import Api, call, token_for
from canbo.core.models import AuditEntry
from canbo.people.tests.factories import PersonFactory, RelativeFactory
from canbo.tests.fixtures import Cast
from canbo.trust.models import ConflictWaiver, TrustVote
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


VOTES = "/trust/votes"


def test_correcting_a_vote_computes_the_outcome_again(cast: Cast) -> None:
    vote = TrustVoteFactory(person=cast.org.person_a1)
    api = Api(cast, "personnel")
    changed = api.patch(f"{VOTES}/{vote.pk}", {"high": 5, "trust": 5, "low": 20})
    assert changed.status_code == 200, changed.json()
    assert (changed.json()["outcome"], changed.json()["body"]) == ("dismiss", vote.body)
    entry = AuditEntry.objects.get(action="trust.vote.updated")
    assert entry.changes["outcome"] == ["none", "dismiss"]
    over = api.patch(f"{VOTES}/{vote.pk}", {"returned": 31})
    assert over.status_code == 422
    assert list(over.json()["errors"]) == ["returned"]
    assert TrustVote.objects.get().returned == 30


def test_a_vote_entered_by_mistake_is_deleted(cast: Cast) -> None:
    vote = TrustVoteFactory(person=cast.org.person_a1)
    refused = Api(cast, "head").delete(f"{VOTES}/{vote.pk}")
    assert refused.status_code == 403
    deleted = Api(cast, "personnel").delete(f"{VOTES}/{vote.pk}")
    assert (deleted.status_code, deleted.content) == (204, b"")
    assert not TrustVote.objects.exists()
    assert AuditEntry.objects.filter(action="trust.vote.deleted").count() == 1


def _session(cast: Cast, second: int, **row: object) -> dict[str, object]:
    return {
        "held_on": "2024-06-01", "body": "Hội nghị cán bộ chủ chốt",
        "summoned": 30, "returned": 28,
        "rows": [{"person": cast.org.person_a1.pk, "high": 20, "trust": 6, "low": 2},
                 {"person": second, "high": 5, "trust": 5, "low": 15} | row],
    }  # fmt: skip


def test_a_session_records_one_vote_per_person_all_or_nothing(cast: Cast) -> None:
    second = PersonFactory(unit=cast.org.division_a1).pk
    api = Api(cast, "personnel")
    over = api.post("/trust/sessions", _session(cast, second, low=20))
    assert over.status_code == 422
    assert list(over.json()["errors"]) == ["rows.1.low"]
    unknown = api.post("/trust/sessions", _session(cast, cast.org.person_b1.pk))
    assert list(unknown.json()["errors"]) == ["rows.1.person"]
    assert not TrustVote.objects.exists()
    assert not AuditEntry.objects.filter(action="trust.vote.created").exists()
    made = api.post("/trust/sessions", _session(cast, second))
    assert made.status_code == 201, made.json()
    assert [v["outcome"] for v in made.json()] == ["none", "review"]
    assert AuditEntry.objects.filter(action="trust.vote.created").count() == 2


def test_a_head_sets_a_relatives_conflict_aside_with_reasons(cast: Cast) -> None:
    relative = PersonFactory(unit=cast.org.division_a1)
    RelativeFactory(person=cast.org.person_a1, citizen_id=relative.citizen_id,
                    staff_record=relative)  # fmt: skip
    body = {"unit": cast.org.division_a1.code, "leader": cast.org.person_a1.pk,
            "relative": relative.pk, "justification": "vì cần"}  # fmt: skip
    head = Api(cast, "head")
    short = head.post("/trust/conflicts/set-aside", body)
    assert short.status_code == 422
    assert list(short.json()["errors"]) == ["justification"]
    stranger = head.post(
        "/trust/conflicts/set-aside",
        body | {"relative": cast.users["staff"].person_id, "justification": "x" * 30},
    )
    assert list(stranger.json()["errors"]) == ["relative"]
    assert not ConflictWaiver.objects.exists()
    reasons = "Chưa có người thay thế, bố trí trong 6 tháng."
    done = head.post("/trust/conflicts/set-aside", body | {"justification": reasons})
    assert done.status_code == 200, done.json()
    assert ConflictWaiver.objects.get().justification == reasons
    entry = AuditEntry.objects.get(action="trust.conflict.overridden")
    assert entry.data["justification"] == reasons
    personnel = Api(cast, "personnel").post(
        "/trust/conflicts/set-aside", body | {"justification": reasons}
    )
    assert personnel.status_code == 403
