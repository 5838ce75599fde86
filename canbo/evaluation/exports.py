"""Official forms: a person's evaluation sheet and a unit's result list as .docx,
and the year's summary table as .xlsx. The PDF versions are in `pdf.py`."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

import docx
from django.utils.translation import gettext as _
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Font

from canbo.evaluation.models import Period, Sheet
from canbo.evaluation.scores import criteria_rows, pack_of

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def _value(value: object) -> str:
    return "—" if value in (None, "") else str(value)


def _heading(document: Document, title: str, subtitle: str) -> None:
    for text, bold in ((NATION, True), (MOTTO, True), ("", False), (title, True)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = bold
    document.add_paragraph(subtitle).alignment = WD_ALIGN_PARAGRAPH.CENTER


def _table(
    document: Document, header: Sequence[str], rows: Sequence[Sequence[object]]
) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = _value(value)


def _document() -> Document:
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    return document


def _bytes(document: Document) -> bytes:
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def sheet_docx(sheet: Sheet) -> bytes:
    """The evaluation sheet of one person for one period."""
    pack = pack_of(sheet)
    document = _document()
    _heading(
        document,
        _("EVALUATION AND CLASSIFICATION SHEET").upper(),
        f"{sheet.period} · {sheet.period.start:%d/%m/%Y} – {sheet.period.end:%d/%m/%Y}",
    )
    document.add_paragraph(f"{_('Full name')}: {sheet.person.full_name}")
    document.add_paragraph(f"{_('Unit')}: {sheet.unit.name}")
    document.add_paragraph(f"{_('Rules applied')}: {pack.title}")
    _table(
        document,
        [_("Criterion"), _("Maximum"), _("Self-assessed"), _("Reviewed")],
        [(f"{c.code}. {c.name}", c.points, own, reviewed)
         for c, own, reviewed in criteria_rows(sheet, pack)],
    )  # fmt: skip
    document.add_paragraph()
    _table(document, [_("Points"), _("Value")], [
        (_("General points (of 30)"), sheet.general_points),
        (_("Task points (of 70)"), sheet.task_points),
        (_("Score (of 100)"), sheet.score),
        (_("Proposed level"), sheet.get_proposed_level_display()),
        (_("Level"), sheet.get_level_display()),
    ])  # fmt: skip
    if sheet.self_review:
        document.add_paragraph(f"{_('Self-review')}: {sheet.self_review}")
    if sheet.review_reason:
        document.add_paragraph(
            f"{_('Reason for changing points')}: {sheet.review_reason}"
        )
    signatures = document.add_table(rows=1, cols=2)
    signatures.rows[0].cells[0].text = _("The person evaluated")
    signatures.rows[0].cells[1].text = _("The head of the unit")
    return _bytes(document)


def results_docx(period: Period, sheets: Sequence[Sheet]) -> bytes:
    """The list of results of a unit for a period."""
    document = _document()
    _heading(
        document,
        _("LIST OF EVALUATION RESULTS").upper(),
        f"{period.unit.name} · {period} · {period.start:%d/%m/%Y} – {period.end:%d/%m/%Y}",
    )
    _table(
        document,
        ["#", _("Full name"), _("Unit"), _("Score"), _("Level")],
        [(n, s.person.full_name, s.unit.name, s.score, s.get_level_display())
         for n, s in enumerate(sheets, 1)],
    )  # fmt: skip
    return _bytes(document)


def year_xlsx(period: Period, sheets: Sequence[Sheet]) -> bytes:
    """The year's summary table: one row per person."""
    book = Workbook()
    sheet = book.active
    sheet.title = str(period.start.year)
    header = [_("Full name"), _("Unit"), _("Months worked"), _("Annual score"),
              _("Proposed level"), _("Level"), _("Reasons")]  # fmt: skip
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheets:
        sheet.append([
            row.person.full_name, row.unit.name, row.months_worked,
            float(row.score) if row.score is not None else None,
            row.proposed_level, row.level, ", ".join(row.reasons),
        ])  # fmt: skip
    for column, width in zip("ABCDEFG", (32, 32, 10, 12, 12, 12, 40), strict=True):
        sheet.column_dimensions[column].width = width
    out = BytesIO()
    book.save(out)
    return out.getvalue()
