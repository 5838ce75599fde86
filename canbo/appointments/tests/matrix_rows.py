"""The appointments pages in the permission matrix (canbo/tests/test_permission_matrix.py)."""

from __future__ import annotations

from canbo.tests.rows import CAREER_LISTS, Row

ROWS: dict[str, Row] = {
    "home": Row("get", lambda c: "/appointments/", CAREER_LISTS),
}
