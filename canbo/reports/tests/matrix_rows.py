"""The reports pages in the permission matrix (canbo/tests/test_permission_matrix.py)."""

from __future__ import annotations

from canbo.tests.rows import DASHBOARD_VIEWERS, Row

ROWS: dict[str, Row] = {
    "home": Row("get", lambda c: "/reports/", DASHBOARD_VIEWERS),
}
