"""The official forms read back: what a person would see opening the files."""

from __future__ import annotations

import contextlib
import re
import zlib
from io import BytesIO
from typing import Any

import docx
import pytest
from openpyxl import load_workbook

from canbo.evaluation.models import Period, Sheet
from canbo.evaluation.tests import matrix
from canbo.tests.fixtures import Cast


@pytest.fixture(autouse=True)
def english(settings: Any) -> None:
    settings.LANGUAGE_CODE = "en"


def _inflated(pdf: bytes) -> bytes:
    """The PDF with its compressed streams expanded, to look for names in them."""
    parts = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(stream))
    return b"".join(parts)


def _text(content: bytes) -> str:
    document = docx.Document(BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_sheet_as_docx_names_the_person_criteria_and_points(cast: Cast) -> None:
    pk = matrix.staff_sheet(cast)
    Sheet.objects.filter(pk=pk).update(self_points={"a1": "2.5"}, score=None)
    response = cast.client("staff").get(f"/evaluation/sheets/{pk}/sheet.docx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"')
    text = _text(response.content)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Phạm Minh Châu" in text
    assert "a1. Phẩm chất chính trị" in text
    assert "2.5" in text


def test_the_sheet_as_pdf_embeds_the_vietnamese_font(cast: Cast) -> None:
    pk = matrix.staff_sheet(cast)
    response = cast.client("staff").get(f"/evaluation/sheets/{pk}/sheet.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    inflated = _inflated(response.content)
    assert re.search(rb"/BaseFont\s*/[A-Z]{6}\+DejaVu", inflated)  # a subset of it ...
    assert b"/FontFile2" in inflated  # ... travels inside the file


def test_the_result_list_lists_the_people_in_scope(cast: Cast) -> None:
    period = matrix.period(cast)
    Sheet.objects.update(status="decided", level="HTTNV")
    text = _text(
        cast.client("head").get(f"/evaluation/periods/{period}/results.docx").content
    )
    assert "Phạm Minh Châu" in text
    assert "Nguyễn Văn An" in text
    assert (
        cast.client("head")
        .get(f"/evaluation/periods/{period}/results.pdf")
        .content.startswith(b"%PDF")
    )


def test_the_year_summary_is_a_workbook_with_a_row_per_person(cast: Cast) -> None:
    period = matrix.period(cast)
    Period.objects.filter(pk=period).update(kind="year")
    Sheet.objects.update(months_worked=12, reasons=["quota"], proposed_level="HTTNV")
    response = cast.client("personnel").get(
        f"/evaluation/periods/{period}/summary.xlsx"
    )
    rows = list(
        load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True)
    )
    assert (
        rows[0][:4] == ("Full name", "Unit", "Months worked", "Annual score")
        or rows[0][2] == "Số tháng công tác"
    )
    assert {r[0] for r in rows[1:]} == {"Phạm Minh Châu", "Nguyễn Văn An"}
    assert rows[1][6] == "quota"
