"""Table tests for the planning rules of QĐ 377-QĐ/TW (rules.md §7)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from canbo.policy.discipline import DisciplineFact, Form
from canbo.policy.planning import (
    CandidateFacts,
    Member,
    Targets,
    candidate_checks,
    nine_box,
    performance,
    review_reasons,
    serves_until,
    structure,
    years_left,
)

TERM = date(2026, 1, 1)
# Retiring on the last day of 2040: 15 years left from the term start.
FIT = CandidateFacts(
    post_rank=5,
    current_rank=3,
    pool_active=0,
    same_level=0,
    term_start=TERM,
    retirement=date(2040, 12, 31),
)


def codes(facts: CandidateFacts) -> dict[str, str]:
    return {c.code: c.severity for c in candidate_checks(facts)}


def test_a_fit_candidate_passes_every_check() -> None:
    assert candidate_checks(FIT) == ()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # PLAN-01: only a higher post.
        ({"current_rank": 4}, {}),
        ({"current_rank": 5}, {"not_higher": "refuse"}),
        ({"current_rank": 6}, {"not_higher": "refuse"}),
        ({"current_rank": 0, "post_rank": 1}, {}),
        # PLAN-01: at most 3 per post: a 4th is refused.
        ({"pool_active": 2}, {}),
        ({"pool_active": 3}, {"pool_full": "refuse"}),
        # PLAN-01: at most 3 posts at the same level: the 4th is refused.
        ({"same_level": 2}, {}),
        ({"same_level": 3}, {"posts_at_level": "refuse"}),
        # PLAN-01: not while an appointment proposal is open.
        ({"open_proposal": True}, {"open_proposal": "refuse"}),
        # PLAN-02: exactly 10 years left passes; a day less is flagged.
        ({"retirement": date(2035, 12, 31)}, {}),
        ({"retirement": date(2035, 12, 30)}, {"under_two_terms": "flag"}),
        # PLAN-02: exactly 5 years left (one full term) is flagged, not refused.
        ({"retirement": date(2030, 12, 31)}, {"under_two_terms": "flag"}),
        ({"retirement": date(2030, 11, 30)}, {"under_one_term": "refuse"}),
        # QĐ 96: "review" or "dismiss" removes from planning for higher posts.
        ({"trust_outcome": "none"}, {}),
        ({"trust_outcome": "review"}, {"low_trust": "refuse"}),
        ({"trust_outcome": "dismiss"}, {"low_trust": "refuse"}),
        # Discipline.
        ({"discipline": ("in_force",)}, {"in_force": "flag"}),
        ({"discipline": ("under_review",)}, {"under_review": "refuse"}),
        ({"discipline": ("removed_recently",)}, {"removed_recently": "refuse"}),
        ({"discipline": ("dismissed",)}, {"dismissed": "refuse"}),
        # Evaluation: KHTNV in one of the last years is flagged.
        ({"levels": ((2025, "HTTNV"), (2024, "HTNV"))}, {}),
        ({"levels": ((2025, "KHTNV"), (2024, "HTTNV"))}, {"khtnv": "flag"}),
    ],
)
def test_candidate_checks(changes: dict[str, object], expected: dict[str, str]) -> None:
    assert codes(replace(FIT, **changes)) == expected  # type: ignore[arg-type]


def test_several_reasons_are_all_reported() -> None:
    facts = replace(FIT, current_rank=5, pool_active=3, open_proposal=True)
    assert set(codes(facts)) == {"not_higher", "pool_full", "open_proposal"}


def test_khtnv_years_are_named() -> None:
    (check,) = candidate_checks(
        replace(FIT, levels=((2025, "KHTNV"), (2023, "KHTNV"), (2024, "HTNV")))
    )
    assert check.params == {"years": "2023, 2025"}


@pytest.mark.parametrize(
    ("retirement", "years", "serves"),
    [
        (date(2030, 12, 31), 5, True),
        (date(2030, 12, 30), 5, False),
        (date(2035, 12, 31), 10, True),
        (date(2035, 11, 30), 10, False),
    ],
)
def test_serves_until(retirement: date, years: int, serves: bool) -> None:
    assert serves_until(TERM, retirement, years) is serves


@pytest.mark.parametrize(
    ("retirement", "left"),
    [
        (date(2030, 12, 31), Decimal("5.0")),
        (date(2035, 12, 31), Decimal("10.0")),
        (date(2031, 6, 30), Decimal("5.5")),
        (date(2020, 1, 31), Decimal("0.0")),
    ],
)
def test_years_left(retirement: date, left: Decimal) -> None:
    assert years_left(TERM, retirement) == left


def _decided(form: Form, start: date) -> DisciplineFact:
    return DisciplineFact("decided", form, True, start, start, None)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, ()),
        ({"level": "KHTNV"}, ("khtnv",)),
        ({"level": "HTNV"}, ()),
        # A reprimand with effect in the year, already over at its end.
        (
            {"discipline": [_decided(Form.REPRIMAND, date(2025, 2, 1))]},
            ("disciplined",),
        ),
        # A warning from the year before, still in force on 31 December.
        ({"discipline": [_decided(Form.WARNING, date(2024, 6, 1))]}, ()),
        ({"discipline": [_decided(Form.WARNING, date(2025, 1, 1))]}, ("disciplined",)),
        ({"discipline": [_decided(Form.REMOVAL, date(2022, 1, 1))]}, ("disciplined",)),
        # An open review alone is not a reason to remove.
        ({"discipline": [DisciplineFact("review", None, True, None, None, None)]}, ()),
        # Too old: one full term from 1 January after the review (2026-01-01).
        ({"retirement": date(2030, 12, 31)}, ()),
        ({"retirement": date(2030, 11, 30)}, ("too_old",)),
        ({"trust_outcome": "review"}, ("low_trust",)),
        ({"trust_outcome": "none"}, ()),
    ],
)
def test_review_reasons(values: dict[str, object], expected: tuple[str, ...]) -> None:
    arguments: dict[str, object] = {
        "year": 2025,
        "level": None,
        "discipline": [],
        "retirement": date(2045, 1, 31),
        "term_start": date(2026, 1, 1),
        "trust_outcome": None,
    }
    arguments.update(values)
    assert review_reasons(**arguments) == expected  # type: ignore[arg-type]


def test_too_old_counts_from_after_the_review_once_the_term_has_started() -> None:
    reasons = review_reasons(
        year=2027, level=None, discipline=[], retirement=date(2032, 11, 30),
        term_start=date(2026, 1, 1), trust_outcome=None,
    )  # fmt: skip
    assert reasons == ("too_old",)


def test_structure_counts_groups_and_shares_against_targets() -> None:
    members = [
        Member(35, "F", "Tày"),
        Member(40, "M", "Kinh"),
        Member(50, "M", "Kinh"),
        Member(51, "F", "Kinh"),
    ]
    found = structure(members)
    assert [(s.code, s.count, s.percent) for s in found.shares] == [
        ("under", 1, 25),
        ("middle", 2, 50),
        ("over", 1, 25),
        ("young", 1, 25),
        ("women", 2, 50),
        ("ethnic", 1, 25),
    ]
    assert not found.share("young").below
    assert found.share("ethnic").target is None


@pytest.mark.parametrize(
    ("young", "women", "young_below", "women_below"),
    [(1, 1, True, True), (2, 3, False, False)],
)
def test_structure_targets_at_the_boundary(
    young: int, women: int, young_below: bool, women_below: bool
) -> None:
    # 12 members: 2 young = 16 % ≥ 15 %; 3 women = 25 % ≥ 25 %.
    members = [Member(30 if i < young else 45, "F" if i < women else "M", "Kinh")
               for i in range(12)]  # fmt: skip
    found = structure(members, Targets())
    assert found.share("young").below is young_below
    assert found.share("women").below is women_below


def test_structure_of_nobody() -> None:
    assert structure([]).share("women").percent == 0


@pytest.mark.parametrize(
    ("scores", "band"),
    [
        ([], None),
        ([Decimal(90), Decimal(90), Decimal(90)], "high"),
        ([Decimal("89.99")], "medium"),
        ([Decimal(70)], "medium"),
        ([Decimal("69.99")], "low"),
        # Only the last three years count (newest first).
        ([Decimal(95), Decimal(95), Decimal(95), Decimal(10)], "high"),
        ([Decimal(100), Decimal(60), Decimal(50)], "medium"),
    ],
)
def test_performance_bands(scores: list[Decimal], band: str | None) -> None:
    assert performance(scores) == band


@pytest.mark.parametrize(
    ("band", "potential", "box"),
    [
        ("low", 1, 1),
        ("high", 1, 3),
        ("low", 3, 7),
        ("high", 3, 9),
        ("medium", 2, 5),
        (None, 2, None),
        ("high", None, None),
        ("high", 4, None),
    ],
)
def test_nine_box(band: str | None, potential: int | None, box: int | None) -> None:
    assert nine_box(band, potential) == box  # type: ignore[arg-type]
