"""The integrity pages in the permission matrix (canbo/tests/test_permission_matrix.py)."""

from __future__ import annotations

from canbo.tests.rows import INTEGRITY_VIEWERS, Row

ROWS: dict[str, Row] = {
    "home": Row("get", lambda c: "/integrity/", INTEGRITY_VIEWERS),
}
