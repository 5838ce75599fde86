"""The trust pages: the list and its filters, the form, a vote, a session, the panel."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine

from canbo.people.tests.factories import PersonFactory
from canbo.tests.fixtures import Cast
from canbo.trust.models import TrustVote
from canbo.trust.tests.factories import TrustVoteFactory


@pytest.fixture(autouse=True)
def english(settings: Any) -> Iterator[None]:
    settings.LANGUAGE_CODE = "en"
    with time_machine.travel("2026-11-10 10:00 +07:00", tick=False):
        yield


def _form(cast: Cast, **values: str) -> dict[str, str]:
    return {
        "person": cast.org.person_a1.citizen_id, "held_on": "2024-06-01",
        "body": "Ban Chấp hành Đảng bộ Sở", "summoned": "30", "returned": "30",
        "high": "5", "trust": "5", "low": "20", "minutes_ref": "BB-12",
    } | values  # fmt: skip


def test_personnel_record_a_vote_and_see_dismissal_explained(cast: Cast) -> None:
    client = cast.client("personnel")
    response = client.post("/trust/new/", _form(cast), follow=True)
    assert response.status_code == 200
    vote = TrustVote.objects.get()
    assert vote.outcome == "dismiss"
    text = response.content.decode()
    assert "Dismissal from post" in text
    assert "without waiting for the end of the term" in text
    assert "Quy định 96-QĐ/TW" in text
    assert 'data-share="low"' in text
    assert "66.7%" in text


def test_a_vote_short_of_quorum_is_refused_with_the_reason(cast: Cast) -> None:
    client = cast.client("personnel")
    response = client.post(
        "/trust/new/", _form(cast, returned="19", high="5", trust="5", low="9")
    )
    assert response.status_code == 422
    assert "No quorum: 19 of the 30 people summoned voted" in response.content.decode()
    assert not TrustVote.objects.exists()


def test_an_unknown_or_out_of_scope_person_is_refused(cast: Cast) -> None:
    client = cast.client("personnel")
    response = client.post(
        "/trust/new/", _form(cast, person=cast.org.person_b1.citizen_id)
    )
    assert response.status_code == 422
    assert "No staff record with this citizen ID" in response.content.decode()
    assert not TrustVote.objects.exists()


def test_the_list_filters_by_unit_year_and_outcome(cast: Cast) -> None:
    a1 = cast.org.person_a1
    TrustVoteFactory(person=a1, held_on=date(2023, 5, 1), low=2)
    TrustVoteFactory(person=a1, held_on=date(2024, 5, 1), low=25, high=5, trust=0)
    TrustVoteFactory(person=cast.org.person_b1, low=25, high=5, trust=0)
    client = cast.client("head")
    page = client.get("/trust/").content.decode()
    assert page.count("data-vote=") == 2
    assert client.get("/trust/?year=2024").content.decode().count("data-vote=") == 1
    only = client.get("/trust/?outcome=dismiss&unit=SNV-TCBC").content.decode()
    assert only.count("data-vote=") == 1
    unknown = client.get("/trust/?unit=STC").content.decode()
    assert "outside your scope" in unknown
    assert "data-vote=" not in unknown


def test_the_flagged_list_and_the_profile_panel(cast: Cast) -> None:
    a1 = cast.org.person_a1
    TrustVoteFactory(person=a1, low=16, high=10, trust=4)
    TrustVoteFactory(person=PersonFactory(unit=cast.org.division_a1), low=2)
    flagged = cast.client("auditor").get("/trust/flagged/").content.decode()
    assert flagged.count("data-vote=") == 1
    assert a1.full_name in flagged
    profile = cast.client("personnel").get(f"/people/{a1.pk}/").content.decode()
    assert "removed from planning for higher posts" in profile
    assert f"/trust/new/?person={a1.pk}" in profile


def test_a_session_saves_every_row_or_none(cast: Cast) -> None:
    other = PersonFactory(unit=cast.org.division_a1)
    data = {
        "held_on": "2024-06-01", "body": "Hội nghị cán bộ chủ chốt", "summoned": "40",
        "returned": "36", "minutes_ref": "", "rows-TOTAL_FORMS": "3",
        "rows-INITIAL_FORMS": "0", "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "60",
        "rows-0-person": cast.org.person_a1.citizen_id, "rows-0-high": "30",
        "rows-0-trust": "5", "rows-0-low": "1",
        "rows-1-person": other.citizen_id, "rows-1-high": "8",
        "rows-1-trust": "8", "rows-1-low": "20",
    }  # fmt: skip
    client = cast.client("personnel")
    bad = client.post("/trust/session/", data | {"rows-1-low": "30"})
    assert bad.status_code == 422
    assert "add up to 46" in bad.content.decode()
    assert not TrustVote.objects.exists()
    assert client.post("/trust/session/", data).status_code == 302
    assert sorted(TrustVote.objects.values_list("outcome", flat=True)) == [
        "none",
        "review",
    ]
