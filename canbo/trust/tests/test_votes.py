"""Recording trust votes: quorum, counts, the stored outcome, audit, scope."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from canbo.core.errors import InvalidInput, NotAllowed
from canbo.core.models import AuditEntry
from canbo.org.tests.factories import PostFactory
from canbo.people.tests.factories import AssignmentFactory, PersonFactory
from canbo.tests.fixtures import Cast
from canbo.trust import selectors, services
from canbo.trust.models import TrustVote
from canbo.trust.tests.factories import TrustVoteFactory

TODAY = date(2026, 11, 20)


def _record(cast: Cast, actor: str = "personnel", **values: Any) -> TrustVote:
    counts = {"summoned": 30, "returned": 30, "high": 20, "trust": 8, "low": 2}
    return services.record_vote(
        actor=cast.actor(actor),
        person=cast.org.person_a1,
        held_on=date(2024, 6, 1),
        body="Ban Chấp hành Đảng bộ Sở",
        today=TODAY,
        **(counts | values),
    )


@pytest.mark.parametrize(
    ("low", "returned", "outcome"),
    [
        (15, 30, "none"),  # exactly half
        (16, 30, "review"),  # just over half
        (19, 30, "review"),  # just under two thirds
        (20, 30, "dismiss"),  # exactly two thirds
        (30, 30, "dismiss"),
        (0, 30, "none"),
    ],
)
def test_the_outcome_is_computed_and_stored(
    cast: Cast, low: int, returned: int, outcome: str
) -> None:
    vote = _record(cast, returned=returned, high=returned - low, trust=0, low=low)
    vote.refresh_from_db()
    assert vote.outcome == outcome
    entry = AuditEntry.objects.get(action="trust.vote.created")
    assert entry.person_id == cast.org.person_a1.pk


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"summoned": 30, "returned": 19}, "returned", "No quorum"),  # 19 < 20
        ({"summoned": 30, "returned": 31}, "returned", "more than the 30"),
        ({"returned": 30, "high": 20, "trust": 8, "low": 3}, "low", "add up to 31"),
        ({"summoned": 0, "returned": 0, "high": 0, "trust": 0, "low": 0},
         "summoned", "At least one"),
    ],
)  # fmt: skip
def test_bad_counts_are_refused_naming_the_field_and_nothing_is_written(
    cast: Cast, values: dict[str, Any], field: str, words: str
) -> None:
    values = {"high": 10, "trust": 5, "low": 2} | values
    with pytest.raises(InvalidInput) as refused:
        _record(cast, **values)
    assert field in refused.value.errors
    assert words in " ".join(refused.value.errors[field])
    assert not TrustVote.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="trust.").exists()


def test_quorum_is_met_at_exactly_two_thirds(cast: Cast) -> None:
    vote = _record(cast, summoned=30, returned=20, high=15, trust=3, low=2)
    assert vote.outcome == "none"


def test_future_dates_empty_bodies_and_duplicates_are_refused(cast: Cast) -> None:
    with pytest.raises(InvalidInput) as refused:
        services.record_vote(
            actor=cast.actor("personnel"), person=cast.org.person_a1,
            held_on=date(2027, 1, 1), body=" ", summoned=3, returned=3, high=3,
            trust=0, low=0, today=TODAY,
        )  # fmt: skip
    assert set(refused.value.errors) == {"held_on", "body"}
    _record(cast)
    with pytest.raises(InvalidInput) as twice:
        _record(cast)
    assert "already recorded" in twice.value.errors["held_on"][0]
    assert TrustVote.objects.count() == 1


def test_the_post_held_that_day_is_filled_in(cast: Cast) -> None:
    post = PostFactory(name="Phó Giám đốc Sở", unit_role="deputy")
    AssignmentFactory(person=cast.org.person_a1, post=post, start_date=date(2021, 3, 1))
    assert _record(cast).post == post


@pytest.mark.parametrize("persona", ["head", "auditor", "admin", "outsider", "staff"])
def test_only_personnel_in_scope_record_votes(cast: Cast, persona: str) -> None:
    with pytest.raises(NotAllowed):
        _record(cast, actor=persona)
    assert not TrustVote.objects.exists()


def test_a_correction_recomputes_the_outcome_and_is_audited(cast: Cast) -> None:
    vote = _record(cast)
    services.update_vote(
        actor=cast.actor("personnel"), vote=vote, high=5, trust=5, low=20, today=TODAY
    )
    vote.refresh_from_db()
    assert vote.outcome == "dismiss"
    entry = AuditEntry.objects.get(action="trust.vote.updated")
    assert entry.changes["low"] == [2, 20]
    with pytest.raises(InvalidInput):
        services.update_vote(
            actor=cast.actor("personnel"), vote=vote, returned=10, today=TODAY
        )
    vote.refresh_from_db()
    assert vote.returned == 30
    services.delete_vote(actor=cast.actor("personnel"), vote=vote)
    assert not TrustVote.objects.exists()
    assert AuditEntry.objects.filter(action="trust.vote.deleted").exists()


def test_a_session_records_all_rows_or_none(cast: Cast) -> None:
    other = PersonFactory(unit=cast.org.division_a1)
    rows = [
        services.SessionRow(cast.org.person_a1, 20, 8, 2),
        services.SessionRow(other, 5, 5, 20),
    ]
    votes = services.record_session(
        actor=cast.actor("personnel"), held_on=date(2024, 6, 1), body="Hội nghị",
        summoned=30, returned=30, rows=rows, today=TODAY,
    )  # fmt: skip
    assert [v.outcome for v in votes] == ["none", "dismiss"]
    bad = [services.SessionRow(PersonFactory(unit=cast.org.division_a1), 9, 9, 20)]
    with pytest.raises(InvalidInput) as refused:
        services.record_session(
            actor=cast.actor("personnel"), held_on=date(2024, 7, 1), body="Hội nghị",
            summoned=30, returned=30, rows=[*rows, *bad], today=TODAY,
        )  # fmt: skip
    assert "rows.2.low" in refused.value.errors
    assert TrustVote.objects.count() == 2


def test_flagged_reads_each_persons_latest_vote(cast: Cast) -> None:
    a1 = cast.org.person_a1
    other = PersonFactory(unit=cast.org.division_a1)
    cleared = PersonFactory(unit=cast.org.division_a1)
    TrustVoteFactory(person=a1, held_on=date(2023, 6, 1), low=20, high=5, trust=5)
    TrustVoteFactory(person=a1, held_on=date(2024, 6, 1), low=16, high=10, trust=4)
    TrustVoteFactory(person=other, low=25, high=5, trust=0)
    TrustVoteFactory(person=cleared, held_on=date(2023, 6, 1), low=25, high=5, trust=0)
    TrustVoteFactory(person=cleared, held_on=date(2024, 6, 1), low=1)
    TrustVoteFactory(person=cast.org.person_b1, low=25, high=5, trust=0)
    found = list(selectors.flagged(cast.actor("personnel"), selectors.VoteFilter()))
    assert [(v.person, v.outcome) for v in found] == [
        (other, "dismiss"),
        (a1, "review"),
    ]
