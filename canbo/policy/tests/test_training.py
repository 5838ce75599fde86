"""Level orderings, gaps against a post's standard, record checks and target progress."""

from __future__ import annotations

from datetime import date

import pytest

from canbo.policy.training import (
    Kind,
    Qualifications,
    Record,
    Standard,
    at_least,
    gaps,
    highest,
    qualifications,
    rank,
    record_problems,
    target_progress,
)


@pytest.mark.parametrize(
    ("kind", "lower", "higher"),
    [
        (Kind.DEGREE, "vocational", "college"),
        (Kind.DEGREE, "college", "bachelor"),
        (Kind.DEGREE, "bachelor", "master"),
        (Kind.DEGREE, "master", "doctor"),
        (Kind.DEGREE, "", "vocational"),
        (Kind.THEORY, "elementary", "intermediate"),
        (Kind.THEORY, "intermediate", "advanced"),
        (Kind.THEORY, "intermediate", "bachelor"),
        (Kind.STATE, "specialist", "principal"),
        (Kind.STATE, "principal", "senior"),
        (Kind.LANGUAGE, "A2", "B1"),
        (Kind.LANGUAGE, "B1", "B2"),
        (Kind.LANGUAGE, "C1", "C2"),
        (Kind.IT, "basic", "advanced"),
    ],
)
def test_levels_are_ordered(kind: Kind, lower: str, higher: str) -> None:
    assert rank(kind, lower) < rank(kind, higher)
    assert highest(kind, [higher, lower]) == higher


def test_a_political_science_bachelor_counts_as_advanced_theory() -> None:
    assert rank(Kind.THEORY, "bachelor") == rank(Kind.THEORY, "advanced")
    assert set(at_least(Kind.THEORY, "advanced")) == {"advanced", "bachelor"}


@pytest.mark.parametrize(
    ("kind", "level", "meeting"),
    [
        (Kind.DEGREE, "master", {"master", "doctor"}),
        (Kind.DEGREE, "bachelor", {"bachelor", "master", "doctor"}),
        (Kind.STATE, "senior", {"senior"}),
        (Kind.LANGUAGE, "B2", {"B2", "C1", "C2"}),
    ],
)
def test_at_least(kind: Kind, level: str, meeting: set[str]) -> None:
    assert set(at_least(kind, level)) == meeting


def test_unknown_levels_rank_as_none() -> None:
    assert rank(Kind.DEGREE, "unknown") == 0
    assert highest(Kind.DEGREE, ["unknown", ""]) == ""


HEAD_OF_DIVISION = Standard(
    degree="bachelor", theory="intermediate", state_management="principal", it="basic"
)


@pytest.mark.parametrize(
    ("held", "codes"),
    [
        (
            Qualifications(
                degree="bachelor",
                theory="intermediate",
                state_management="principal",
                it="basic",
            ),
            [],
        ),
        (  # higher than required everywhere
            Qualifications(
                degree="doctor",
                theory="bachelor",
                state_management="senior",
                it="advanced",
            ),
            [],
        ),
        (
            Qualifications(
                degree="college",
                theory="intermediate",
                state_management="principal",
                it="basic",
            ),
            ["degree_below"],
        ),
        (
            Qualifications(degree="master", theory="elementary", it="basic"),
            ["theory_below", "state_management_below"],
        ),
        (
            Qualifications(),
            ["degree_below", "theory_below", "state_management_below", "it_below"],
        ),
    ],
)
def test_gaps_against_a_standard(held: Qualifications, codes: list[str]) -> None:
    assert [g.code for g in gaps(HEAD_OF_DIVISION, held)] == codes


def test_a_gap_says_what_is_required_and_what_is_held() -> None:
    (gap,) = gaps(Standard(language="B2"), Qualifications(language="B1"))
    assert (gap.code, gap.kind, gap.required, gap.held) == (
        "language_below",
        Kind.LANGUAGE,
        "B2",
        "B1",
    )
    assert gap.severity == "flag"


@pytest.mark.parametrize(
    ("required", "held", "short"),
    [(40, 39, True), (40, 40, False), (40, 41, False), (0, 0, False)],
)
def test_course_hours_boundary(required: int, held: int, short: bool) -> None:
    found = gaps(Standard(course_hours=required), Qualifications(course_hours=held))
    assert bool(found) is short
    if short:
        assert (found[0].required, found[0].held) == (str(required), str(held))


def test_no_standard_means_no_gap() -> None:
    assert gaps(Standard(), Qualifications()) == ()


SINCE, UNTIL = date(2025, 11, 2), date(2026, 11, 1)


def test_qualifications_take_the_highest_of_cv_and_records() -> None:
    cv = Qualifications(degree="bachelor", theory="advanced")
    records = [
        Record(Kind.DEGREE, "master", end=date(2020, 6, 1)),
        Record(Kind.DEGREE, "college", end=date(2010, 6, 1)),
        Record(Kind.THEORY, "intermediate", end=date(2015, 6, 1)),
        Record(Kind.LANGUAGE, "B1", end=date(2019, 1, 1)),
        Record(Kind.LANGUAGE, "B2", end=date(2021, 1, 1)),
    ]
    held = qualifications(cv, records, since=SINCE, until=UNTIL)
    assert (held.degree, held.theory, held.language, held.it) == (
        "master",
        "advanced",
        "B2",
        "",
    )


@pytest.mark.parametrize(
    ("end", "counted"),
    [
        (date(2025, 11, 1), False),  # the day before the window
        (date(2025, 11, 2), True),  # first day
        (date(2026, 11, 1), True),  # last day
        (date(2026, 11, 2), False),  # after
        (None, False),
    ],
)
def test_course_hours_count_inside_the_window(end: date | None, counted: bool) -> None:
    records = [Record(Kind.COURSE, hours=24, end=end)]
    held = qualifications(Qualifications(), records, since=SINCE, until=UNTIL)
    assert held.course_hours == (24 if counted else 0)


D = date


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"kind": Kind.DEGREE, "level": "master", "start": D(2020, 9, 1), "end": D(2022, 9, 1)}, {}),
        ({"kind": Kind.DEGREE, "level": "", "start": None, "end": D(2022, 9, 1)}, {"level": ("level_required",)}),
        ({"kind": Kind.DEGREE, "level": "B2", "start": None, "end": D(2022, 9, 1)}, {"level": ("level_invalid",)}),
        ({"kind": Kind.DEGREE, "level": "secondary", "start": None, "end": D(2022, 9, 1)}, {"level": ("level_invalid",)}),
        ({"kind": Kind.LANGUAGE, "level": "B2", "start": None, "end": D(2022, 9, 1)}, {}),
        ({"kind": Kind.IT, "level": "master", "start": None, "end": D(2022, 9, 1)}, {"level": ("level_invalid",)}),
        ({"kind": Kind.DEGREE, "level": "master", "start": D(2020, 9, 1), "end": D(2020, 8, 31)}, {"end_date": ("end_before_start",)}),
        ({"kind": Kind.DEGREE, "level": "master", "start": D(2020, 9, 1), "end": D(2020, 9, 1)}, {}),
        ({"kind": Kind.DEGREE, "level": "master", "start": None, "end": None}, {"end_date": ("end_required",)}),
        ({"kind": Kind.COURSE, "level": "", "start": D(2026, 3, 2), "end": D(2026, 3, 6), "hours": 40}, {}),
        ({"kind": Kind.COURSE, "level": "", "start": None, "end": D(2026, 3, 6), "hours": 0}, {"hours": ("hours_required",)}),
        ({"kind": Kind.COURSE, "level": "basic", "start": None, "end": D(2026, 3, 6), "hours": 8}, {"level": ("level_not_allowed",)}),
        ({"kind": Kind.THEORY, "level": "advanced", "start": None, "end": D(2026, 3, 6), "hours": 8}, {"hours": ("hours_not_allowed",)}),
    ],
)  # fmt: skip
def test_record_problems(
    values: dict[str, object], expected: dict[str, tuple[str, ...]]
) -> None:
    args = {"certificate_date": None, "hours": None, **values}
    assert record_problems(**args) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("certificate", "problem"),
    [(D(2020, 8, 31), True), (D(2020, 9, 1), False), (D(2023, 1, 1), False)],
)
def test_certificate_dated_before_the_course_start(
    certificate: date, problem: bool
) -> None:
    found = record_problems(
        kind=Kind.DEGREE,
        level="master",
        start=D(2020, 9, 1),
        end=D(2022, 9, 1),
        certificate_date=certificate,
        hours=None,
    )
    assert ("certificate_date" in found) is problem


@pytest.mark.parametrize(
    ("population", "achieved", "threshold", "share", "met", "needed"),
    [
        (10, 3, 30, 30.0, True, 0),  # exactly 30 %
        (10, 2, 30, 20.0, False, 1),
        (7, 2, 30, 28.6, False, 1),  # 2.1 people rounds up to 3
        (7, 3, 30, 42.9, True, 0),
        (20, 19, 100, 95.0, False, 1),  # 100 % with one missing
        (20, 20, 100, 100.0, True, 0),
        (1, 0, 100, 0.0, False, 1),
        (0, 0, 30, None, False, 0),  # nobody to count
    ],
)
def test_target_progress(
    population: int,
    achieved: int,
    threshold: int,
    share: float | None,
    met: bool,
    needed: int,
) -> None:
    progress = target_progress(
        population=population, achieved=achieved, threshold_percent=threshold
    )
    assert (progress.share, progress.met, progress.needed) == (share, met, needed)


@pytest.mark.parametrize(
    ("population", "achieved", "threshold"), [(5, 6, 30), (5, -1, 30), (5, 1, 0), (5, 1, 101)]
)  # fmt: skip
def test_target_progress_refuses_impossible_counts(
    population: int, achieved: int, threshold: int
) -> None:
    with pytest.raises(ValueError, match="must be"):
        target_progress(
            population=population, achieved=achieved, threshold_percent=threshold
        )
