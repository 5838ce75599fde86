"""The reports endpoints of /api/v1: ask for an export of a list or an annual
report, list your exports, follow one, download its file. The same services and
scopes as the pages (canbo/reports); an export is visible to its requester only."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpRequest
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from canbo.api.auth import request_actor
from canbo.api.pagination import paginate
from canbo.api.schemas.common import ERRORS, ErrorOut, InSchema, PageFilter
from canbo.reports import selectors, services
from canbo.reports.exporters.registry import REGISTRY
from canbo.reports.models import Export

router = Router(tags=["reports"])

KINDS = ", ".join(sorted(REGISTRY))


class ExportIn(InSchema):
    kind: str = Field(
        max_length=40,
        description=f"What to export: one of {KINDS}.",
    )
    format: Export.Format = Export.Format.XLSX
    params: dict[str, str | int | bool] = Field(
        default_factory=dict,
        description=(
            'The list\'s filters, e.g. {"unit": 12, "year": 2025} for an annual '
            'report, {"period": 40} for the sheets of a period. Unknown names are ignored.'
        ),
        max_length=20,
    )


class ExportOut(Schema):
    id: int
    kind: str
    format: str
    title: str
    params: dict[str, Any]
    status: str = Field(
        description='"queued", "running", "done", "failed" or "expired".'
    )
    rows_total: int
    rows_done: int
    progress: int = Field(description="Percent of the rows written.")
    created_at: datetime
    finished_at: datetime | None
    expires_at: datetime | None = Field(description="The file is removed at this time.")
    download: str | None = Field(description="The file's API path while it is ready.")

    @staticmethod
    def resolve_progress(obj: Export) -> int:
        from canbo.policy.reports import progress_percent

        return (
            100
            if obj.status == Export.Status.DONE
            else progress_percent(obj.rows_done, obj.rows_total)
        )

    @staticmethod
    def resolve_download(obj: Export) -> str | None:
        if obj.status != Export.Status.DONE:
            return None
        return f"/api/v1/exports/{obj.pk}/file"


class ExportPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ExportOut]


EXPORT_FILE = {
    "responses": {
        "200": {
            "description": "The exported file (.xlsx or PDF), as an attachment.",
            "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


@router.post("/exports", response={201: ExportOut, **ERRORS}, url_name="export_create")
def create_export(request: HttpRequest, payload: ExportIn) -> Status[Export]:
    """Ask for an export. Small ones come back done; large ones are queued
    (status "queued"): follow GET /exports/{id}. 404 for a list you may not
    export, or a unit or period outside your scope. Audit: reports.export.requested."""
    export = services.request_export(
        actor=request_actor(request), kind=payload.kind,
        params={k: str(v) for k, v in payload.params.items()}, fmt=str(payload.format),
    )  # fmt: skip
    return Status(201, export)


@router.get("/exports", response={200: ExportPage, **ERRORS}, url_name="export_list")
def list_exports(request: HttpRequest, filters: Query[PageFilter]) -> dict[str, Any]:
    """Your exports, newest first."""
    return paginate(selectors.exports_of(request_actor(request)), filters)


@router.get(
    "/exports/{export_id}",
    response={200: ExportOut, **ERRORS},
    url_name="export_detail",
)
def get_export(request: HttpRequest, export_id: int) -> Export:
    """One of your exports: its status and progress."""
    found = selectors.access_export(request_actor(request), export_id)
    services.expire_if_due(found)
    return found


@router.get(
    "/exports/{export_id}/file", response={410: ErrorOut, **ERRORS},
    url_name="export_file", openapi_extra=EXPORT_FILE,
)  # fmt: skip
def export_file(
    request: HttpRequest, export_id: int
) -> FileResponse | Status[dict[str, str]]:
    """Download the file of one of your exports. 410 once it has expired (the
    file is then removed); 404 while it is not ready."""
    found = selectors.access_export(request_actor(request), export_id)
    if services.expire_if_due(found):
        return Status(
            410, {"detail": _("This export has expired and its file was removed.")}
        )
    if found.status != Export.Status.DONE or not found.file:
        return Status(404, {"detail": _("The file is not ready.")})
    kind = "application/pdf" if found.format == Export.Format.PDF else XLSX
    # Streamed from storage in blocks: an export of 130,000 rows never sits
    # whole in memory, and the file is opened only once the body is read.
    response = FileResponse(_blocks(found.file), content_type=kind)
    response["Content-Length"] = str(found.file.size)
    response["Content-Disposition"] = content_disposition_header(True, found.filename)
    return response


def _blocks(file: FieldFile) -> Iterator[bytes]:
    """The file's content in blocks; closed when the response is (even unread)."""
    with file.open("rb") as handle:
        while block := handle.read(FileResponse.block_size):
            yield block


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
