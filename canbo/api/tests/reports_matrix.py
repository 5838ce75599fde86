"""The reports endpoints for the API permission matrix (canbo/api/tests/matrix.py).

An export is seen by its requester only: the sample export is the admin's, so
every other persona, the outsider included, gets 404 on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from canbo.tests.fixtures import PERSONAS, Cast

if TYPE_CHECKING:
    from canbo.api.tests.matrix import Endpoint

# Everyone who sees staff records somewhere may export the staff list of their scope.
PEOPLE_VIEWERS = frozenset(p for p in PERSONAS if p != "staff")


def _staff_list() -> dict[str, Any]:
    return {"kind": "staff", "params": {"subtree": True}}


def _admin_export(cast: Cast) -> Any:
    """A finished export of the admin's, made without the service (and so
    without an audit entry: the matrix counts entries around each call)."""
    from datetime import timedelta

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from canbo.reports.models import Export

    export = Export.objects.create(
        requested_by=cast.users["admin"], kind="staff", title="Danh sách cán bộ",
        status=Export.Status.DONE, rows_total=1, rows_done=1, filename="ds.xlsx",
        finished_at=timezone.now(), expires_at=timezone.now() + timedelta(hours=1),
    )  # fmt: skip
    export.file.save("ds.xlsx", ContentFile(b"PK"), save=True)
    return export


def endpoints(cast: Cast) -> list[Endpoint]:
    from canbo.api.tests.matrix import API, Endpoint

    admin = _admin_export(cast)
    exports = f"{API}/exports"
    one = f"{exports}/{{export_id}}"
    mine = frozenset({"admin"})
    return [
        Endpoint("POST", exports, exports, PEOPLE_VIEWERS, _staff_list),
        Endpoint("GET", exports, exports, frozenset(PERSONAS)),
        Endpoint("GET", one, f"{exports}/{admin.pk}", mine),
        Endpoint("GET", f"{one}/file", f"{exports}/{admin.pk}/file", mine),
    ]
