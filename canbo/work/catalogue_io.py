"""A product catalogue as an .xlsx file: export it, and read it back checked row by row.

The column titles are the file format, in Vietnamese like the other import
files (canbo.imports.columns), and never translated. The whole file is checked
before anything is written; each problem names its row, column and reason.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import IO, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from canbo.imports.cells import CellError, is_blank, parse_int, parse_text
from canbo.imports.columns import Column, Kind
from canbo.imports.problems import Problems
from canbo.imports.workbook import NotAWorkbook, Row, check_file, read_rows
from canbo.work.catalogue_selectors import groups
from canbo.work.catalogues import ProductValues, product_problems
from canbo.work.models import Catalogue, ProductGroup

SHEET = "Danh mục sản phẩm"
COLUMNS = (
    Column("group", "Mã nhóm", Kind.CODE, gettext_lazy("Required. The group code (A, B, C, D…)."), required=True, max_length=8, width=10),
    Column("code", "Mã sản phẩm", Kind.CODE, gettext_lazy("Required. Unique in the catalogue."), required=True, max_length=32, width=14),
    Column("name", "Tên sản phẩm", Kind.TEXT, gettext_lazy("Required."), required=True, max_length=255, width=50),
    Column("unit_of_measure", "Đơn vị tính", Kind.TEXT, gettext_lazy("Required."), required=True, max_length=50, width=14),
    Column("coefficient", "Hệ số quy đổi", Kind.DECIMAL, gettext_lazy("Required. Greater than 0, at most three decimals."), required=True, width=12),
    Column("quality_criteria", "Tiêu chí chất lượng", Kind.TEXT, gettext_lazy("Optional."), width=50),
    Column("default_days", "Số ngày mặc định", Kind.INT, gettext_lazy("Optional. 5 when empty."), width=12),
)  # fmt: skip
TITLES = {column.key: column.title for column in COLUMNS}


def export_catalogue(catalogue: Catalogue) -> bytes:
    """Return the catalogue version as an .xlsx file that import reads back."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append([column.title for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for product in catalogue.products.select_related("group").order_by(
        "group__code", "code"
    ):
        sheet.append([
            product.group.code, product.code, product.name, product.unit_of_measure,
            product.coefficient, product.quality_criteria, product.default_days,
        ])  # fmt: skip
    for index, column in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + index)].width = column.width
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def file_name(catalogue: Catalogue) -> str:
    return f"danh-muc-{catalogue.job_position.code}-v{catalogue.version}.xlsx"


def _coefficient(raw: Any) -> Decimal:
    text = str(raw).strip().replace(",", ".") if not isinstance(raw, bool) else "x"
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise CellError(_("“%(value)s” is not a number.") % {"value": raw})
    # A float cell (1.2) reads as 1.19999…: keep what the user typed.
    return value.quantize(Decimal("0.001")) if isinstance(raw, float) else value


def _cell(row: Row, column: Column, problems: Problems) -> Any:
    raw = row.cells.get(column.key)
    if is_blank(raw):
        if column.required:
            problems.add(row.number, column.title, _("This cell is required."))
        return None
    try:
        if column.key == "coefficient":
            return _coefficient(raw)
        if column.kind == Kind.INT:
            return parse_int(raw)
        return parse_text(raw, column)
    except CellError as error:
        problems.add(row.number, column.title, str(error))
        return None


def _values(
    row: Row, by_code: dict[str, ProductGroup], problems: Problems
) -> ProductValues | None:
    cells = {column.key: _cell(row, column, problems) for column in COLUMNS}
    group = by_code.get(str(cells["group"] or "").upper())
    if cells["group"] is not None and group is None:
        problems.add(row.number, TITLES["group"],
                     _("Unknown group “%(code)s”; allowed: %(allowed)s.")
                     % {"code": cells["group"], "allowed": ", ".join(by_code)})  # fmt: skip
    if group is None or any(cells[c.key] is None for c in COLUMNS if c.required):
        return None
    values = ProductValues(
        group=group,
        code=cells["code"], name=cells["name"], unit_of_measure=cells["unit_of_measure"],
        coefficient=cells["coefficient"], quality_criteria=cells["quality_criteria"] or "",
        default_days=cells["default_days"] if cells["default_days"] is not None else 5,
    )  # fmt: skip
    for field, messages in product_problems(values).items():
        for message in messages:
            problems.add(row.number, TITLES.get(field, ""), message)
    return values


def read_catalogue(
    name: str, size: int, stream: IO[bytes]
) -> tuple[list[ProductValues], Problems]:
    """Read and check a whole catalogue file; the rows count only if there are no problems."""
    problems = Problems()
    try:
        check_file(name, size, stream)
        rows = read_rows(stream, COLUMNS, problems)
    except NotAWorkbook as error:
        problems.add(None, "", str(error))
        return [], problems
    by_code = {group.code.upper(): group for group in groups()}
    products: list[ProductValues] = []
    seen: dict[str, int] = {}
    for row in rows:
        values = _values(row, by_code, problems)
        if values is None:
            continue
        if values.code in seen:
            problems.add(row.number, TITLES["code"],
                         _("Code %(code)s is already on row %(row)s.")
                         % {"code": values.code, "row": seen[values.code]})  # fmt: skip
        seen.setdefault(values.code, row.number)
        products.append(values)
    return products, problems
