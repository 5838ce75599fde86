"""The blank .xlsx files people download, fill in and upload."""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.workbook import Workbook as WorkbookType
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from canbo.imports.columns import Column, Kind, columns_for
from canbo.org.models import JobPosition, Post, Unit

DATA_SHEET = {"units": "Đơn vị", "staff": "Cán bộ"}
GUIDE_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh mục"
FILE_NAME = {"units": "mau-nhap-don-vi.xlsx", "staff": "mau-nhap-can-bo.xlsx"}
TEMPLATE_ROWS = 5000  # rows the drop-downs and formats cover
DATE_FORMAT = "DD/MM/YYYY"
REQUIRED_FILL = PatternFill("solid", fgColor="F4CCCC")
OPTIONAL_FILL = PatternFill("solid", fgColor="D9E2F3")
# Codes of the catalogues, placed on the lists sheet: (column key, first column there).
LIST_COLUMNS = {"parent": 1, "unit": 1, "post": 4, "job_position": 7}


def build_template(
    kind: str, *, units: list[Unit], posts: list[Post], positions: list[JobPosition]
) -> bytes:
    """Return the .xlsx template for `kind` ("units" or "staff") as bytes.

    The lists sheet shows the units the user may import into and the catalogue
    codes; the data sheet offers them, and the fixed values, as drop-downs.
    """
    columns = columns_for(kind)
    book = Workbook()
    sheet = book.active
    sheet.title = DATA_SHEET[kind]
    _write_header(sheet, columns)
    sizes = _write_lists(book, units, posts, positions if kind == "staff" else None)
    _add_validations(sheet, columns, sizes)
    _write_guide(book.create_sheet(GUIDE_SHEET), columns)
    book.move_sheet(LISTS_SHEET, offset=1)
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def _write_header(sheet: Worksheet, columns: tuple[Column, ...]) -> None:
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.title)
        cell.font = Font(bold=True)
        cell.fill = REQUIRED_FILL if column.required else OPTIONAL_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        if column.kind == Kind.DATE:
            dimension.number_format = DATE_FORMAT
        elif column.kind in (Kind.CITIZEN_ID, Kind.PHONE, Kind.CODE):
            dimension.number_format = "@"  # text: keeps the leading zeros
    sheet.freeze_panes = "A2"
    sheet.row_dimensions[1].height = 32


def _write_lists(
    book: WorkbookType,
    units: list[Unit],
    posts: list[Post],
    positions: list[JobPosition] | None,
) -> dict[int, int]:
    """Write the code lists; return {first column: number of codes} for the drop-downs."""
    sheet = book.create_sheet(LISTS_SHEET)
    blocks: list[tuple[int, str, list[tuple[str, str]]]] = [
        (1, "Mã đơn vị", [(u.code, u.name) for u in units]),
    ]
    if positions is not None:
        blocks.append((4, "Mã chức vụ", [(p.code, p.name) for p in posts]))
        blocks.append((7, "Mã vị trí việc làm", [(p.code, p.name) for p in positions]))
    sizes: dict[int, int] = {}
    for first, title, items in blocks:
        sheet.cell(row=1, column=first, value=title).font = Font(bold=True)
        sheet.cell(row=1, column=first + 1, value=_("Name")).font = Font(bold=True)
        for row, (code, name) in enumerate(items, start=2):
            sheet.cell(row=row, column=first, value=code)
            sheet.cell(row=row, column=first + 1, value=name)
        sheet.column_dimensions[get_column_letter(first)].width = 18
        sheet.column_dimensions[get_column_letter(first + 1)].width = 40
        sizes[first] = len(items)
    return sizes


def _add_validations(
    sheet: Worksheet, columns: tuple[Column, ...], sizes: dict[int, int]
) -> None:
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        if column.choices:
            formula = '"' + ",".join(column.terms()) + '"'
        elif sizes.get(LIST_COLUMNS.get(column.key, 0)):
            first = get_column_letter(LIST_COLUMNS[column.key])
            count = sizes[LIST_COLUMNS[column.key]]
            formula = f"{quote_sheetname(LISTS_SHEET)}!${first}$2:${first}${count + 1}"
        else:
            continue
        validation = DataValidation(type="list", formula1=formula, allow_blank=True)
        validation.errorStyle = (
            "warning"  # a code or another spelling is still accepted
        )
        validation.error = _(
            "This value is not in the list; check it before importing."
        )
        sheet.add_data_validation(validation)
        validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")


def _write_guide(sheet: Worksheet, columns: tuple[Column, ...]) -> None:
    notes = (
        _(
            "Fill in one row per record on the first sheet, under the header row; do not rename the columns."
        ),
        _(
            "Columns marked red are required. An empty optional cell keeps the value already recorded."
        ),
        _(
            "Write dates as dd/mm/yyyy. Choice columns accept the listed values, with or without diacritics."
        ),
        _(
            "Upload the file with “Dry run” ticked first: nothing is saved until the whole file is correct."
        ),
    )
    for row, note in enumerate(notes, start=1):
        sheet.cell(row=row, column=1, value=note)
    top = len(notes) + 2
    headers = (
        _("Column"),
        pgettext("template guide", "Required"),
        _("Explanation"),
        _("Allowed values"),
    )
    for index, header in enumerate(headers, start=1):
        sheet.cell(row=top, column=index, value=header).font = Font(bold=True)
    for row, column in enumerate(columns, start=top + 1):
        sheet.cell(row=row, column=1, value=column.title).font = Font(bold=True)
        sheet.cell(
            row=row,
            column=2,
            value=pgettext("template guide", "Yes") if column.required else "",
        )
        sheet.cell(row=row, column=3, value=str(column.help)).alignment = Alignment(
            wrap_text=True
        )
        sheet.cell(row=row, column=4, value=", ".join(column.terms()))
    for letter, width in zip("ABCD", (24, 10, 80, 50), strict=True):
        sheet.column_dimensions[letter].width = width
