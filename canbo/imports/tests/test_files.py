from __future__ import annotations

import zipfile
from datetime import date
from io import BytesIO

import pytest
from django.template.defaultfilters import filesizeformat
from django.test import override_settings
from openpyxl import load_workbook

from canbo.core.errors import InvalidInput
from canbo.imports.models import ImportJob
from canbo.imports.services import start_import
from canbo.imports.template_file import build_template
from canbo.imports.tests.helpers import STAFF_HEADER, Runner, staff_row, upload, xlsx
from canbo.imports.workbook import not_xlsx_message
from canbo.org.models import JobPosition, Post, Unit
from canbo.people.models import Person
from canbo.people.tests.factories import citizen_id_for
from canbo.tests.fixtures import Cast

CSV = "Số CCCD,Họ và tên\n001090000101,Nguyễn Văn Hùng\n".encode()


def refusal(cast: Cast, content: bytes, name: str) -> list[str]:
    with pytest.raises(InvalidInput) as refused:
        start_import(
            actor=cast.actor("personnel"),
            kind="staff",
            upload=upload(content, name),
            dry_run=True,
        )
    assert not ImportJob.objects.exists()
    return refused.value.errors["file"]


def test_a_csv_file_renamed_to_xlsx_is_refused_with_a_clear_message(cast: Cast) -> None:
    assert refusal(cast, CSV, "danh-sach.xlsx") == [not_xlsx_message()]


def test_a_zip_that_is_not_a_workbook_is_refused(cast: Cast) -> None:
    archive = BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("readme.txt", "hello")
    assert refusal(cast, archive.getvalue(), "danh-sach.xlsx") == [not_xlsx_message()]


def test_a_file_without_the_xlsx_extension_is_refused(cast: Cast) -> None:
    assert refusal(cast, CSV, "danh-sach.csv") == [
        "Only .xlsx files can be imported; “danh-sach.csv” is not one."
    ]


@override_settings(IMPORT_MAX_BYTES=2048)
def test_a_file_over_the_size_limit_is_refused(cast: Cast) -> None:
    content = xlsx(
        STAFF_HEADER,
        [
            staff_row(full_name=f"Người thứ {n}", ethnicity="Kinh" * 5)
            for n in range(300)
        ],
    )
    size = filesizeformat(len(content))
    assert refusal(cast, content, "lon.xlsx") == [
        f"The file is too large: {size}, at most 2.0\xa0KB."
    ]


def test_a_file_missing_a_required_column_is_rejected_on_row_one(
    cast: Cast, run_import: Runner
) -> None:
    content = xlsx(
        ["Họ và tên", "Số CCCD", "STT"], [["Nguyễn Văn Hùng", "001090000101", 1]]
    )
    job = run_import(cast.actor("personnel"), "staff", content)

    assert job.status == ImportJob.Status.INVALID
    missing = {e["column"] for e in job.errors if e["row"] == 1}
    assert missing == {"Giới tính", "Ngày sinh", "Mã đơn vị", "Loại cán bộ"}


def test_a_file_with_only_a_header_is_rejected(cast: Cast, run_import: Runner) -> None:
    job = run_import(
        cast.actor("personnel"),
        "staff",
        xlsx(STAFF_HEADER, [[None] * len(STAFF_HEADER)]),
    )

    assert job.status == ImportJob.Status.INVALID
    assert job.errors == [
        {
            "row": None,
            "column": "",
            "message": "The file has no data rows under the header.",
        }
    ]


def test_the_staff_template_has_titles_a_guide_drop_downs_and_date_formats(
    cast: Cast,
) -> None:
    post = Post.objects.create(code="TP", name="Trưởng phòng")
    content = build_template(
        "staff", units=[cast.org.division_a1], posts=[post], positions=[]
    )
    book = load_workbook(BytesIO(content))

    assert book.sheetnames == ["Cán bộ", "Hướng dẫn", "Danh mục"]
    sheet = book["Cán bộ"]
    assert [cell.value for cell in sheet[1]] == STAFF_HEADER
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists["C2:C5001"] == '"Nam,Nữ"'
    assert lists["F2:F5001"] == '"Cán bộ,Công chức,Viên chức,Hợp đồng"'
    assert lists["E2:E5001"] == "'Danh mục'!$A$2:$A$2"
    assert lists["V2:V5001"] == "'Danh mục'!$D$2:$D$2"
    assert sheet.column_dimensions["D"].number_format == "DD/MM/YYYY"
    guide = [row[0] for row in book["Hướng dẫn"].iter_rows(values_only=True)]
    assert set(STAFF_HEADER) <= set(guide)
    assert [
        row[:2]
        for row in book["Danh mục"].iter_rows(min_row=2, max_row=2, values_only=True)
    ] == [("SNV-TCBC", "Phòng Tổ chức, biên chế")]


def test_a_filled_in_template_imports(cast: Cast, run_import: Runner) -> None:
    unit = Unit.objects.get(code="SNV-TCBC")
    book = load_workbook(
        BytesIO(
            build_template(
                "staff",
                units=[unit],
                posts=[],
                positions=list(JobPosition.objects.all()),
            )
        )
    )
    birth = date(1992, 7, 1)
    book["Cán bộ"].append(
        staff_row(
            citizen_id=citizen_id_for(birth, "F", 7),
            full_name="Võ Thị Thu",
            sex="Nữ",
            birth_date=birth,
            unit="SNV-TCBC",
            category="Công chức",
        )
    )
    filled = BytesIO()
    book.save(filled)

    job = run_import(cast.actor("personnel"), "staff", filled.getvalue())

    assert job.status == ImportJob.Status.APPLIED, job.errors
    assert Person.objects.get(full_name="Võ Thị Thu").birth_date == birth
