"""Writing a `Table` to a file: .xlsx with openpyxl in write-only mode (rows
streamed, bold header, frozen header row, column widths, dates as dates), or
PDF through WeasyPrint (`canbo.evaluation.pdf`, DejaVu Sans embedded)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from canbo.evaluation.pdf import render_pdf
from canbo.reports.exporters.base import Cell, Column, Table

PROGRESS_EVERY = 1000  # rows between two progress reports
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)
WRAP = Alignment(wrap_text=True, vertical="top")
NUMBER_FORMATS = {"date": "DD/MM/YYYY", "percent": "0.0", "number": "#,##0.00"}

Progress = Callable[[int], None]


def _cell(sheet: WriteOnlyWorksheet, value: Any, column: Column) -> Any:
    if isinstance(value, Decimal):
        value = float(value)
    fmt = NUMBER_FORMATS.get(column.kind)
    if fmt is None or value is None:
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = fmt
    return cell


def _bold(
    sheet: WriteOnlyWorksheet, values: Sequence[Any], font: Font = BOLD
) -> list[Any]:
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = font
        cell.alignment = WRAP
        cells.append(cell)
    return cells


def write_xlsx(
    table: Table, out: IO[bytes] | Path, progress: Progress | None = None
) -> int:
    """Write `table` to `out`; return the number of body rows written.

    `progress` is called with the rows written so far every PROGRESS_EVERY rows.
    """
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=table.title[:31] or "Sheet")
    for index, column in enumerate(table.columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    top = 0
    if table.heading:
        sheet.append(_bold(sheet, [table.title], TITLE))
        for line in table.heading:
            sheet.append([line])
        sheet.append([])
        top = len(table.heading) + 2
    sheet.freeze_panes = f"A{top + 2}"
    sheet.append(_bold(sheet, [str(c.header) for c in table.columns]))
    written = 0
    for row in table.rows:
        sheet.append(
            [_cell(sheet, v, c) for v, c in zip(row, table.columns, strict=True)]
        )
        written += 1
        if progress is not None and written % PROGRESS_EVERY == 0:
            progress(written)
    for row in table.footer:
        sheet.append(_bold(sheet, [_plain(v) for v in row]))
    book.save(out)
    return written


def _plain(value: Cell) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def _text(value: Cell, column: Column) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if column.kind == "percent":
        return f"{value}%"
    return str(value)


def _printed(row: Sequence[Cell], columns: Sequence[Column]) -> list[tuple[str, bool]]:
    """Each value as printed, with whether it is a number (aligned right)."""
    return [
        (_text(v, c), c.kind != "text" and c.kind != "date")
        for v, c in zip(row, columns, strict=True)
    ]


def render_table_pdf(
    table: Table, progress: Progress | None = None
) -> tuple[bytes, int]:
    """Render `table` as an A4 landscape PDF; return the bytes and the row count."""
    rows = [_printed(row, table.columns) for row in table.rows]
    if progress is not None:
        progress(len(rows))
    footer = [_printed(row, table.columns) for row in table.footer]
    context = {
        "table": table,
        "headers": [str(c.header) for c in table.columns],
        "rows": rows,
        "footer": footer,
        "empty": _("Nothing to report."),
    }
    return render_pdf("reports/print/table.html", context), len(rows)
