"""Planning services: the checks of QĐ 377-QĐ/TW as a personnel officer meets
them, refusals that write nothing, the audit, and one annual review."""

from __future__ import annotations

from datetime import date

import pytest

from canbo.core.errors import InvalidInput, NotAllowed
from canbo.core.models import AuditEntry
from canbo.org.tests.factories import PostFactory
from canbo.people.models import Person
from canbo.people.tests.factories import PersonFactory
from canbo.planning import selectors, services
from canbo.planning.models import PlanningCandidate, PlanningChange, PlanningPool
from canbo.planning.tests.factories import (
    CandidateFactory,
    PoolFactory,
    annual_level,
    disciplined,
    holds_post,
    proposal,
    trust_vote,
)
from canbo.tests.fixtures import Cast

TODAY = date(2026, 11, 20)


@pytest.fixture
def pool(cast: Cast) -> PlanningPool:
    return PoolFactory(unit=cast.org.dept_a, created_by=cast.users["personnel"])


def _deputy(cast: Cast, **values: object) -> Person:
    """A division deputy (rank 10) in division A1, born 1980: 20 years left."""
    values.setdefault("birth_date", date(1980, 5, 10))
    person: Person = PersonFactory(unit=cast.org.division_a1, **values)
    holds_post(person, 10)
    return person


def _add(
    cast: Cast, pool: PlanningPool, person: Person, justification: str = ""
) -> PlanningCandidate:
    return services.add_candidate(
        actor=cast.actor("personnel"), pool=pool, person=person, on=TODAY,
        justification=justification,
    )  # fmt: skip


def test_adding_a_fit_candidate_records_the_change_and_the_audit(
    cast: Cast, pool: PlanningPool
) -> None:
    person = _deputy(cast)
    candidate = _add(cast, pool, person)
    assert candidate.status == "active"
    assert candidate.source == "internal"
    change = PlanningChange.objects.get(pool=pool)
    assert (change.kind, change.person_id) == ("added", person.pk)
    entry = AuditEntry.objects.get(action="planning.candidate.added")
    assert entry.person_id == person.pk


def test_a_fourth_candidate_is_refused_and_nothing_is_written(
    cast: Cast, pool: PlanningPool
) -> None:
    for _ in range(3):
        _add(cast, pool, _deputy(cast))
    entries, changes = AuditEntry.objects.count(), PlanningChange.objects.count()
    with pytest.raises(InvalidInput) as refused:
        _add(cast, pool, _deputy(cast))
    assert "QĐ 377-QĐ/TW" in refused.value.errors["person"][0]
    assert "3" in refused.value.errors["person"][0]
    assert pool.candidates.count() == 3
    assert AuditEntry.objects.count() == entries
    assert PlanningChange.objects.count() == changes


def test_a_post_not_higher_than_the_current_one_is_refused(
    cast: Cast, pool: PlanningPool
) -> None:
    person = PersonFactory(unit=cast.org.division_a1)
    holds_post(person, pool.post.rank, code="SAME")
    with pytest.raises(InvalidInput) as refused:
        _add(cast, pool, person)
    assert "higher" in refused.value.errors["person"][0]
    assert not pool.candidates.exists()


def test_a_fourth_post_at_the_same_level_is_refused(cast: Cast) -> None:
    person = _deputy(cast)
    pools = [
        PoolFactory(unit=cast.org.dept_a, post=PostFactory(rank=30)) for _ in range(4)
    ]
    for found in pools[:3]:
        _add(cast, found, person)
    with pytest.raises(InvalidInput) as refused:
        _add(cast, pools[3], person)
    assert "same level" in refused.value.errors["person"][0]


def test_an_open_appointment_proposal_refuses_planning(
    cast: Cast, pool: PlanningPool
) -> None:
    person = _deputy(cast)
    proposal(person, pool.post, user=cast.users["personnel"])
    with pytest.raises(InvalidInput) as refused:
        _add(cast, pool, person)
    assert "appointment proposal" in refused.value.errors["person"][0]


@pytest.mark.parametrize(
    ("birth_date", "outcome"),
    [
        # Men born in June 1969 retire at 62 at the end of June 2031: 5.5 years.
        (date(1969, 6, 15), "flag"),
        # Born in 1963: retires in 2025, before the term starts.
        (date(1964, 6, 15), "refuse"),
        (date(1980, 6, 15), "ok"),
    ],
)
def test_years_of_service_left(
    cast: Cast, pool: PlanningPool, birth_date: date, outcome: str
) -> None:
    person = _deputy(cast, birth_date=birth_date)
    if outcome == "ok":
        _add(cast, pool, person)
        return
    with pytest.raises(InvalidInput) as refused:
        _add(cast, pool, person)
    field = "justification" if outcome == "flag" else "person"
    assert "term" in refused.value.errors[field][0]


def test_a_flag_needs_a_justification_that_is_stored_and_audited(
    cast: Cast, pool: PlanningPool
) -> None:
    person = _deputy(cast)
    annual_level(person, 2025, "KHTNV", "45", user=cast.users["personnel"])
    with pytest.raises(InvalidInput) as refused:
        _add(cast, pool, person)
    assert "2025" in refused.value.errors["justification"][0]
    assert not pool.candidates.exists()
    candidate = _add(cast, pool, person, justification="Đã khắc phục, năm 2026 tốt")
    assert candidate.flags == ["khtnv"]
    entry = AuditEntry.objects.get(action="planning.candidate.added")
    assert entry.data["justification"] == "Đã khắc phục, năm 2026 tốt"


def test_a_low_trust_vote_refuses_a_higher_post(cast: Cast, pool: PlanningPool) -> None:
    person = _deputy(cast)
    trust_vote(person, 16, user=cast.users["personnel"], held_on=date(2026, 3, 1))
    with pytest.raises(InvalidInput) as refused:
        _add(cast, pool, person)
    assert "QĐ 96-QĐ/TW" in refused.value.errors["person"][0]


def test_only_personnel_in_scope_may_add(cast: Cast, pool: PlanningPool) -> None:
    person = _deputy(cast)
    for name in ("head", "admin", "auditor", "outsider"):
        with pytest.raises(NotAllowed):
            services.add_candidate(
                actor=cast.actor(name), pool=pool, person=person, on=TODAY
            )
    outside = PersonFactory(unit=cast.org.division_b1)
    with pytest.raises(InvalidInput) as refused:
        _add(cast, pool, outside)
    assert "person" in refused.value.errors
    assert not pool.candidates.exists()


def test_removal_needs_a_reason(cast: Cast, pool: PlanningPool) -> None:
    candidate = _add(cast, pool, _deputy(cast))
    actor = cast.actor("personnel")
    with pytest.raises(InvalidInput) as refused:
        services.remove_candidate(
            actor=actor, candidate=candidate, reason=" ", on=TODAY
        )
    assert "reason" in refused.value.errors
    services.remove_candidate(
        actor=actor, candidate=candidate, reason="Chuyển công tác", on=TODAY
    )
    candidate.refresh_from_db()
    assert (candidate.status, candidate.removal_reason) == (
        "removed",
        "Chuyển công tác",
    )


def test_potential_is_one_to_three(cast: Cast, pool: PlanningPool) -> None:
    candidate = _add(cast, pool, _deputy(cast))
    with pytest.raises(InvalidInput):
        services.set_potential(
            actor=cast.actor("personnel"), candidate=candidate, potential=4
        )
    services.set_potential(
        actor=cast.actor("personnel"), candidate=candidate, potential=3
    )
    candidate.refresh_from_db()
    assert candidate.potential == 3


def test_create_pool_refuses_a_term_ending_before_it_starts(cast: Cast) -> None:
    post = PostFactory(rank=30)
    with pytest.raises(InvalidInput) as refused:
        services.create_pool(
            actor=cast.actor("personnel"), post=post, unit=cast.org.dept_a,
            term_start=2031, term_end=2026,
        )  # fmt: skip
    assert "term_end" in refused.value.errors
    assert not PlanningPool.objects.exists()


def test_the_annual_review_removes_khtnv_and_disciplined_candidates(
    cast: Cast, pool: PlanningPool
) -> None:
    officer = cast.users["personnel"]
    failing, punished, fine = _deputy(cast), _deputy(cast), _deputy(cast)
    for person in (failing, punished, fine):
        CandidateFactory(pool=pool, person=person)
    annual_level(failing, 2025, "KHTNV", "40", user=officer)
    annual_level(fine, 2025, "HTTNV", "85", user=officer)
    disciplined(punished, date(2025, 4, 1), user=officer)

    rows = selectors.review_rows(cast.actor("personnel"), cast.org.dept_a, 2025)
    assert {r.candidate.person_id: r.reasons for r in rows} == {
        failing.pk: ("khtnv",),
        punished.pk: ("disciplined",),
    }
    result = services.apply_review(
        actor=cast.actor("personnel"), unit=cast.org.dept_a, year=2025,
        decision_ref="15/QĐ-SNV", on=TODAY,
    )  # fmt: skip
    assert {c.person_id for c in result.removed} == {failing.pk, punished.pk}
    removals = PlanningChange.objects.filter(kind="removed")
    assert {(c.review_year, c.decision_ref) for c in removals} == {(2025, "15/QĐ-SNV")}
    assert "Không hoàn thành nhiệm vụ" in removals.get(person=failing).reason
    assert pool.candidates.get(person=fine).status == "active"
    assert AuditEntry.objects.filter(action="planning.review.applied").count() == 1
    # Applied once: nobody is left to remove.
    assert selectors.review_rows(cast.actor("personnel"), cast.org.dept_a, 2025) == []


def test_a_review_without_a_decision_number_writes_nothing(
    cast: Cast, pool: PlanningPool
) -> None:
    person = _deputy(cast)
    CandidateFactory(pool=pool, person=person)
    annual_level(person, 2025, "KHTNV", "40", user=cast.users["personnel"])
    with pytest.raises(InvalidInput) as refused:
        services.apply_review(
            actor=cast.actor("personnel"), unit=cast.org.dept_a, year=2025,
            decision_ref=" ", on=TODAY,
        )  # fmt: skip
    assert "decision_ref" in refused.value.errors
    assert pool.candidates.get().status == "active"
    assert not PlanningChange.objects.exists()


def test_structure_targets_fall_back_to_the_unit_above(cast: Cast) -> None:
    services.save_targets(
        cast.actor("personnel"), unit=cast.org.dept_a,
        values={"young_age": 45, "old_age": 55, "young_min": 20, "women_min": 30,
                "ethnic_min": 5},
    )  # fmt: skip
    targets, record = selectors.targets_for(cast.org.division_a1)
    assert (targets.young_age, targets.women_min) == (45, 30)
    assert record is not None
    assert record.unit_id == cast.org.dept_a.pk
    assert selectors.targets_for(cast.org.division_b1)[1] is None
