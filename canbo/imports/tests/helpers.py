"""Writing small .xlsx files and running import jobs in tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from io import BytesIO
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from canbo.core.actor import Actor
from canbo.imports.columns import STAFF_COLUMNS, UNIT_COLUMNS
from canbo.imports.models import ImportJob
from canbo.imports.services import start_import

STAFF_HEADER = [c.title for c in STAFF_COLUMNS]
UNIT_HEADER = [c.title for c in UNIT_COLUMNS]

Runner = Callable[..., ImportJob]


def xlsx(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """Return an .xlsx file (written by openpyxl) with this header row and rows."""
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def staff_row(**values: Any) -> list[Any]:
    """Return a staff row in template column order; keys are the column keys."""
    return [values.get(c.key) for c in STAFF_COLUMNS]


def unit_row(**values: Any) -> list[Any]:
    return [values.get(c.key) for c in UNIT_COLUMNS]


def upload(content: bytes, name: str = "file.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def make_runner(capture: Any) -> Runner:
    """Return run(actor, kind, content, dry_run=False) → the finished job."""

    def run(
        actor: Actor,
        kind: str,
        content: bytes,
        *,
        dry_run: bool = False,
        name: str = "file.xlsx",
    ) -> ImportJob:
        with capture(execute=True):
            job = start_import(
                actor=actor, kind=kind, upload=upload(content, name), dry_run=dry_run
            )
        job.refresh_from_db()
        return job

    return run
