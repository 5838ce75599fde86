"""A year for a small unit: annual means, a disqualified person, quotas, the head cap."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from django.utils.translation import override

from canbo.core.errors import InvalidInput
from canbo.evaluation import sheets
from canbo.evaluation.models import (
    Disqualification,
    DutyGroup,
    Period,
    Sheet,
    UnitRating,
)
from canbo.evaluation.periods import build_sheets
from canbo.evaluation.year import propose_year
from canbo.org.models import Unit
from canbo.org.tests.factories import PostFactory
from canbo.people.models import Person
from canbo.people.tests.factories import AssignmentFactory, PersonFactory
from canbo.tests.fixtures import Cast

YEAR = 2026


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with override("en"):
        yield


def _period(cast: Cast, unit: Unit, kind: str, start: date, end: date) -> Period:
    return Period.objects.create(
        unit=unit, unit_path=unit.path, kind=kind, start=start, end=end,
        self_deadline=end, review_deadline=end, decision_deadline=end,
        opened_by=cast.users["personnel"], status=Period.Status.OPEN,
    )  # fmt: skip


def _months(cast: Cast, unit: Unit, scores: dict[Person, list[float | None]]) -> None:
    """Published monthly periods of `unit` with each person's score (None: no score)."""
    for month in range(1, 13):
        end = date(YEAR, month + 1, 1) if month < 12 else date(YEAR + 1, 1, 1)
        period = _period(
            cast,
            unit,
            "month",
            date(YEAR, month, 1),
            date.fromordinal(end.toordinal() - 1),
        )
        period.status = Period.Status.PUBLISHED
        period.save()
        for person, row in scores.items():
            if month <= len(row) and row[month - 1] is not None:
                Sheet.objects.create(
                    period=period, person=person, unit=unit, unit_path=unit.path,
                    pack="ND335_2026", score=Decimal(str(row[month - 1])),
                    status=Sheet.Status.DECIDED,
                )  # fmt: skip


def _year(cast: Cast, unit: Unit) -> dict[str, Sheet]:
    period = _period(cast, unit, "year", date(YEAR, 1, 1), date(YEAR, 12, 31))
    build_sheets(period.pk)
    propose_year(actor=cast.actor("personnel"), period=period)
    return {s.person.full_name: s for s in period.sheets.select_related("person")}


@pytest.fixture
def unit(cast: Cast) -> Unit:
    return cast.org.division_a1


def test_a_year_of_a_small_unit(cast: Cast, unit: Unit) -> None:
    staff = cast.users["staff"].person
    assert staff is not None
    colleague = cast.org.person_a1
    good = [PersonFactory(unit=unit, full_name=f"Tốt {n}") for n in range(4)]
    punished = PersonFactory(unit=unit, full_name="Bị kỷ luật")
    newcomer = PersonFactory(unit=unit, full_name="Mới đến")
    head = PersonFactory(
        unit=unit, full_name="Trưởng phòng", category=Person.Category.PUBLIC_EMPLOYEE
    )
    AssignmentFactory(
        person=head, unit=unit, post=PostFactory(rank=10, is_leadership=True),
        start_date=date(2020, 1, 1),
    )  # fmt: skip
    _months(cast, unit, {
        staff: [95.0] * 12,
        colleague: [92.0, 92.0, 92.0, None, 92.0, 92.0, 92.0, 92.0, 92.0, 92.0, 92.0, 92.0],
        **{p: [80.0] * 12 for p in good},
        punished: [95.0] * 12,
        newcomer: [None] * 7 + [85.0] * 5,
        head: [91.0] * 12,
    })  # fmt: skip
    Disqualification.objects.create(
        person=punished, year=YEAR, kind="discipline", reference="QĐ 12/QĐ-SNV",
        recorded_by=cast.users["personnel"],
    )  # fmt: skip
    UnitRating.objects.create(
        unit=unit, year=YEAR, score=Decimal("68"), level="HTNV",
        decided_by=cast.users["head"],
    )  # fmt: skip

    year = _year(cast, unit)

    assert (year["Phạm Minh Châu"].score, year["Phạm Minh Châu"].proposed_level) == (
        Decimal("95.00"), "HTXSNV",
    )  # fmt: skip
    # 11 months at 92: the mean over the months worked, and demoted by the quota.
    an = year["Nguyễn Văn An"]
    assert (an.score, an.months_worked, an.proposed_level, an.reasons) == (
        Decimal("92.00"), 11, "HTTNV", ["quota"],
    )  # fmt: skip
    assert year["Bị kỷ luật"].proposed_level == "KHTNV"
    assert year["Bị kỷ luật"].reasons == ["discipline"]
    assert year["Mới đến"].proposed_level == ""
    assert year["Mới đến"].reasons == ["worked_less_than_min_months"]
    # The head: 91, demoted by the quota to HTTNV, then capped by the unit's HTNV.
    assert year["Trưởng phòng"].proposed_level == "HTNV"
    assert year["Trưởng phòng"].reasons == ["quota", "capped_by_unit"]
    assert {year[p.full_name].proposed_level for p in good} == {"HTTNV"}


def test_a_group_with_similar_duties_has_its_own_quota(cast: Cast, unit: Unit) -> None:
    good = [PersonFactory(unit=unit, full_name=f"Tốt {n}") for n in range(10)]
    first, second = (PersonFactory(unit=unit, full_name=n) for n in ("Nhất", "Nhì"))
    _months(cast, unit, {first: [96.0] * 12, second: [93.0] * 12,
                         **{p: [80.0] * 12 for p in good}})  # fmt: skip
    group = DutyGroup.objects.create(unit=unit, name="Văn thư")
    group.members.set([first, second, *good[:4]])
    year = _year(cast, unit)
    # The unit (10 good) allows 2, but the group (4 good) allows 1 after demoting one.
    assert (year["Nhất"].proposed_level, year["Nhì"].proposed_level) == (
        "HTXSNV",
        "HTTNV",
    )
    assert year["Nhì"].reasons == ["quota"]


def test_the_head_decides_but_never_above_the_proposal(cast: Cast, unit: Unit) -> None:
    staff = cast.users["staff"].person
    assert staff is not None
    _months(cast, unit, {staff: [75.0] * 12})
    sheet = _year(cast, unit)["Phạm Minh Châu"]
    assert sheet.proposed_level == "HTTNV"
    with pytest.raises(InvalidInput) as error:
        sheets.decide_sheet(
            actor=cast.actor("head"), sheet=sheet, level="HTXSNV", note="x"
        )
    assert "at most HTTNV" in str(error.value.errors["level"])
    decided = sheets.decide_sheet(actor=cast.actor("head"), sheet=sheet, level="HTTNV")
    assert decided.level == "HTTNV"


def test_the_year_page_works_out_the_levels_and_shows_why(
    cast: Cast, unit: Unit
) -> None:
    staff = cast.users["staff"].person
    assert staff is not None
    _months(cast, unit, {staff: [None] * 8 + [90.0] * 4})
    period = _period(cast, unit, "year", date(YEAR, 1, 1), date(YEAR, 12, 31))
    build_sheets(period.pk)
    client = cast.client("personnel")
    response = client.post(f"/evaluation/periods/{period.pk}/classify/")
    assert response.status_code == 302
    sheet = Sheet.objects.get(period=period, person=staff)
    assert sheet.reasons == ["worked_less_than_min_months"]
    page = cast.client("staff").get(f"/evaluation/sheets/{sheet.pk}/").text
    assert 'data-reason="worked_less_than_min_months"' in page


def test_the_head_may_choose_among_equal_scores_within_the_quota(
    cast: Cast, unit: Unit
) -> None:
    good = [PersonFactory(unit=unit, full_name=f"Tốt {n}") for n in range(10)]
    first, second = (
        PersonFactory(unit=unit, full_name=n) for n in ("Ngang 1", "Ngang 2")
    )
    third = PersonFactory(unit=unit, full_name="Cao nhất")
    _months(cast, unit, {third: [97.0] * 12, first: [93.0] * 12, second: [93.0] * 12,
                         **{p: [80.0] * 12 for p in good}})  # fmt: skip
    year = _year(cast, unit)
    # 10 good allow 2 excellent: 97 fits, the two 93s cannot both: both demoted.
    assert [year[n].proposed_level for n in ("Cao nhất", "Ngang 1", "Ngang 2")] == [
        "HTXSNV", "HTTNV", "HTTNV",
    ]  # fmt: skip
    head = cast.actor("head")
    with pytest.raises(InvalidInput) as error:  # a reason is required to differ
        sheets.decide_sheet(actor=head, sheet=year["Ngang 1"], level="HTXSNV")
    assert "note" in error.value.errors
    chosen = sheets.decide_sheet(
        actor=head, sheet=year["Ngang 1"], level="HTXSNV", note="Có sáng kiến cấp tỉnh"
    )
    assert chosen.level == "HTXSNV"
    # The second of the pair no longer fits: 2 excellent of 11 good allow 2 only.
    with pytest.raises(InvalidInput, match="at most HTTNV"):
        sheets.decide_sheet(
            actor=head, sheet=Sheet.objects.get(pk=year["Ngang 2"].pk), level="HTXSNV",
            note="x",
        )  # fmt: skip


def test_the_year_page_shows_the_ties_to_calibrate(cast: Cast, unit: Unit) -> None:
    good = [PersonFactory(unit=unit, full_name=f"Tốt {n}") for n in range(4)]
    first, second = (
        PersonFactory(unit=unit, full_name=n) for n in ("Ngang 1", "Ngang 2")
    )
    _months(cast, unit, {first: [93.0] * 12, second: [93.0] * 12,
                         **{p: [80.0] * 12 for p in good}})  # fmt: skip
    year = _year(cast, unit)
    period = year["Ngang 1"].period
    page = cast.client("head").get(f"/evaluation/periods/{period.pk}/").text
    assert page.count("data-tie=") == 2


def test_a_decided_duty_related_discipline_makes_the_year_not_completed(
    cast: Cast, unit: Unit
) -> None:
    from canbo.discipline.tests.factories import DisciplineFactory

    punished, private, last_year = (
        PersonFactory(unit=unit, full_name=name)
        for name in ("Kỷ luật", "Ngoài công vụ", "Năm trước")
    )
    _months(cast, unit, {p: [85.0] * 12 for p in (punished, private, last_year)})
    DisciplineFactory(person=punished, decided_on=date(YEAR, 12, 31))
    DisciplineFactory(person=private, decided_on=date(YEAR, 3, 1), duty_related=False)
    DisciplineFactory(person=last_year, decided_on=date(YEAR - 1, 12, 31))
    DisciplineFactory(person=cast.org.person_a1, stage="review")

    year = _year(cast, unit)

    assert (year["Kỷ luật"].proposed_level, year["Kỷ luật"].reasons) == (
        "KHTNV", ["discipline"],
    )  # fmt: skip
    assert year["Ngoài công vụ"].proposed_level == "HTTNV"
    assert year["Năm trước"].proposed_level == "HTTNV"
