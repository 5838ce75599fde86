"""Opening an uploaded workbook: is it really .xlsx, and what rows does it hold."""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from canbo.imports.columns import Column
from canbo.imports.problems import Problems
from canbo.policy.text import fold

# A workbook is a zip archive holding at least these two parts.
REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
# Unpacked, a workbook is larger than its file, but not this much (a zip bomb is).
MAX_EXPANSION = 100
MAX_ROWS = 50_000


class NotAWorkbook(ValueError):  # noqa: N818 - a refusal, not a crash
    """The file cannot be read as an .xlsx workbook; the message says why."""


@dataclass
class Row:
    number: int  # as Excel shows it: the header is row 1
    cells: dict[str, Any] = field(default_factory=dict)  # column key → raw value


def not_xlsx_message() -> str:
    return _(
        "The file is not an Excel workbook (.xlsx). Open it in Excel or LibreOffice, "
        "save it as “Excel Workbook (.xlsx)” and upload it again."
    )


def check_file(name: str, size: int, stream: IO[bytes]) -> None:
    """Refuse a file that is not a reasonably sized .xlsx workbook (NotAWorkbook)."""
    if not name.lower().endswith(".xlsx"):
        raise NotAWorkbook(
            _("Only .xlsx files can be imported; “%(name)s” is not one.")
            % {"name": name}
        )
    limit = settings.IMPORT_MAX_BYTES
    if size > limit:
        raise NotAWorkbook(
            _("The file is too large: %(size)s, at most %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise NotAWorkbook(not_xlsx_message()) from None
    finally:
        stream.seek(0)
    names = {info.filename for info in infos}
    if not all(part in names for part in REQUIRED_PARTS):
        raise NotAWorkbook(not_xlsx_message())
    if sum(info.file_size for info in infos) > MAX_EXPANSION * max(size, 1):
        raise NotAWorkbook(not_xlsx_message())


def read_rows(
    stream: IO[bytes], columns: tuple[Column, ...], problems: Problems
) -> list[Row]:
    """Return the non-empty data rows of the first sheet, cells keyed by column.

    Header problems (missing or repeated columns) go to `problems` with row 1;
    a file openpyxl cannot read raises NotAWorkbook.
    """
    try:
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it drops (extensions, styles).
            warnings.simplefilter("ignore")
            book = load_workbook(stream, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise NotAWorkbook(not_xlsx_message()) from None
    try:
        lines = book.worksheets[0].iter_rows(values_only=True)
        header = next(lines, ())
        positions = _map_header(header, columns, problems)
        rows = _collect(lines, positions, problems)
    finally:
        book.close()
    return rows


def _map_header(
    header: tuple[Any, ...], columns: tuple[Column, ...], problems: Problems
) -> dict[str, int]:
    by_title = {fold(c.title): c for c in columns}
    positions: dict[str, int] = {}
    for index, title in enumerate(header):
        column = by_title.get(fold(str(title or "")).strip(" *"))
        if column is None:
            continue  # extra columns (STT, notes…) are allowed and ignored
        if column.key in positions:
            problems.add(
                1, column.title, _("This column appears twice in the header row.")
            )
        positions[column.key] = index
    for column in columns:
        if column.required and column.key not in positions:
            problems.add(
                1,
                column.title,
                _("This column is missing from the header row (row 1)."),
            )
    return positions


def _collect(lines: Any, positions: dict[str, int], problems: Problems) -> list[Row]:
    rows: list[Row] = []
    for number, values in enumerate(lines, start=2):
        cells = {
            key: values[index] if index < len(values) else None
            for key, index in positions.items()
        }
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        if len(rows) >= MAX_ROWS:
            problems.add(
                number,
                "",
                _("The file has more than %(max)s rows; split it.") % {"max": MAX_ROWS},
            )
            break
        rows.append(Row(number=number, cells=cells))
    if not rows and not problems:
        problems.add(None, "", _("The file has no data rows under the header."))
    return rows
