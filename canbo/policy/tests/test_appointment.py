"""Appointment rules (rules.md §9: APPT-01..05, RET-01) as tables on dates passed in."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from canbo.policy.appointment import (
    Facts,
    Held,
    Kind,
    Plan,
    Source,
    ballot_problems,
    births_retiring_between,
    eligibility,
    extension_applies,
    extension_ballot_outcome,
    months_between,
    months_in_post,
    months_to_retirement,
    term_end,
)
from canbo.policy.discipline import Flag
from canbo.policy.retirement import retirement_date

ON = date(2026, 3, 1)
# A man born in June 1970 retires on 30/6/2032 (62 years).
BORN = date(1970, 6, 15)
BASE = Facts(
    kind=Kind.HIGHER,
    on=ON,
    post_id=10,
    post_rank=3,
    birth_date=date(1980, 1, 1),
    sex="M",
    held=(Held(post_rank=2, start=date(2023, 1, 1)),),
    plans=(Plan(post_id=10, post_rank=3),),
    standard_gaps=(),
)


def codes(facts: Facts) -> tuple[str, ...]:
    return tuple(c.code for c in eligibility(facts).checks)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2026, 3, 1), date(2031, 2, 28)),
        (date(2021, 7, 15), date(2026, 7, 14)),
        (date(2025, 1, 1), date(2029, 12, 31)),
    ],
)
def test_term_is_60_months_less_a_day(start: date, end: date) -> None:
    assert term_end(start) == end


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2024, 3, 1), date(2026, 3, 1), 24),
        (date(2024, 3, 1), date(2026, 2, 28), 23),
        (date(2024, 1, 31), date(2024, 2, 29), 1),  # to the month's last day
        (date(2024, 1, 31), date(2024, 2, 28), 0),
        (date(2024, 1, 31), date(2024, 3, 1), 1),
        (date(2026, 3, 1), date(2026, 3, 1), 0),
    ],
)
def test_months_between(start: date, end: date, months: int) -> None:
    assert months_between(start, end) == months


@pytest.mark.parametrize(
    ("held", "months"),
    [
        # exactly 24 months in the current post
        ((Held(2, date(2024, 3, 1)),), 24),
        ((Held(2, date(2024, 3, 2)),), 23),
        # two equivalent stretches added: 12 + 12
        (
            (Held(2, date(2020, 1, 1), date(2020, 12, 31)), Held(2, date(2025, 3, 1))),
            24,
        ),
        # 11 months 29 days + 12 months: one day short
        (
            (Held(2, date(2020, 1, 1), date(2020, 12, 29)), Held(2, date(2025, 3, 1))),
            23,
        ),
        # a lower post does not count; overlapping periods count once
        ((Held(1, date(2018, 1, 1)), Held(2, date(2025, 3, 1))), 12),
        ((Held(2, date(2024, 3, 1)), Held(2, date(2025, 3, 1))), 24),
    ],
)
def test_months_in_post_adds_equivalent_periods(
    held: tuple[Held, ...], months: int
) -> None:
    assert months_in_post(held, 2, ON) == months


@pytest.mark.parametrize(
    ("held", "expected"),
    [
        ((Held(2, date(2024, 3, 1)),), ()),  # exactly 24 months
        ((Held(2, date(2024, 3, 2)),), ("tenure_short",)),
        (
            (Held(2, date(2020, 1, 1), date(2020, 12, 31)), Held(2, date(2025, 3, 1))),
            (),
        ),
    ],
)
def test_tenure_of_24_months(held: tuple[Held, ...], expected: tuple[str, ...]) -> None:
    assert codes(replace(BASE, held=held)) == expected


def test_tenure_refusal_is_overridable_and_first_appointment_exempt() -> None:
    (check,) = eligibility(replace(BASE, held=(Held(2, date(2025, 6, 1)),))).checks
    assert (check.severity, check.overridable, check.params["months"]) == (
        "refuse",
        True,
        9,
    )
    assert codes(replace(BASE, kind=Kind.FIRST, held=())) == ()


@pytest.mark.parametrize(
    ("on", "left"),
    [(date(2027, 7, 1), 60), (date(2027, 7, 2), 59), (date(2027, 6, 30), 60)],
)
def test_months_to_retirement(on: date, left: int) -> None:
    assert retirement_date(BORN, "M") == date(2032, 6, 30)
    assert months_to_retirement(BORN, "M", on) == left


@pytest.mark.parametrize(
    ("kind", "on", "expected"),
    [
        (Kind.HIGHER, date(2027, 7, 1), ()),  # exactly 60 months left
        (Kind.HIGHER, date(2027, 7, 2), ("age_short_of_term",)),
        (Kind.FIRST, date(2027, 7, 2), ("age_short_of_term",)),
        (Kind.EQUAL, date(2030, 1, 1), ()),  # not checked for an equal post
    ],
)
def test_age_for_a_full_term(kind: Kind, on: date, expected: tuple[str, ...]) -> None:
    held = (
        ()
        if kind is Kind.FIRST
        else (Held(3 if kind is Kind.EQUAL else 2, date(2020, 1, 1)),)
    )
    facts = replace(BASE, kind=kind, on=on, birth_date=BORN, held=held)
    assert codes(facts) == expected
    for check in eligibility(facts).checks:
        assert not check.overridable


@pytest.mark.parametrize(
    ("source", "plans", "expected"),
    [
        (Source.INTERNAL, (Plan(10, 3),), ()),
        (Source.INTERNAL, (Plan(11, 4),), ()),  # a higher post
        (Source.EXTERNAL, (Plan(12, 3),), ()),  # an equivalent post
        (Source.INTERNAL, (Plan(13, 2),), ("not_in_planning",)),  # lower
        (Source.EXTERNAL, (), ("not_in_planning",)),
    ],
)
def test_planning(
    source: Source, plans: tuple[Plan, ...], expected: tuple[str, ...]
) -> None:
    facts = replace(BASE, source=source, plans=plans)
    assert codes(facts) == expected
    assert all(c.overridable for c in eligibility(facts).checks)


def test_planning_not_required_for_an_equal_post() -> None:
    facts = replace(BASE, kind=Kind.EQUAL, post_rank=2, plans=())
    assert codes(facts) == ()


@pytest.mark.parametrize(
    ("kind", "held", "post_rank", "expected"),
    [
        (Kind.FIRST, (Held(1, date(2019, 1, 1), date(2020, 1, 1)),), 3, ("not_first",)),
        (Kind.HIGHER, (Held(3, date(2019, 1, 1)),), 3, ("not_higher",)),
        (Kind.EQUAL, (Held(2, date(2019, 1, 1)),), 3, ("not_equal",)),
    ],
)
def test_kind_must_match_the_posts(
    kind: Kind, held: tuple[Held, ...], post_rank: int, expected: tuple[str, ...]
) -> None:
    facts = replace(
        BASE, kind=kind, held=held, post_rank=post_rank, plans=(Plan(9, 9),)
    )
    assert codes(facts)[:1] == expected


@pytest.mark.parametrize(
    ("gaps", "expected", "severity"),
    [
        (None, ("standards_not_recorded",), "flag"),
        (("Trung cấp lý luận chính trị",), ("standards_gap",), "refuse"),
        ((), (), None),
    ],
)
def test_standards(
    gaps: tuple[str, ...] | None, expected: tuple[str, ...], severity: str | None
) -> None:
    result = eligibility(replace(BASE, standard_gaps=gaps))
    assert tuple(c.code for c in result.checks) == expected
    assert [c.severity for c in result.checks] == ([severity] if severity else [])


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        (((2023, "HTTNV"), (2024, "HTNV")), ()),
        (((2024, "KHTNV"),), ("recent_not_completed",)),
        (((2021, "KHTNV"),), ()),  # older than three years
    ],
)
def test_evaluation_for_a_new_post(
    levels: tuple[tuple[int, str], ...], expected: tuple[str, ...]
) -> None:
    result = eligibility(replace(BASE, levels=levels))
    assert tuple(c.code for c in result.checks) == expected
    assert all(c.severity == "flag" for c in result.checks)


REAPPOINT = replace(
    BASE,
    kind=Kind.REAPPOINTMENT,
    post_rank=2,
    plans=(),
    term_start=date(2021, 7, 1),
    term_end=date(2026, 6, 30),
    levels=(
        (2021, "HTNV"),
        (2022, "HTTNV"),
        (2023, "HTTNV"),
        (2024, "HTXSNV"),
        (2025, "HTTNV"),
    ),
)


@pytest.mark.parametrize(
    ("levels", "expected", "severity"),
    [
        (REAPPOINT.levels, (), None),
        (((2020, "KHTNV"), (2022, "HTNV")), (), None),  # before the term
        (((2023, "KHTNV"), (2024, "HTNV")), ("term_not_completed",), "refuse"),
        ((), ("no_results",), "flag"),
    ],
)
def test_reappointment_needs_completed_during_the_term(
    levels: tuple[tuple[int, str], ...], expected: tuple[str, ...], severity: str | None
) -> None:
    result = eligibility(replace(REAPPOINT, levels=levels))
    assert tuple(c.code for c in result.checks) == expected
    assert [(c.severity, c.overridable) for c in result.checks] == (
        [(severity, False)] if severity else []
    )


@pytest.mark.parametrize(
    ("born", "applies"),
    [
        # term ends 30/6/2026; a man born 6/1969 retires 30/6/2031: exactly 60 months
        (date(1969, 6, 10), False),
        (date(1969, 5, 10), True),  # retires 31/5/2031: 59 months
    ],
)
def test_extension_applies_when_less_than_a_term_is_left(
    born: date, applies: bool
) -> None:
    assert extension_applies(born, "M", date(2026, 6, 30)) is applies
    reappoint = codes(replace(REAPPOINT, birth_date=born))
    extend = codes(replace(REAPPOINT, kind=Kind.EXTENSION, birth_date=born))
    assert reappoint == (("extension_instead",) if applies else ())
    assert extend == (() if applies else ("reappoint_instead",))


def test_extension_started_late_is_flagged() -> None:
    facts = replace(
        REAPPOINT,
        kind=Kind.EXTENSION,
        birth_date=date(1969, 5, 10),
        on=date(2026, 4, 2),
    )
    assert codes(facts) == ("extension_late",)
    assert codes(replace(facts, on=date(2026, 4, 1))) == ()  # exactly 90 days before


@pytest.mark.parametrize(
    ("flags", "kind", "expected"),
    [
        ((Flag("under_review"),), Kind.HIGHER, ("discipline_under_review",)),
        ((Flag("in_force", date(2026, 9, 1)),), Kind.EQUAL, ("discipline_in_force",)),
        (
            (Flag("removed_recently", date(2028, 1, 1)),),
            Kind.HIGHER,
            ("removed_recently",),
        ),
        ((Flag("removed_recently", date(2028, 1, 1)),), Kind.EQUAL, ()),
    ],
)
def test_discipline(
    flags: tuple[Flag, ...], kind: Kind, expected: tuple[str, ...]
) -> None:
    held = (Held(3 if kind is Kind.EQUAL else 2, date(2020, 1, 1)),)
    result = eligibility(replace(BASE, kind=kind, held=held, discipline=flags))
    assert tuple(c.code for c in result.checks) == expected
    assert all(c.severity == "refuse" and not c.overridable for c in result.checks)


@pytest.mark.parametrize(
    ("outcome", "expected", "severity"),
    [
        ("dismiss", "trust_dismiss", "refuse"),
        ("review", "trust_review", "flag"),
        ("none", None, None),
    ],
)
def test_trust_vote(outcome: str, expected: str | None, severity: str | None) -> None:
    result = eligibility(replace(BASE, trust_outcome=outcome))
    assert [(c.code, c.severity) for c in result.checks] == (
        [(expected, severity)] if expected else []
    )


def test_only_overridable_refusals_can_be_set_aside() -> None:
    facts = replace(BASE, plans=(), birth_date=BORN, on=date(2028, 1, 1))
    result = eligibility(facts)
    assert {c.code for c in result.refusals} == {"not_in_planning", "age_short_of_term"}
    left = result.blocking({"not_in_planning", "age_short_of_term"})
    assert [c.code for c in left] == ["age_short_of_term"]
    assert result.rules == (
        "kind",
        "standards",
        "planning",
        "tenure",
        "age",
        "evaluation",
        "discipline",
        "trust",
    )


@pytest.mark.parametrize(
    ("voters", "agree", "outcome"),
    [
        (10, 6, "passed"),
        (10, 5, "head_decides"),  # exactly 50 %
        (10, 4, "failed"),
        (11, 6, "passed"),
        (11, 5, "failed"),
        (1, 1, "passed"),
    ],
)
def test_extension_ballot(voters: int, agree: int, outcome: str) -> None:
    assert extension_ballot_outcome(voters, agree) == outcome


@pytest.mark.parametrize(
    ("voters", "agree", "disagree", "problems"),
    [
        (9, 5, 4, ()),
        (9, 6, 4, ("more_than_voters",)),
        (0, 0, 0, ("no_voters",)),
        (5, -1, 2, ("negative",)),
    ],
)
def test_ballot_problems(
    voters: int, agree: int, disagree: int, problems: tuple[str, ...]
) -> None:
    assert ballot_problems(voters, agree, disagree) == problems


@pytest.mark.parametrize("sex", ["M", "F"])
@pytest.mark.parametrize(
    ("first", "last"),
    [
        (date(2026, 11, 1), date(2028, 10, 31)),
        (date(2030, 3, 15), date(2030, 4, 10)),  # women: nobody retires in 3/2030
        (date(2029, 12, 1), date(2030, 1, 31)),
    ],
)
def test_births_retiring_between_matches_each_person(
    sex: str, first: date, last: date
) -> None:
    found = births_retiring_between(sex, first, last)  # type: ignore[arg-type]
    low, high = found or (date.max, date.min)  # None: nobody retires then
    day = date(1962, 1, 1)
    while day < date(1976, 1, 1):
        retires = first <= retirement_date(day, sex) <= last  # type: ignore[arg-type]
        assert retires == (low <= day <= high), day
        day += timedelta(days=9)
