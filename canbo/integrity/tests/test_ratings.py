"""The rating detectors on hand-made sheets: a lenient unit is flagged and an
honest one is not; a uniform evaluator is flagged and a varied one is not; a
rubber-stamping evaluator stands out in the self/manager gap; a unit whose top
levels rise while its KPI does not is flagged for inflation."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from types import ModuleType

import pytest
from django.utils import translation

from canbo.accounts.models import User
from canbo.integrity.detectors import (
    Threshold,
    favouritism,
    inflation,
    lenient,
    self_gap,
    uniform,
)
from canbo.integrity.models import Detector
from canbo.integrity.tests.rating_factories import (
    Line,
    department,
    head_of,
    honest_task,
    run_on,
    staff,
    user_for,
    write,
)
from canbo.org.models import Unit
from canbo.policy.favouritism import FavouritismPolicy
from canbo.policy.leniency import RatingsPolicy
from canbo.policy.levels import Level, classify

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def opener() -> User:
    return user_for()


def quiet(_percent: int) -> None:
    """A progress callback that ignores the progress."""


def honest_lines(unit: Unit, people: int = 5, **kwargs: object) -> list[Line]:
    return [
        Line(person, number, honest_task(i, number), **kwargs)  # type: ignore[arg-type]
        for i, person in enumerate(staff(unit, people))
        for number in range(1, 13)
    ]


UP = {"KHTNV": "HTNV", "HTNV": "HTTNV", "HTTNV": "HTXSNV", "HTXSNV": "HTXSNV"}


def lenient_lines(unit: Unit, people: int = 5) -> list[Line]:
    """Honest task figures, but every level one step above what the score gives."""
    lines = honest_lines(unit, people)
    for line in lines:
        line.level = UP[classify(line.task + line.general).value]
    return lines


class TestLenient:
    def test_a_lenient_unit_is_flagged_and_honest_ones_are_not(
        self, opener: User
    ) -> None:
        root, divisions = department(6)
        head = head_of(divisions[0], staff(divisions[0], 1)[0])
        write(root, lenient_lines(divisions[0]), user=opener)
        for division in divisions[1:]:
            write(root, honest_lines(division), user=opener)
        seen: list[int] = []

        findings = lenient.detect(run_on(root), seen.append)

        assert [f.unit_id for f in findings] == [divisions[0].pk]
        finding = findings[0]
        assert finding.detector == Detector.LENIENT
        assert finding.person_id == head.pk
        assert finding.unit_path == divisions[0].path
        assert finding.threshold == Decimal("0.25")
        assert finding.statistic >= Decimal("0.75")  # most sheets one level up
        assert finding.evidence["share_given"] == 1.0
        assert finding.evidence["sheets"] == 60
        assert "Phòng 1 rated its people 0.79 of a level above" in finding.summary
        assert "not a verdict" in finding.summary
        assert "the whole scope" in finding.comparison
        assert seen[-1] == 100

    def test_figures_take_the_languages_decimal_mark(self, opener: User) -> None:
        root, divisions = department(4)
        write(root, lenient_lines(divisions[0]), user=opener)
        for division in divisions[1:]:
            write(root, honest_lines(division), user=opener)

        with translation.override("vi"):
            (finding,) = lenient.detect(run_on(root), quiet)

        assert "0,25" in finding.summary  # the threshold, in levels
        assert "0.25" not in finding.summary

    def test_nothing_is_flagged_when_every_unit_follows_its_kpi(
        self, opener: User
    ) -> None:
        root, divisions = department(4)
        for division in divisions:
            write(root, honest_lines(division), user=opener)

        assert lenient.detect(run_on(root), quiet) == []

    def test_thresholds_come_from_the_run(self, opener: User) -> None:
        root, divisions = department(4)
        write(root, lenient_lines(divisions[0]), user=opener)
        for division in divisions[1:]:
            write(root, honest_lines(division), user=opener)

        assert lenient.detect(run_on(root, lenient_min_sheets=61.0), quiet) == []
        by_parent = lenient.detect(run_on(root, lenient_siblings=1.0), quiet)
        assert "the units under Sở Thử nghiệm" in by_parent[0].comparison

    def test_other_years_and_scopes_are_not_read(self, opener: User) -> None:
        root, divisions = department(3)
        other_root, others = department(1, name="Sở Khác")
        write(root, lenient_lines(divisions[0]), user=opener)
        write(root, honest_lines(divisions[1]), user=opener)
        write(root, honest_lines(divisions[2], year=2025), user=opener)
        write(other_root, honest_lines(others[0]), user=opener)

        findings = lenient.detect(
            run_on(root, lenient_min_excess=0, lenient_min_z=0), quiet
        )
        assert [f.unit_id for f in findings] == [divisions[0].pk]
        assert findings[0].evidence["group_units"] == 2
        assert findings[0].evidence["group_sheets"] == 120
        assert lenient.detect(run_on(root, year=2024), quiet) == []

    def test_per_evaluator_on_request(self, opener: User) -> None:
        root, divisions = department(4)
        managers = [user_for(staff(d, 1)[0]) for d in divisions]
        soft = lenient_lines(divisions[0])
        for line in soft:
            line.reviewer = managers[0]
        write(root, soft, user=opener)
        for division, manager in zip(divisions[1:], managers[1:], strict=True):
            write(root, evaluated_by(division, manager, people=5), user=opener)

        by_unit = lenient.detect(run_on(root), quiet)
        both = lenient.detect(run_on(root, lenient_evaluators=1), quiet)

        assert [f.evidence["subject"] for f in by_unit] == ["unit"]
        assert [f.evidence["subject"] for f in both] == ["unit", "evaluator"]
        evaluator = both[1]
        assert evaluator.person_id == managers[0].person_id
        assert evaluator.evidence["evaluator_user"] == managers[0].pk
        assert "The people this evaluator reviewed (mostly in Phòng 1)" in (
            evaluator.summary
        )


def evaluated_by(unit: Unit, reviewer: User, people: int = 6) -> list[Line]:
    return honest_lines(unit, people, reviewer=reviewer)


class TestUniform:
    def test_an_evaluator_giving_everyone_the_same_score_is_flagged(
        self, opener: User
    ) -> None:
        root, divisions = department(5)
        managers = [user_for(staff(d, 1)[0]) for d in divisions]
        flat = [
            Line(person, number, 58 + (i % 2) * 0.5, reviewer=managers[0])
            for i, person in enumerate(staff(divisions[0], 6))
            for number in range(1, 13)
        ]
        write(root, flat, user=opener)
        for division, manager in zip(divisions[1:], managers[1:], strict=True):
            write(root, evaluated_by(division, manager), user=opener)

        findings = uniform.detect(run_on(root), quiet)

        assert [f.person_id for f in findings] == [managers[0].person_id]
        finding = findings[0]
        assert (finding.detector, finding.unit_id) == (
            Detector.UNIFORM,
            divisions[0].pk,
        )
        assert finding.statistic == Decimal("1")  # 85 and 85.5: one band
        assert finding.threshold == Decimal("0.7")
        assert finding.evidence["sheets"] == 72
        assert finding.evidence["people"] == 6
        assert finding.evidence["sd"] == 0.2739  # √(6 × 0.25² / 5)
        assert "100% of the scores this evaluator gave fall within" in finding.summary
        assert "The 5 evaluators of the scope" in finding.comparison

    def test_an_evaluator_giving_everyone_the_same_level_is_flagged(
        self, opener: User
    ) -> None:
        root, divisions = department(4)
        managers = [user_for(staff(d, 1)[0]) for d in divisions]
        same = evaluated_by(divisions[0], managers[0])
        for line in same:
            line.level = Level.HTTNV.value
        write(root, same, user=opener)
        for division, manager in zip(divisions[1:], managers[1:], strict=True):
            write(root, evaluated_by(division, manager), user=opener)

        findings = uniform.detect(run_on(root), quiet)

        assert [f.person_id for f in findings] == [managers[0].person_id]
        assert findings[0].statistic == Decimal("1")
        assert findings[0].threshold == Decimal("1")
        assert "got the level HTTNV on 100%" in findings[0].summary

    def test_varied_evaluators_are_not_flagged(self, opener: User) -> None:
        root, divisions = department(4)
        for division in divisions:
            manager = user_for(staff(division, 1)[0])
            write(root, evaluated_by(division, manager), user=opener)

        assert uniform.detect(run_on(root), quiet) == []

    def test_an_evaluator_with_few_people_is_not_judged(self, opener: User) -> None:
        root, divisions = department(4)
        managers = [user_for(staff(d, 1)[0]) for d in divisions]
        flat = [
            Line(person, number, 58, reviewer=managers[0])
            for person in staff(divisions[0], 2)
            for number in range(1, 13)
        ]
        write(root, flat, user=opener)
        for division, manager in zip(divisions[1:], managers[1:], strict=True):
            write(root, evaluated_by(division, manager), user=opener)

        assert uniform.detect(run_on(root), quiet) == []


class TestSelfGap:
    def test_a_rubber_stamping_evaluator_stands_out(self, opener: User) -> None:
        root, divisions = department(6)
        managers = [user_for(staff(d, 1)[0]) for d in divisions]
        # the others cut 2 to 3 points of 30 on average; manager 0 cuts nothing
        write(root, evaluated_by(divisions[0], managers[0]), user=opener)
        for k, (division, manager) in enumerate(
            zip(divisions[1:], managers[1:], strict=True)
        ):
            lines = evaluated_by(division, manager)
            for line in lines:
                line.self_general = line.general + 2 + k * 0.25
            write(root, lines, user=opener)

        findings = self_gap.detect(run_on(root), quiet)

        assert [f.person_id for f in findings] == [managers[0].person_id]
        finding = findings[0]
        assert (finding.detector, finding.unit_id) == (
            Detector.SELF_GAP,
            divisions[0].pk,
        )
        assert finding.evidence["mean_gap"] == 0.0
        # gaps 0, 2, 2.25, 2.5, 2.75, 3: median 2.375, MAD 0.375 × 1.4826
        assert finding.evidence["group_median_gap"] == 2.375
        assert finding.statistic == Decimal(str(round(-2.375 / (0.375 * 1.4826), 4)))
        assert "gave themselves 0.00 general points more" in finding.summary

    def test_an_evaluator_cutting_several_points_stands_out(self, opener: User) -> None:
        """Most evaluators lower a half point here and there; one takes 6 points
        off every sheet (flagged), one 1.2 points (z 1.8: not)."""
        root, divisions = department(7)
        managers = [user_for(staff(d, 1)[0]) for d in divisions]
        cuts = (6.0, 1.2, 0.0, 0.1, 0.2, 0.3, 0.5)
        for division, manager, cut in zip(divisions, managers, cuts, strict=True):
            lines = evaluated_by(division, manager)
            for line in lines:
                line.self_general = line.general + cut
            write(root, lines, user=opener)

        findings = self_gap.detect(run_on(root), quiet)

        assert [f.person_id for f in findings] == [managers[0].person_id]
        evidence = findings[0].evidence
        assert (evidence["mean_gap"], evidence["group_median_gap"]) == (6.0, 0.3)
        # the MAD (0.2 × 1.4826) is below the floor of 0.5 point: z = 5.7 / 0.5
        assert evidence["z"] == 11.4

    def test_evaluators_cutting_alike_are_not_flagged(self, opener: User) -> None:
        root, divisions = department(4)
        for k, division in enumerate(divisions):
            lines = evaluated_by(division, user_for(staff(division, 1)[0]))
            for line in lines:
                line.self_general = line.general + 1 + k * 0.25
            write(root, lines, user=opener)

        assert self_gap.detect(run_on(root), quiet) == []


def lines_of_year(
    unit: Unit, year: int, lenient_share: float, people: int = 10
) -> list[Line]:
    """Honest task figures; a share of the people below "good" raised to it."""
    lines = [
        Line(person, number, honest_task(i, number), year=year)
        for i, person in enumerate(staff(unit, people))
        for number in range(1, 13)
    ]
    low = [line for line in lines if line.task + line.general < 70]
    for line in low[: round(len(low) * lenient_share)]:
        line.level = Level.HTTNV.value
    return lines


class TestInflation:
    def test_top_levels_rising_without_the_kpi_are_flagged(self, opener: User) -> None:
        root, divisions = department(2)
        head = head_of(divisions[0], staff(divisions[0], 1)[0])
        for year, share in ((2024, 0.0), (2025, 0.5), (2026, 1.0)):
            write(root, lines_of_year(divisions[0], year, share), user=opener)
            write(root, lines_of_year(divisions[1], year, 0.0), user=opener)

        findings = inflation.detect(run_on(root), quiet)

        assert [f.unit_id for f in findings] == [divisions[0].pk]
        finding = findings[0]
        assert (finding.detector, finding.person_id) == (Detector.INFLATION, head.pk)
        assert finding.evidence["years"] == [2024, 2025, 2026]
        assert finding.statistic >= Decimal("0.1")
        assert finding.evidence["source"] == "monthly"
        supported = finding.evidence["rank_supported_by_kpi"]
        assert isinstance(supported, list)
        assert len(set(supported)) == 1  # the same task figures every year
        assert "on its monthly and quarterly sheets of 2024–2026" in finding.summary

    def test_annual_levels_rising_within_the_quota_are_flagged(
        self, opener: User
    ) -> None:
        """Annual sheets are read when there are any: a unit raising one in four
        of its people from good to excellent each year (0.25 of a level a
        year) is flagged; one raising one in ten (0.1) is within the noise."""
        root, divisions = department(3)
        people = [staff(d, 24) for d in divisions]
        for year, step in ((2024, 0), (2025, 1), (2026, 2)):
            for index, (group, rise) in enumerate(
                zip(people, (0.25, 0.1, 0.0), strict=True)
            ):
                raised = round(len(group) * rise * step)
                lines = [
                    Line(person, 0, 50 + (i % 8), year=year, level=(
                        Level.HTXSNV.value if i < raised else Level.HTTNV.value
                    ))
                    for i, person in enumerate(group)
                ]  # fmt: skip
                write(root, lines, user=opener)
                if index == 2:  # its monthly sheets would say the same
                    write(
                        root, lines_of_year(divisions[2], year, step / 2), user=opener
                    )

        findings = inflation.detect(run_on(root), quiet)

        assert [f.unit_id for f in findings] == [divisions[0].pk]
        evidence = findings[0].evidence
        assert evidence["source"] == "annual"
        assert evidence["sheets"] == [24, 24, 24]
        assert evidence["rank_given"] == [2.0, 2.25, 2.5]
        assert evidence["excess"] == 0.25
        assert "on its annual sheets of 2024–2026" in findings[0].summary
        assert "z at least 3.0" in findings[0].summary

    def test_a_unit_rating_fewer_people_than_the_minimum_is_not_read(
        self, opener: User
    ) -> None:
        """Five people's sixty monthly sheets a year are five people, under the
        ten that make a trend to read."""
        root, divisions = department(1)
        for year, share in ((2024, 0.0), (2025, 0.5), (2026, 1.0)):
            write(root, lines_of_year(divisions[0], year, share, 5), user=opener)

        assert inflation.detect(run_on(root), quiet) == []
        assert len(inflation.detect(run_on(root, inflation_min_sheets=5), quiet)) == 1

    def test_one_year_is_not_a_trend(self, opener: User) -> None:
        root, divisions = department(1)
        write(root, lines_of_year(divisions[0], 2026, 1.0), user=opener)

        assert inflation.detect(run_on(root), quiet) == []
        assert inflation.detect(run_on(root, inflation_years=1), quiet) == []


@pytest.mark.parametrize(
    ("module", "policy"),
    [
        (lenient, RatingsPolicy()),
        (uniform, RatingsPolicy()),
        (self_gap, RatingsPolicy()),
        (inflation, RatingsPolicy()),
        (favouritism, FavouritismPolicy()),
    ],
)
def test_the_start_form_offers_each_policy_setting_with_its_default(
    module: ModuleType, policy: object
) -> None:
    thresholds: tuple[Threshold, ...] = module.THRESHOLDS
    assert thresholds
    for threshold in thresholds:
        default = getattr(policy, threshold.key)
        assert threshold.default == default
        assert threshold.integer is isinstance(default, int)
        assert threshold.minimum <= default <= threshold.maximum
