"""The insight pages in the permission matrix (canbo/tests/test_permission_matrix.py)."""

from __future__ import annotations

from canbo.tests.fixtures import Cast
from canbo.tests.rows import DASHBOARD_VIEWERS, Row

# Division A1's dashboard: everyone who sees dashboards over A1 (not the outsider).
A1_VIEWERS = {k: v for k, v in DASHBOARD_VIEWERS.items() if k != "outsider"}
# Those who run the analytics or open the periods over A1 may refresh its figures.
REFRESHERS = {"admin": 302, "personnel": 302, "auditor": 302}


def _a1(cast: Cast) -> str:
    return f"/insight/?unit={cast.org.division_a1.pk}"


def _refresh(cast: Cast) -> str:
    return f"/insight/units/{cast.org.division_a1.pk}/refresh/"


ROWS: dict[str, Row] = {
    "home": Row("get", lambda c: "/insight/", DASHBOARD_VIEWERS),
    "home (division A1)": Row("get", _a1, A1_VIEWERS),
    "compare": Row("get", lambda c: "/insight/compare/", DASHBOARD_VIEWERS),
    "refresh": Row("post", _refresh, REFRESHERS, data={"year": "2025"}),
}
