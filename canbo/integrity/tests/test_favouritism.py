"""The favouritism detector on hand-made decisions: a head whose excellent
ratings or planning choices go to people from the head's hometown is flagged;
a head whose choices follow the unit's mix is not; too few decisions make no
test."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from canbo.accounts.models import User
from canbo.appointments.models import Appointment
from canbo.appointments.tests.factories import ProposalFactory
from canbo.integrity.detectors import favouritism
from canbo.integrity.models import Detector
from canbo.integrity.tests.rating_factories import (
    Line,
    department,
    head_of,
    run_on,
    staff,
    user_for,
    write,
)
from canbo.org.models import Unit
from canbo.org.tests.factories import PostFactory
from canbo.people.models import Person
from canbo.people.tests.factories import PersonFactory
from canbo.planning.tests.factories import CandidateFactory, PoolFactory
from canbo.policy.levels import Level

pytestmark = pytest.mark.django_db

HOME = "Xã An Bình, Tỉnh Hà Tĩnh"
ELSEWHERE = "Phường Đông Ba, Thành phố Huế"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def quiet(_percent: int) -> None:
    """A progress callback that ignores the progress."""


def the_head(unit: Unit) -> Person:
    person: Person = PersonFactory(unit=unit, full_name="Trần Văn Hùng", hometown=HOME)
    return person


def mixed_staff(
    unit: Unit, *, home: int, others: int
) -> tuple[list[Person], list[Person]]:
    """Staff from the head's hometown (written differently) and from elsewhere."""
    local = staff(unit, home, hometown="xa an binh - tinh ha tinh")
    return local, staff(unit, others, hometown=ELSEWHERE)


def rated(
    root: Unit, decider: User, people: list[Person], excellent: list[Person]
) -> None:
    chosen = {p.pk for p in excellent}
    lines = [
        Line(
            person,
            3,
            55,
            decider=decider,
            level=Level.HTXSNV.value if person.pk in chosen else Level.HTTNV.value,
        )
        for person in people
    ]
    write(root, lines, user=decider)


class TestExcellentRatings:
    def test_a_head_favouring_the_hometown_is_flagged(self) -> None:
        root, (division,) = department(1)
        head = the_head(division)
        decider = user_for(head)
        local, others = mixed_staff(division, home=10, others=39)
        rated(root, decider, [head, *local, *others], local[:9] + others[:3])

        findings = favouritism.detect(run_on(root), quiet)

        assert len(findings) == 1
        finding = findings[0]
        assert finding.detector == Detector.FAVOURITISM
        assert (finding.person_id, finding.unit_id) == (head.pk, division.pk)
        evidence = finding.evidence
        assert (evidence["decision"], evidence["trait"]) == ("excellent", "hometown")
        assert evidence["test"] == (
            "hypergeometric, stratified by the level the KPI supports"
        )
        assert evidence["strata"] == 1  # everyone has the same task points
        assert (evidence["decisions"], evidence["matching"]) == (12, 9)
        assert (evidence["pool"], evidence["pool_matching"]) == (49, 10)  # not the head
        assert evidence["p_value"] == pytest.approx(9.9856e-07, rel=1e-4)
        # two tests (hometown, surname): Benjamini–Hochberg doubles the smallest
        assert evidence["tests"] == 2
        assert evidence["q_value"] == pytest.approx(2 * 9.9856e-07, rel=1e-4)
        assert float(finding.statistic) == pytest.approx(5.7, abs=0.01)  # −log10 q
        assert finding.threshold == Decimal("1.301")  # −log10 0.05
        assert "Trần Văn Hùng, 2026: 9 of 12 people rated excellent share" in (
            finding.summary
        )
        assert "2.4 expected from the people with the same task results" in (
            finding.summary
        )
        assert "p = 1e-06, 2e-06 adjusted for the run's 2 tests" in finding.summary
        assert "(Benjamini–Hochberg; threshold 0.05)" in finding.summary
        assert "not a verdict" in finding.summary

    def test_townsfolk_who_are_the_best_performers_are_not_a_signal(self) -> None:
        """8 of the 12 rated excellent share the head's hometown (p ≈ 1e-5 against
        the whole pool), but they are exactly the 12 whose task results support
        "excellent": within the same task results there is nothing to see."""
        root, (division,) = department(1)
        head = the_head(division)
        local, others = mixed_staff(division, home=10, others=39)
        best = local[:8] + others[:4]
        chosen = {p.pk for p in best}
        decider = user_for(head)
        lines = [
            Line(person, 3, 66 if person.pk in chosen else 55, decider=decider, level=(
                Level.HTXSNV.value if person.pk in chosen else Level.HTTNV.value
            ))
            for person in [*local, *others]
        ]  # fmt: skip
        write(root, lines, user=decider)

        assert favouritism.detect(run_on(root), quiet) == []

    def test_townsfolk_rated_above_their_equals_are_a_signal(self) -> None:
        """The same head rating excellent 6 townsfolk with middling results, and
        only 2 of the 37 others with the same results, is flagged."""
        root, (division,) = department(1)
        head = the_head(division)
        local, others = mixed_staff(division, home=10, others=39)
        decider = user_for(head)
        chosen = {p.pk for p in local[:6] + others[:2]}
        lines = [
            Line(person, 3, 55, decider=decider, level=(
                Level.HTXSNV.value if person.pk in chosen else Level.HTTNV.value
            ))
            for person in [*local, *others]
        ]  # fmt: skip
        write(root, lines, user=decider)

        findings = favouritism.detect(run_on(root), quiet)

        assert [f.evidence["trait"] for f in findings] == ["hometown"]
        assert findings[0].evidence["matching"] == 6

    def test_a_head_following_the_units_mix_is_not_flagged(self) -> None:
        root, (division,) = department(1)
        head = the_head(division)
        local, others = mixed_staff(division, home=10, others=39)
        rated(root, user_for(head), [head, *local, *others], local[:2] + others[:10])

        assert favouritism.detect(run_on(root), quiet) == []

    def test_fewer_decisions_than_the_minimum_make_no_finding(self) -> None:
        root, (division,) = department(1)
        head = the_head(division)
        local, others = mixed_staff(division, home=10, others=39)
        # four of the ten from the hometown: p = C(10, 4) / C(49, 4) < 0.001
        rated(root, user_for(head), [head, *local, *others], local[:4])

        assert favouritism.detect(run_on(root), quiet) == []
        lowered = run_on(root, favour_min_decisions=4)
        assert len(favouritism.detect(lowered, quiet)) == 1

    def test_the_surname_is_tested_too(self) -> None:
        root, (division,) = department(1)
        head = the_head(division)
        clan = [
            PersonFactory(unit=division, full_name=f"TRẦN Thị Mai {i}")
            for i in range(10)
        ]
        others = staff(division, 39, hometown=ELSEWHERE)
        rated(root, user_for(head), [head, *clan, *others], clan + others[:2])

        findings = favouritism.detect(run_on(root), quiet)

        assert [f.evidence["trait"] for f in findings] == ["surname"]


class TestPlanning:
    def test_candidates_from_the_heads_hometown_are_flagged(self) -> None:
        root, divisions = department(2)
        head = head_of(root, the_head(root))
        user_for(head)
        local, others = mixed_staff(divisions[0], home=10, others=90)
        pool = PoolFactory(
            unit=divisions[1], post=PostFactory(rank=30), created_by=user_for()
        )
        for person in local + others[:2]:
            CandidateFactory(pool=pool, person=person, added_on=date(2026, 3, 1))

        findings = favouritism.detect(run_on(root), quiet)

        assert len(findings) == 1
        finding = findings[0]
        assert (finding.person_id, finding.unit_id) == (head.pk, root.pk)
        assert finding.evidence["decision"] == "planning"
        assert finding.evidence["test"] == "binomial"
        assert finding.evidence["pool"] == 100  # the staff under the head, not the head
        assert (finding.evidence["decisions"], finding.evidence["matching"]) == (12, 10)
        assert "planning candidates added" in finding.summary

    def test_candidates_of_another_year_are_not_read(self) -> None:
        root, divisions = department(2)
        head_of(root, the_head(root))
        local, others = mixed_staff(divisions[0], home=10, others=90)
        pool = PoolFactory(
            unit=divisions[1], post=PostFactory(rank=30), created_by=user_for()
        )
        for person in local + others[:2]:
            CandidateFactory(pool=pool, person=person, added_on=date(2025, 3, 1))

        assert favouritism.detect(run_on(root), quiet) == []


class TestAppointments:
    def test_appointments_from_the_heads_hometown_are_flagged(self) -> None:
        root, divisions = department(3)
        head = head_of(root, the_head(root))
        local, others = mixed_staff(divisions[0], home=10, others=90)
        for i, person in enumerate(local + others[:2]):
            ProposalFactory(
                person=person, unit=divisions[1 + i % 2], post=PostFactory(rank=20),
                process_started=date(2026, 4, 1),
            )  # fmt: skip
        refused = ProposalFactory(
            person=others[5], unit=divisions[1], status=Appointment.Status.REFUSED,
            process_started=date(2026, 4, 1),
        )  # fmt: skip

        findings = favouritism.detect(run_on(root), quiet)

        assert len(findings) == 1
        finding = findings[0]
        assert finding.person_id == head.pk
        assert finding.evidence["decision"] == "appointment"
        assert finding.evidence["decisions"] == 12
        assert refused.person_id not in finding.evidence["chosen"]
        assert "appointments proposed or approved" in finding.summary
