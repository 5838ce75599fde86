"""Proposals, approval with overrides, reappointment, extension ballots, selection."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from canbo.appointments import services
from canbo.appointments.models import Appointment, ExtensionBallot
from canbo.appointments.tests.factories import SelectionRoundFactory, TermFactory
from canbo.core.errors import InvalidInput, NotAllowed
from canbo.core.models import AuditEntry
from canbo.org.models import Post
from canbo.org.tests.factories import PostFactory
from canbo.people.models import Assignment, Person
from canbo.people.tests.factories import AssignmentFactory, PersonFactory
from canbo.tests.fixtures import Cast


@dataclass
class Scene:
    deputy: Post
    head_post: Post
    person: Person
    held: Assignment


@pytest.fixture
def scene(cast: Cast) -> Scene:
    deputy = PostFactory(code="PTP", name="Phó Trưởng phòng", rank=20)
    head_post = PostFactory(
        code="TP", name="Trưởng phòng", rank=30, unit_role=Post.UnitRole.HEAD
    )
    person = cast.org.person_a1
    held = AssignmentFactory(
        person=person,
        unit=cast.org.division_a1,
        post=deputy,
        start_date=date(2020, 1, 1),
    )
    return Scene(deputy, head_post, person, held)


def _propose(cast: Cast, scene: Scene, person: Person | None = None) -> Appointment:
    return services.propose(
        actor=cast.actor("personnel"),
        person=person or scene.person,
        post=scene.head_post,
        unit=cast.org.division_a1,
        kind=Appointment.Kind.HIGHER,
        process_started=date(2026, 3, 1),
    )


def test_proposal_stores_the_checks_with_reasons(cast: Cast, scene: Scene) -> None:
    proposal = _propose(cast, scene)
    codes = {c["code"] for c in proposal.checks[1:]}
    assert codes == {"not_in_planning", "standards_not_recorded"}
    assert (
        AuditEntry.objects.filter(action="appointments.appointment.proposed").count()
        == 1
    )


def test_hard_rule_refuses_the_approval_and_writes_nothing(
    cast: Cast, scene: Scene
) -> None:
    old = PersonFactory(
        full_name="Trần Văn Lão", birth_date=date(1966, 2, 1), unit=cast.org.division_a1
    )
    AssignmentFactory(
        person=old,
        unit=cast.org.division_a1,
        post=scene.deputy,
        start_date=date(2018, 1, 1),
    )
    proposal = _propose(cast, scene, person=old)
    assignments = Assignment.objects.count()
    with pytest.raises(InvalidInput) as refused:
        services.approve(
            actor=cast.actor("personnel"), appointment=proposal,
            decision_ref="15/QĐ-SNV", decision_date=date(2026, 4, 1),
        )  # fmt: skip
    reasons = " ".join(refused.value.errors[""])
    assert "retirement" in reasons
    assert "APPT-02" in reasons
    proposal.refresh_from_db()
    assert proposal.status == Appointment.Status.PROPOSED
    assert Assignment.objects.count() == assignments
    assert not AuditEntry.objects.filter(
        action="appointments.appointment.approved"
    ).exists()


def test_a_rule_not_overridable_cannot_be_set_aside(cast: Cast, scene: Scene) -> None:
    old = PersonFactory(
        full_name="Trần Văn Lão", birth_date=date(1966, 2, 1), unit=cast.org.division_a1
    )
    proposal = _propose(cast, scene, person=old)
    with pytest.raises(InvalidInput) as refused:
        services.override(
            actor=cast.actor("head"), appointment=proposal,
            codes=["age_short_of_term"], justification="Cán bộ có năng lực nổi bật, cần thiết.",
        )  # fmt: skip
    assert "cannot be set aside" in refused.value.errors["codes"][0]
    proposal.refresh_from_db()
    assert proposal.overridden == []


def test_head_overrides_planning_with_a_justification_then_approval_places(
    cast: Cast, scene: Scene
) -> None:
    proposal = _propose(cast, scene)
    with pytest.raises(NotAllowed):  # personnel may not override
        services.override(
            actor=cast.actor("personnel"), appointment=proposal,
            codes=["not_in_planning"], justification="x" * 30,
        )  # fmt: skip
    with pytest.raises(InvalidInput) as short:
        services.override(
            actor=cast.actor("head"), appointment=proposal, codes=["not_in_planning"],
            justification="Cần gấp",
        )  # fmt: skip
    assert "justification" in short.value.errors
    why = "Phòng khuyết trưởng phòng, đồng chí đã điều hành 2 năm, tập thể thống nhất."
    services.override(
        actor=cast.actor("head"), appointment=proposal, codes=["not_in_planning"],
        justification=why,
    )  # fmt: skip
    entry = AuditEntry.objects.get(action="appointments.appointment.overridden")
    assert entry.data["justification"] == why
    assert entry.data["codes"] == ["not_in_planning"]
    with pytest.raises(NotAllowed):  # a head does not record the decision
        services.approve(
            actor=cast.actor("head"), appointment=proposal,
            decision_ref="15/QĐ-SNV", decision_date=date(2026, 4, 1),
        )  # fmt: skip
    term = services.approve(
        actor=cast.actor("personnel"), appointment=proposal,
        decision_ref="15/QĐ-SNV", decision_date=date(2026, 4, 1),
    )  # fmt: skip
    assert (term.status, term.term_start, term.term_end) == (
        Appointment.Status.APPROVED, date(2026, 4, 1), date(2031, 3, 31),
    )  # fmt: skip
    assert term.assignment is not None
    assert (term.assignment.post, term.assignment.decision_ref) == (
        scene.head_post,
        "15/QĐ-SNV",
    )
    scene.held.refresh_from_db()
    assert scene.held.end_date == date(2026, 3, 31)  # left the deputy post
    approved = AuditEntry.objects.get(action="appointments.appointment.approved")
    assert approved.data["justification"] == why


def test_approval_needs_a_decision_number(cast: Cast, scene: Scene) -> None:
    proposal = _propose(cast, scene)
    with pytest.raises(InvalidInput) as bad:
        services.approve(
            actor=cast.actor("personnel"), appointment=proposal, decision_ref=" ",
            decision_date=date(2026, 2, 1),
        )  # fmt: skip
    assert set(bad.value.errors) == {"decision_ref", "decision_date"}


def test_outsider_cannot_propose(cast: Cast, scene: Scene) -> None:
    with pytest.raises(NotAllowed):
        services.propose(
            actor=cast.actor("outsider"), person=scene.person, post=scene.head_post,
            unit=cast.org.division_a1, kind="higher", process_started=date(2026, 3, 1),
        )  # fmt: skip
    assert not Appointment.objects.exists()


def test_reappointment_renews_the_term_and_carries_the_assignment(
    cast: Cast, scene: Scene
) -> None:
    term = TermFactory(
        person=scene.person, post=scene.deputy, unit=cast.org.division_a1,
        term_start=date(2021, 7, 1), assignment=scene.held,
    )  # fmt: skip
    assert term.term_end == date(2026, 6, 30)
    proposal = services.propose_renewal(
        actor=cast.actor("personnel"), term=term, kind=Appointment.Kind.REAPPOINTMENT,
        process_started=date(2026, 2, 2),
    )  # fmt: skip
    assert [c["code"] for c in proposal.checks[1:]] == [
        "standards_not_recorded",
        "no_results",
    ]
    renewed = services.approve(
        actor=cast.actor("personnel"), appointment=proposal, decision_ref="40/QĐ-SNV",
        decision_date=date(2026, 6, 1),
    )  # fmt: skip
    assert (renewed.term_start, renewed.term_end) == (
        date(2026, 7, 1),
        date(2031, 6, 30),
    )
    assert renewed.assignment == scene.held
    term.refresh_from_db()
    assert term.status == Appointment.Status.ENDED
    assert Assignment.objects.filter(person=scene.person).count() == 1


def test_extension_needs_the_ballot_and_exactly_half_goes_to_the_head(
    cast: Cast, scene: Scene
) -> None:
    older = PersonFactory(
        full_name="Lê Văn Hạn", birth_date=date(1968, 3, 10), unit=cast.org.division_a1
    )
    term = TermFactory(person=older, post=scene.deputy, unit=cast.org.division_a1)
    proposal = services.propose_renewal(
        actor=cast.actor("personnel"), term=term, kind=Appointment.Kind.EXTENSION,
        process_started=date(2026, 3, 1),
    )  # fmt: skip
    assert not [c for c in proposal.checks[1:] if c["severity"] == "refuse"]
    with pytest.raises(InvalidInput):
        services.approve(
            actor=cast.actor("personnel"), appointment=proposal,
            decision_ref="41/QĐ-SNV", decision_date=date(2026, 6, 1),
        )  # fmt: skip
    with pytest.raises(InvalidInput) as bad:
        services.record_ballot(
            actor=cast.actor("personnel"), appointment=proposal, held_on=date(2026, 4, 1),
            voters=8, agree=5, disagree=4,
        )  # fmt: skip
    assert "agree" in bad.value.errors
    ballot = services.record_ballot(
        actor=cast.actor("personnel"), appointment=proposal, held_on=date(2026, 4, 1),
        voters=8, agree=4, disagree=4,
    )  # fmt: skip
    assert ballot.outcome == ExtensionBallot.Outcome.HEAD_DECIDES
    services.decide_tied_ballot(
        actor=cast.actor("head"), appointment=proposal, agree=True,
        note="Đảm bảo chuyên môn.",
    )  # fmt: skip
    extended = services.approve(
        actor=cast.actor("personnel"), appointment=proposal,
        decision_ref="41/QĐ-SNV", decision_date=date(2026, 6, 1),
    )  # fmt: skip
    assert extended.term_end == date(2030, 3, 31)  # retirement (62 years)


def test_selection_winner_is_proposed(cast: Cast, scene: Scene) -> None:
    selection = SelectionRoundFactory(post=scene.head_post, unit=cast.org.division_a1)
    actor = cast.actor("personnel")
    with pytest.raises(InvalidInput) as bad:
        services.add_candidate(
            actor=actor,
            selection=selection,
            person=scene.person,
            scores={"Đề án": "101"},
        )
    assert "scores" in bad.value.errors
    outside = services.add_candidate(
        actor=actor, selection=selection, external_name="Võ Thị Ngoài",
        scores={"Đề án": "70", "Phỏng vấn": "80"},
    )  # fmt: skip
    best = services.add_candidate(
        actor=actor, selection=selection, person=scene.person,
        scores={"Đề án": "85,5", "Phỏng vấn": "90"},
    )  # fmt: skip
    best.refresh_from_db()
    outside.refresh_from_db()
    assert (best.rank, outside.rank, str(best.total)) == (1, 2, "175.50")
    proposal = services.choose_winner(
        actor=actor, candidate=best, process_started=date(2026, 4, 1)
    )
    assert (proposal.kind, proposal.status) == (
        Appointment.Kind.HIGHER,
        Appointment.Status.PROPOSED,
    )
    selection.refresh_from_db()
    assert selection.status == "decided"
