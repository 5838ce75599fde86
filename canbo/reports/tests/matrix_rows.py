"""The reports pages in the permission matrix (canbo/tests/test_permission_matrix.py)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from canbo.reports.models import Export
from canbo.reports.services import download_token
from canbo.tests.fixtures import PERSONAS, Cast
from canbo.tests.rows import DASHBOARD_VIEWERS, EVERYONE, Row

# Anyone who sees staff records somewhere may export the staff list of their scope.
PEOPLE_VIEWERS = {p: 200 for p in PERSONAS if p != "staff"}


def _export(cast: Cast, *, expired: bool = False) -> Export:
    """A finished export of the personnel officer: only she may see or fetch it.

    The download row uses an expired one (410 for her, 404 for everyone else) so
    that no file is left open by the matrix; test_exports.py downloads files.
    """
    now = timezone.now()
    return Export.objects.create(
        requested_by=cast.users["personnel"], kind="staff", title="Danh sách cán bộ",
        status=Export.Status.DONE, rows_total=1, rows_done=1, filename="ds.xlsx",
        finished_at=now, expires_at=now - timedelta(seconds=1) if expired else None,
    )  # fmt: skip


ROWS: dict[str, Row] = {
    "home": Row("get", lambda c: "/reports/", DASHBOARD_VIEWERS),
    "my exports": Row("get", lambda c: "/reports/exports/", EVERYONE),
    "export a list": Row(
        "get", lambda c: "/reports/exports/new/?kind=staff", PEOPLE_VIEWERS
    ),
    "an export": Row(
        "get", lambda c: f"/reports/exports/{_export(c).pk}/", {"personnel": 200}
    ),
    "download an export": Row(
        "get",
        lambda c: f"/reports/download/{download_token(_export(c, expired=True))}/",
        {"personnel": 410},
    ),
}
