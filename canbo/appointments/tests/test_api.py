"""The appointments operations of /api/v1 that mirror the pages: override, withdraw,
extension ballot, renewal, selection rounds and public holidays (the permission
matrix in canbo/api/tests covers who may call them)."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from canbo.api.tests.helpers import Api
from canbo.appointments.models import (
    Appointment,
    ExtensionBallot,
    PublicHoliday,
    SelectionCandidate,
    SelectionRound,
)
from canbo.appointments.tests.factories import (
    ProposalFactory,
    SelectionRoundFactory,
    TermFactory,
)
from canbo.core.models import AuditEntry
from canbo.org.models import Post
from canbo.org.tests.factories import PostFactory
from canbo.people.models import Person
from canbo.people.tests.factories import PersonFactory
from canbo.policy.discipline import add_months
from canbo.tests.fixtures import Cast

BASE = "/appointments"
WHY = "Phòng khuyết trưởng phòng, đồng chí đã điều hành 2 năm, tập thể thống nhất."


def _audited(action: str) -> int:
    return AuditEntry.objects.filter(action=action).count()


@pytest.fixture
def post() -> Post:
    return PostFactory(code="TP", name="Trưởng phòng", rank=30)


@pytest.fixture
def person(cast: Cast) -> Person:
    return PersonFactory(full_name="Đỗ Văn Chưa", unit=cast.org.division_a1)


def _propose(cast: Cast, person: Person, post: Post) -> int:
    """A proposal through the API; the person is in no planning pool."""
    response = Api(cast, "personnel").post(
        BASE,
        {
            "person": person.pk, "post": post.pk, "unit": cast.org.division_a1.pk,
            "kind": "first", "process_started": "2026-03-01",
        },
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    return int(response.json()["id"])


def _extension(cast: Cast) -> Appointment:
    return ProposalFactory(
        person=cast.org.person_a1,
        unit=cast.org.division_a1,
        kind=Appointment.Kind.EXTENSION,
    )


# --- override, withdraw -----------------------------------------------------------------


def test_head_overrides_a_refusal_and_the_detail_shows_nothing_blocking(
    cast: Cast, person: Person, post: Post
) -> None:
    pk = _propose(cast, person, post)
    before = Api(cast, "head").get(f"{BASE}/{pk}").json()
    assert [c["code"] for c in before["blocking"]] == ["not_in_planning"]
    response = Api(cast, "head").post(
        f"{BASE}/{pk}/override", {"codes": ["not_in_planning"], "justification": WHY}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["overridden"] == ["not_in_planning"]
    assert response.json()["justification"] == WHY
    assert response.json()["blocking"] == []
    entry = AuditEntry.objects.get(action="appointments.appointment.overridden")
    assert entry.data == {"codes": ["not_in_planning"], "justification": WHY}


def test_override_without_a_real_justification_is_refused_on_the_field(
    cast: Cast, person: Person, post: Post
) -> None:
    pk = _propose(cast, person, post)
    response = Api(cast, "head").post(
        f"{BASE}/{pk}/override",
        {"codes": ["not_in_planning", "age_short_of_term"], "justification": "Cần gấp"},
    )
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"codes", "justification"}
    assert Appointment.objects.get(pk=pk).overridden == []
    assert _audited("appointments.appointment.overridden") == 0


def test_withdraw_closes_the_proposal_with_the_reason(cast: Cast) -> None:
    proposal = ProposalFactory(person=cast.org.person_a1, unit=cast.org.division_a1)
    api = Api(cast, "personnel")
    empty = api.post(f"{BASE}/{proposal.pk}/withdraw", {"reason": "  "})
    assert empty.status_code == 422
    assert "reason" in empty.json()["errors"]
    assert _audited("appointments.appointment.withdrawn") == 0
    response = api.post(f"{BASE}/{proposal.pk}/withdraw", {"reason": "Rút đề nghị"})
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "withdrawn"
    assert _audited("appointments.appointment.withdrawn") == 1
    again = api.post(f"{BASE}/{proposal.pk}/withdraw", {"reason": "Rút lần nữa"})
    assert again.status_code == 422


# --- extension ballot ---------------------------------------------------------------------


def test_a_tied_ballot_goes_to_the_head_who_decides(cast: Cast) -> None:
    proposal = _extension(cast)
    recorded = Api(cast, "personnel").post(
        f"{BASE}/{proposal.pk}/ballot",
        {"held_on": "2026-04-01", "voters": 8, "agree": 4, "disagree": 4},
    )
    assert recorded.status_code == 200, recorded.json()
    assert recorded.json()["ballot"]["outcome"] == "head_decides"
    assert recorded.json()["ballot"]["passed"] is False
    assert _audited("appointments.ballot.recorded") == 1
    decided = Api(cast, "head").post(
        f"{BASE}/{proposal.pk}/ballot/decide",
        {"decision": "agree", "note": "Đảm bảo chuyên môn."},
    )
    assert decided.status_code == 200, decided.json()
    ballot = decided.json()["ballot"]
    assert (ballot["head_decision"], ballot["passed"]) == ("agree", True)
    entry = AuditEntry.objects.get(action="appointments.ballot.decided")
    assert entry.data == {"decision": "agree", "note": "Đảm bảo chuyên môn."}


def test_a_ballot_with_more_ballots_than_voters_is_refused(cast: Cast) -> None:
    proposal = _extension(cast)
    response = Api(cast, "personnel").post(
        f"{BASE}/{proposal.pk}/ballot",
        {"held_on": "2026-04-01", "voters": 8, "agree": 5, "disagree": 4},
    )
    assert response.status_code == 422
    assert "agree" in response.json()["errors"]
    assert not ExtensionBallot.objects.exists()
    assert _audited("appointments.ballot.recorded") == 0


def test_the_head_cannot_decide_before_a_ballot_is_recorded(cast: Cast) -> None:
    proposal = _extension(cast)
    response = Api(cast, "head").post(
        f"{BASE}/{proposal.pk}/ballot/decide", {"decision": "agree", "note": "Đồng ý"}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {"__all__": ["No ballot has been recorded."]}
    assert _audited("appointments.ballot.decided") == 0


# --- renewal and the notice ------------------------------------------------------------------


def test_terms_ending_show_the_notice_and_renewal_proposes_a_reappointment(
    cast: Cast,
) -> None:
    start = add_months(timezone.localdate(), -58)
    term = TermFactory(
        person=cast.org.person_a1, unit=cast.org.division_a1, term_start=start
    )
    api = Api(cast, "personnel")
    row = api.get(f"{BASE}/terms-ending").json()["results"][0]
    assert row["id"] == term.pk
    assert row["notice_due"] is not None
    assert date.fromisoformat(row["notice_due"]) < term.term_end
    assert row["has_renewal"] is False
    response = api.post(
        f"{BASE}/{term.pk}/renew",
        {"kind": "reappointment", "process_started": timezone.localdate().isoformat()},
    )
    assert response.status_code == 201, response.json()
    assert (response.json()["kind"], response.json()["previous_id"]) == (
        "reappointment",
        term.pk,
    )
    assert _audited("appointments.appointment.proposed") == 1
    assert api.get(f"{BASE}/terms-ending").json()["results"][0]["has_renewal"] is True
    twice = api.post(
        f"{BASE}/{term.pk}/renew",
        {"kind": "reappointment", "process_started": timezone.localdate().isoformat()},
    )
    assert twice.status_code == 422
    assert "post" in twice.json()["errors"]


def test_renewal_is_only_a_reappointment_or_an_extension(cast: Cast) -> None:
    term = TermFactory(person=cast.org.person_a1, unit=cast.org.division_a1)
    response = Api(cast, "personnel").post(
        f"{BASE}/{term.pk}/renew", {"kind": "first", "process_started": "2026-03-01"}
    )
    assert response.status_code == 422
    assert "kind" in response.json()["errors"]
    assert Appointment.objects.count() == 1


# --- selection rounds ------------------------------------------------------------------------


def test_a_round_is_opened_scored_and_its_winner_proposed(
    cast: Cast, post: Post
) -> None:
    api = Api(cast, "personnel")
    opened = api.post(
        f"{BASE}/selection-rounds",
        {"post": post.code, "unit": cast.org.division_a1.code,
         "announced_on": "2026-03-01", "parts": "Đề án; Phỏng vấn"},
    )  # fmt: skip
    assert opened.status_code == 201, opened.json()
    assert opened.json()["parts"] == ["Đề án", "Phỏng vấn"]
    assert _audited("appointments.selection.opened") == 1
    path = f"{BASE}/selection-rounds/{opened.json()['id']}"
    outside = api.post(
        f"{path}/candidates",
        {"external_name": "Võ Thị Ngoài", "scores": {"Đề án": 70, "Phỏng vấn": 80}},
    )
    best = api.post(
        f"{path}/candidates",
        {"person": cast.org.person_a1.pk,
         "scores": {"Đề án": 85.5, "Phỏng vấn": "90"}},
    )  # fmt: skip
    assert (outside.status_code, best.status_code) == (201, 201), best.json()
    assert _audited("appointments.selection.candidate_added") == 2
    shown = api.get(path).json()["candidates"]
    assert [(c["name"], c["total"], c["rank"]) for c in shown] == [
        (cast.org.person_a1.full_name, "175.50", 1),
        ("Võ Thị Ngoài", "150.00", 2),
    ]
    refused = api.post(
        f"{BASE}/selection-candidates/{outside.json()['id']}/win",
        {"process_started": "2026-04-01"},
    )
    assert refused.status_code == 422
    assert "person" in refused.json()["errors"]
    won = api.post(
        f"{BASE}/selection-candidates/{best.json()['id']}/win",
        {"process_started": "2026-04-01"},
    )
    assert won.status_code == 201, won.json()
    assert (won.json()["status"], won.json()["person"]["id"]) == (
        "proposed",
        cast.org.person_a1.pk,
    )
    assert api.get(path).json()["status"] == "decided"
    assert _audited("appointments.selection.decided") == 1


def test_a_round_needs_a_named_part(cast: Cast, post: Post) -> None:
    response = Api(cast, "personnel").post(
        f"{BASE}/selection-rounds",
        {"post": post.pk, "unit": cast.org.division_a1.pk,
         "announced_on": "2026-03-01", "parts": " ; "},
    )  # fmt: skip
    assert response.status_code == 422
    assert "parts" in response.json()["errors"]
    assert not SelectionRound.objects.exists()


def test_a_score_out_of_range_is_refused(cast: Cast) -> None:
    selection = SelectionRoundFactory(unit=cast.org.division_a1)
    response = Api(cast, "personnel").post(
        f"{BASE}/selection-rounds/{selection.pk}/candidates",
        {"external_name": "Võ Thị Ngoài", "scores": {"Đề án": 101, "Phỏng vấn": 80}},
    )
    assert response.status_code == 422
    assert "Đề án" in response.json()["errors"]["scores"][0]
    assert not SelectionCandidate.objects.exists()
    assert _audited("appointments.selection.candidate_added") == 0


# --- public holidays -------------------------------------------------------------------------


def test_the_admin_adds_and_removes_public_holidays(cast: Cast) -> None:
    admin = Api(cast, "admin")
    added = admin.post(f"{BASE}/holidays", {"date": "2031-03-17", "name": "Nghỉ bù"})
    assert added.status_code == 201, added.json()
    assert _audited("appointments.holiday.added") == 1
    listed = Api(cast, "personnel").get(f"{BASE}/holidays", {"page_size": 200}).json()
    assert listed["count"] == PublicHoliday.objects.count()
    assert {"id": added.json()["id"], "date": "2031-03-17", "name": "Nghỉ bù"} in (
        listed["results"]
    )
    assert Api(cast, "manager").get(f"{BASE}/holidays").json()["count"] == 0
    path = f"{BASE}/holidays/{added.json()['id']}"
    assert Api(cast, "personnel").delete(path).status_code == 403
    removed = admin.delete(path)
    assert removed.status_code == 204
    assert not PublicHoliday.objects.filter(date=date(2031, 3, 17)).exists()
    assert _audited("appointments.holiday.removed") == 1


def test_a_day_already_a_holiday_is_refused(cast: Cast) -> None:
    PublicHoliday.objects.create(date=date(2031, 3, 17), name="Nghỉ bù")
    count = PublicHoliday.objects.count()
    response = Api(cast, "admin").post(
        f"{BASE}/holidays", {"date": "2031-03-17", "name": "Nghỉ bù (2)"}
    )
    assert response.status_code == 422
    assert "date" in response.json()["errors"]
    assert PublicHoliday.objects.count() == count
    assert _audited("appointments.holiday.added") == 0
