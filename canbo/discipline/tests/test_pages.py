"""The discipline pages as a personnel officer and a staff member use them."""

from __future__ import annotations

from datetime import date

from canbo.discipline.models import Discipline
from canbo.discipline.tests.factories import DisciplineFactory
from canbo.evaluation.models import Period, Sheet
from canbo.people.models import Person
from canbo.people.tests.factories import PersonFactory
from canbo.tests.fixtures import Cast

D = date


def test_personnel_open_and_decide_a_review_from_the_profile(cast: Cast) -> None:
    client = cast.client("personnel")
    person = cast.org.person_a1
    profile = client.get(f"/people/{person.pk}/").content.decode()
    assert f"/discipline/people/{person.pk}/new/" in profile
    response = client.post(
        f"/discipline/people/{person.pk}/new/",
        {"violation": "Nhận quà", "violation_date": "2026-02-02",
         "review_started": "2026-03-01", "duty_related": "on"},
    )  # fmt: skip
    record = Discipline.objects.get()
    assert response.status_code == 302
    response = client.post(
        f"/discipline/{record.pk}/decide/",
        {"version": "1", "form": "warning", "decision_ref": "7/QĐ-SNV",
         "decision_date": "2026-04-10"},
    )  # fmt: skip
    assert response.status_code == 302
    page = client.get(f"/discipline/{record.pk}/").content.decode()
    assert "09/04/2027" in page  # the warning's period: 12 months
    assert "Không hoàn thành nhiệm vụ" in page  # the year's rating


def test_a_bad_decision_date_is_shown_on_its_field(cast: Cast) -> None:
    record = DisciplineFactory(person=cast.org.person_a1)
    response = cast.client("personnel").post(
        f"/discipline/{record.pk}/decide/",
        {"version": "1", "form": "reprimand", "decision_ref": "7",
         "decision_date": "2025-01-01"},
    )  # fmt: skip
    assert response.status_code == 422
    assert "cannot be dated before the violation" in response.content.decode()
    record.refresh_from_db()
    assert record.stage == "review"


def test_the_list_filters_by_unit_stage_and_year(cast: Cast) -> None:
    DisciplineFactory(person=cast.org.person_a1, decided_on=D(2026, 5, 4))
    DisciplineFactory(person=PersonFactory(unit=cast.org.dept_a, full_name="Ở sở"))
    DisciplineFactory(person=cast.org.person_b1, decided_on=D(2026, 5, 4))
    client = cast.client("personnel")
    page = client.get("/discipline/").content.decode()
    assert "Nguyễn Văn An" in page
    assert "Ở sở" in page
    assert "Lê Thị Bích" not in page
    unit = cast.org.division_a1.parent_id
    page = client.get(f"/discipline/?unit={unit}&stage=review").content.decode()
    assert "Ở sở" in page
    assert "Nguyễn Văn An" not in page
    page = client.get("/discipline/?year=2025").content.decode()
    assert "No discipline record matches." in page


def test_staff_see_their_own_records_and_next_raise_on_their_profile(
    cast: Cast,
) -> None:
    staff = cast.users["staff"].person
    assert staff is not None
    Person.objects.filter(pk=staff.pk).update(salary_step_since=D(2024, 3, 1))
    DisciplineFactory(person=staff, decided_on=D(2025, 1, 6))
    page = cast.client("staff").get(f"/people/{staff.pk}/").content.decode()
    assert "Next regular raise: 01/09/2027" in page
    assert "+6 months" in page
    assert "Open a disciplinary review" not in page


def _year_sheet(cast: Cast, person: Person, year: int, level: str) -> None:
    unit = person.unit
    period = Period.objects.create(
        unit=unit, unit_path=unit.path, kind="year", start=D(year, 1, 1),
        end=D(year, 12, 31), self_deadline=D(year, 12, 31),
        review_deadline=D(year, 12, 31), decision_deadline=D(year, 12, 31),
        opened_by=cast.users["personnel"], status=Period.Status.PUBLISHED,
    )  # fmt: skip
    Sheet.objects.create(
        period=period, person=person, unit=unit, unit_path=unit.path,
        pack="ND335_2026", level=level, status=Sheet.Status.DECIDED,
    )  # fmt: skip


def test_the_raises_due_list_applies_delays(cast: Cast) -> None:
    a1 = cast.org.division_a1
    on_time = PersonFactory(
        unit=a1, full_name="Đúng hạn", salary_step_since=D(2024, 1, 15)
    )
    delayed = PersonFactory(unit=a1, full_name="Chậm", salary_step_since=D(2023, 7, 31))
    pushed_out = PersonFactory(
        unit=a1, full_name="Lùi", salary_step_since=D(2024, 2, 1)
    )
    short = PersonFactory(unit=a1, full_name="Trung cấp", salary_step_since=D(2025, 3, 31),
                          salary_interval_months=24)  # fmt: skip
    _year_sheet(cast, delayed, 2024, "KHTNV")
    DisciplineFactory(person=pushed_out, decided_on=D(2025, 2, 3))
    PersonFactory(
        unit=cast.org.division_b1, full_name="Ngoài", salary_step_since=D(2024, 1, 2)
    )

    page = cast.client("personnel").get("/discipline/salary/?year=2027&quarter=1")

    text = page.content.decode()
    rows = [
        p.full_name
        for p in (on_time, delayed, short, pushed_out)
        if p.full_name in text
    ]
    assert rows == ["Đúng hạn", "Chậm", "Trung cấp"]
    assert text.index("Đúng hạn") < text.index("Chậm") < text.index("Trung cấp")
    assert "31/01/2027" in text  # 2023-07-31 + 36 + 6 months
    assert "Rated “Không hoàn thành nhiệm vụ” in 2024: +6 months" in text
    assert "Ngoài" not in text
    later = cast.client("personnel").get("/discipline/salary/?year=2027&quarter=3")
    assert "Lùi" in later.content.decode()  # 2024-02-01 + 36 + 6 = 2027-08-01
