from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from django.utils.functional import Promise

from canbo.core.models import AuditEntry
from canbo.imports.models import ImportJob
from canbo.imports.problems import Problems
from canbo.imports.staff import StaffImporter
from canbo.imports.tests.helpers import STAFF_HEADER, Runner, staff_row, xlsx
from canbo.imports.workbook import read_rows
from canbo.org.models import JobPosition, Post
from canbo.people import messages
from canbo.people.models import Person
from canbo.people.tests.factories import citizen_id_for
from canbo.policy.text import fold
from canbo.tests.fixtures import Cast

DATA = Path(__file__).parent / "data"
Status = ImportJob.Status


def _en(message: Promise) -> str:
    """A lazy message read in English, the language these tests run in (conftest.py)."""
    with translation.override("en"):
        return str(message)


def person(
    serial: int, *, sex: str = "Nam", birth: date = date(1990, 3, 4), **values: Any
) -> list[Any]:
    """A valid staff row for division A1 (code SNV-TCBC); `values` override columns."""
    row = {
        "citizen_id": citizen_id_for(
            birth, "F" if fold(sex) in ("nu", "f", "female") else "M", serial
        ),
        "full_name": f"Trần Văn Bình {serial}",
        "sex": sex,
        "birth_date": birth,
        "unit": "SNV-TCBC",
        "category": "Công chức",
    }
    row.update(values)
    return staff_row(**row)


def record_audit_count() -> int:
    """Audit entries about records (not about the import jobs themselves)."""
    return AuditEntry.objects.exclude(action__startswith="imports.").count()


def problems(job: ImportJob) -> list[tuple[int | None, str, str]]:
    return [(e["row"], e["column"], e["message"]) for e in job.errors]


@pytest.mark.usefixtures("post", "position")
def test_a_valid_staff_file_creates_records_assignments_and_audit_entries(
    cast: Cast, run_import: Runner
) -> None:
    rows = [
        person(1, salary_coefficient="3,33", education="Đại học", post="TP", job_position="VTVL-CV", start_date="01/02/2020"),
        person(2, sex="Nữ", unit="SNV", category="Viên chức", phone=912345678),
    ]  # fmt: skip
    job = run_import(cast.actor("personnel"), "staff", xlsx(STAFF_HEADER, rows))

    assert job.status == Status.APPLIED, job.errors
    assert job.summary == {"rows": 2, "created": 2, "updated": 0, "unchanged": 0}
    first = Person.objects.get(full_name="Trần Văn Bình 1")
    assert first.unit == cast.org.division_a1
    assert (first.salary_coefficient, first.education) == (Decimal("3.33"), "bachelor")
    assignment = first.assignments.select_related("post", "job_position").get()
    assert assignment.post == Post.objects.get(code="TP")
    assert assignment.job_position == JobPosition.objects.get(code="VTVL-CV")
    assert assignment.start_date == date(2020, 2, 1)
    second = Person.objects.get(full_name="Trần Văn Bình 2")
    assert (second.sex, second.unit, second.category) == (
        "F",
        cast.org.dept_a,
        "vien_chuc",
    )
    assert second.phone == "0912345678"
    actions = AuditEntry.objects.exclude(action__startswith="imports.")
    assert sorted(actions.values_list("action", flat=True)) == [
        "people.assignment.created",
        "people.person.created",
        "people.person.created",
    ]
    applied = AuditEntry.objects.get(
        action="imports.job.applied", object_id=str(job.pk)
    )
    assert applied.data == job.summary


@pytest.mark.usefixtures("post", "position")
def test_a_file_saved_by_libreoffice_is_imported_with_its_dates_codes_and_vietnamese_names(
    cast: Cast, run_import: Runner
) -> None:
    content = (DATA / "staff_libreoffice.xlsx").read_bytes()
    job = run_import(
        cast.actor("personnel"), "staff", content, name="staff_libreoffice.xlsx"
    )

    assert job.status == Status.APPLIED, job.errors
    assert job.summary["created"] == 4
    hung = Person.objects.get(citizen_id="001090000101")
    assert (hung.full_name, hung.birth_date, hung.phone) == (
        "Nguyễn Văn Hùng",
        date(1990, 5, 12),
        "0912345678",
    )
    assert (hung.salary_step, hung.salary_coefficient, hung.party_join_date) == (
        3,
        Decimal("2.67"),
        date(2015, 2, 3),
    )
    assert hung.assignments.get().start_date == date(2020, 1, 1)
    nhung = Person.objects.get(citizen_id="001188000102")
    assert (nhung.full_name, nhung.sex, nhung.education, nhung.unit) == (
        "Trần Thị Hồng Nhung",
        "F",
        "master",
        cast.org.dept_a,
    )
    duc = Person.objects.get(citizen_id="001201000103")
    assert (duc.full_name, duc.category, duc.education, duc.ethnicity) == (
        "Đặng Quốc Đức",
        "hop_dong",
        "college",
        "Mường",
    )


@pytest.mark.usefixtures("post", "position")
def test_a_dry_run_shows_what_would_be_created_and_writes_nothing(
    cast: Cast, run_import: Runner
) -> None:
    rows = [person(1, post="TP", start_date="01/02/2020"), person(2)]
    people_before, audit_before = Person.objects.count(), record_audit_count()

    job = run_import(
        cast.actor("personnel"), "staff", xlsx(STAFF_HEADER, rows), dry_run=True
    )

    assert job.status == Status.PREVIEWED, job.errors
    assert job.summary == {"rows": 2, "created": 2, "updated": 0, "unchanged": 0}
    assert [(c["row"], c["action"]) for c in job.changes] == [
        (2, "create"),
        (3, "create"),
    ]
    assert (Person.objects.count(), record_audit_count()) == (
        people_before,
        audit_before,
    )


@pytest.mark.usefixtures("post", "position")
def test_importing_the_same_file_again_changes_nothing(
    cast: Cast, run_import: Runner
) -> None:
    content = xlsx(
        STAFF_HEADER,
        [person(1, post="TP", start_date="01/02/2020"), person(2, religion="Không")],
    )
    actor = cast.actor("personnel")
    run_import(actor, "staff", content)
    people, audit = Person.objects.count(), record_audit_count()

    again = run_import(actor, "staff", content)

    assert again.status == Status.APPLIED, again.errors
    assert again.summary == {"rows": 2, "created": 0, "updated": 0, "unchanged": 2}
    assert (Person.objects.count(), record_audit_count()) == (people, audit)


def test_a_dry_run_of_changed_rows_lists_each_field_before_and_after(
    cast: Cast, run_import: Runner
) -> None:
    actor = cast.actor("personnel")
    run_import(
        actor, "staff", xlsx(STAFF_HEADER, [person(1, civil_service_rank="Cán sự")])
    )
    changed = person(
        1,
        full_name="Trần  Văn Bính",
        civil_service_rank="Chuyên viên",
        unit="SNV",
        religion=None,
    )

    job = run_import(actor, "staff", xlsx(STAFF_HEADER, [changed]), dry_run=True)

    assert job.summary == {"rows": 1, "created": 0, "updated": 1, "unchanged": 0}
    assert job.changes[0]["action"] == "update"
    assert sorted(map(tuple, job.changes[0]["changes"])) == [
        ("Họ và tên", "Trần Văn Bình 1", "Trần Văn Bính"),
        ("Mã đơn vị", "SNV-TCBC", "SNV"),
        ("Ngạch", "Cán sự", "Chuyên viên"),
    ]
    assert (
        Person.objects.get(full_name="Trần Văn Bình 1").civil_service_rank == "Cán sự"
    )


def test_choice_columns_accept_codes_and_labels_without_case_or_diacritics(
    cast: Cast, run_import: Runner
) -> None:
    rows = [
        person(
            1,
            sex="nu",
            category="CONG CHUC",
            education="dai hoc",
            political_theory="cao cấp",
        ),
        person(
            2,
            sex="F",
            category="vien_chuc",
            education="Master (thạc sĩ)",
            state_management="chuyen vien chinh",
        ),
        person(3, sex="Female", category="Public employee (viên chức)"),
    ]
    job = run_import(cast.actor("personnel"), "staff", xlsx(STAFF_HEADER, rows))

    assert job.status == Status.APPLIED, job.errors
    got = Person.objects.filter(full_name__startswith="Trần Văn Bình").order_by(
        "full_name"
    )
    assert [(p.sex, p.category, p.education) for p in got] == [
        ("F", "cong_chuc", "bachelor"),
        ("F", "vien_chuc", "master"),
        ("F", "vien_chuc", ""),
    ]
    assert (got[0].political_theory, got[1].state_management) == (
        "advanced",
        "principal",
    )


BIRTH_2005 = date(2005, 6, 1)
BAD_ROWS: dict[str, tuple[Callable[[Cast], list[list[Any]]], tuple[int, str, str]]] = {
    "unknown unit": (
        lambda c: [person(1, unit="KHONG-CO")],
        (2, "Mã đơn vị", "Unknown unit code “KHONG-CO”, or it is outside your scope."),
    ),
    "unit outside the scope": (
        lambda c: [person(1, unit="STC-NS")],
        (2, "Mã đơn vị", "Unknown unit code “STC-NS”, or it is outside your scope."),
    ),
    "citizen ID twice in the file": (
        lambda c: [person(1), person(2), person(1, full_name="Lê Văn Cường")],
        (4, "Số CCCD", "This citizen ID is already on row 2 of this file."),
    ),
    "malformed citizen ID": (lambda c: [person(1, citizen_id="12345")], (2, "Số CCCD", _en(messages.CITIZEN_ID["format"]))),
    "citizen ID of the other sex": (
        lambda c: [person(1, citizen_id=citizen_id_for(date(1990, 3, 4), "M", 1), sex="Nữ")],
        (2, "Số CCCD", _en(messages.CITIZEN_ID["sex_mismatch"])),
    ),
    "citizen ID of a record outside the scope": (
        lambda c: [person(1, citizen_id=c.org.person_b1.citizen_id, sex="Nữ", birth=c.org.person_b1.birth_date)],
        (2, "Số CCCD", _en(messages.CITIZEN_ID["duplicate"])),
    ),
    "date of birth in the future": (
        lambda c: [person(1, birth_date=date(2100, 1, 1))],
        (2, "Ngày sinh", _en(messages.BIRTH_DATE["in_future"])),
    ),
    "under 18 at the assignment start": (
        lambda c: [person(1, birth=BIRTH_2005, post="TP", start_date="01/01/2020")],
        (2, "Ngày bắt đầu", _en(messages.ASSIGNMENT["under_age"])),
    ),
    "unknown post": (
        lambda c: [person(1, post="PGD", start_date="01/01/2020")],
        (2, "Mã chức vụ", "Unknown post code “PGD”."),
    ),
    "unknown job position": (
        lambda c: [person(1, job_position="VTVL-X", start_date="01/01/2020")],
        (2, "Mã vị trí việc làm", "Unknown job position code “VTVL-X”."),
    ),
    "post without a start date": (lambda c: [person(1, post="TP")], (2, "Ngày bắt đầu", "Give the start date of the assignment.")),
    "start date without a post": (
        lambda c: [person(1, start_date="01/01/2020")],
        (2, "Ngày bắt đầu", "Give a post code or a job position code for this assignment."),
    ),
    "missing name": (lambda c: [person(1, full_name="  ")], (2, "Họ và tên", "This value is required.")),
    "bad whole number": (lambda c: [person(1, salary_step="ba")], (2, "Bậc lương", "“ba” is not a whole number.")),
    "salary step out of range": (
        lambda c: [person(1, salary_step=25)],
        (2, "Bậc lương", "The salary step must be between 1 and 20."),
    ),
    "bad decimal": (lambda c: [person(1, salary_coefficient="hai")], (2, "Hệ số lương", "“hai” is not a number.")),
    "bad date": (
        lambda c: [person(1, recruited_on="31/02/2015")],
        (2, "Ngày tuyển dụng", "“31/02/2015” is not a date; write it as dd/mm/yyyy."),
    ),
    "unknown choice": (lambda c: [person(1, sex="X")], (2, "Giới tính", "Unknown value “X”; allowed: Nam, Nữ.")),
    "bad email": (lambda c: [person(1, email="binh@")], (2, "Email", "“binh@” is not an email address.")),
}  # fmt: skip


@pytest.mark.parametrize("case", list(BAD_ROWS))
@pytest.mark.usefixtures("post", "position")
def test_each_bad_value_is_reported_with_its_row_column_and_reason(
    cast: Cast, run_import: Runner, case: str
) -> None:
    rows, expected = BAD_ROWS[case]
    people = Person.objects.count()

    job = run_import(cast.actor("personnel"), "staff", xlsx(STAFF_HEADER, rows(cast)))

    assert job.status == Status.INVALID
    assert expected in problems(job)
    assert {row for row, _column, _message in problems(job)} == {expected[0]}
    assert Person.objects.count() == people


def test_one_bad_row_among_many_valid_ones_writes_nothing_at_all(
    cast: Cast, run_import: Runner
) -> None:
    rows = [person(n) for n in range(1, 41)]
    rows[25] = person(26, citizen_id="00109000002X")
    people, audit = Person.objects.count(), record_audit_count()

    job = run_import(cast.actor("personnel"), "staff", xlsx(STAFF_HEADER, rows))

    assert job.status == Status.INVALID
    assert problems(job) == [(27, "Số CCCD", str(messages.CITIZEN_ID["format"]))]
    assert (Person.objects.count(), record_audit_count()) == (people, audit)
    assert AuditEntry.objects.filter(
        action="imports.job.rejected", object_id=str(job.pk)
    ).exists()


def test_an_outsider_cannot_import_into_another_units_tree(
    cast: Cast, run_import: Runner
) -> None:
    colleague = cast.org.person_a1
    rows = [
        person(1, unit="SNV-TCBC"),
        person(
            2,
            citizen_id=colleague.citizen_id,
            birth=colleague.birth_date,
            full_name="X",
            unit="STC-NS",
        ),
    ]
    job = run_import(cast.actor("outsider"), "staff", xlsx(STAFF_HEADER, rows))

    assert job.status == Status.INVALID
    assert problems(job) == [
        (2, "Mã đơn vị", "Unknown unit code “SNV-TCBC”, or it is outside your scope."),
        (3, "Số CCCD", str(messages.CITIZEN_ID["duplicate"])),
    ]
    colleague.refresh_from_db()
    assert (colleague.full_name, colleague.unit) == (
        "Nguyễn Văn An",
        cast.org.division_a1,
    )


def test_checking_rows_takes_a_fixed_number_of_queries_however_long_the_file(
    cast: Cast, post: Post, position: JobPosition, django_assert_max_num_queries: Any
) -> None:
    rows = [person(n, post="TP", start_date="01/02/2020") for n in range(1, 601)]
    found = Problems()
    lines = read_rows(BytesIO(xlsx(STAFF_HEADER, rows)), StaffImporter.columns, found)
    importer = StaffImporter(cast.actor("personnel"), date(2026, 1, 1), found)

    with django_assert_max_num_queries(8):
        importer.prefetch(lines)
        for line in lines:
            importer.check(line)

    assert not found
    assert len(importer.valid) == 600
