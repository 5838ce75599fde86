"""Reading an exported .xlsx back in tests."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.http import FileResponse
from openpyxl import load_workbook

from canbo.reports.models import Export


def rows_of(content: bytes) -> list[tuple[Any, ...]]:
    book = load_workbook(BytesIO(content), read_only=True)
    return [tuple(row) for row in book.active.iter_rows(values_only=True)]


def file_of(export: Export) -> bytes:
    with export.file.open("rb") as handle:
        return handle.read()


def body(response: Any) -> bytes:
    if isinstance(response, FileResponse):
        content = b"".join(response.streaming_content)  # type: ignore[arg-type]
        # The test client closes it once read (closing it again would end the
        # request twice, which closes the database connection on PostgreSQL).
        if not response.closed:
            response.close()
        return content
    return response.content
