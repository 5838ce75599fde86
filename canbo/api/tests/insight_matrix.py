"""The insight endpoints for the API permission matrix (canbo/api/tests/matrix.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from canbo.tests.fixtures import Cast

if TYPE_CHECKING:
    from canbo.api.tests.matrix import Endpoint

# Everyone who sees dashboards somewhere: their own highest unit, or the ranking
# within their scope.
DASHBOARD_LISTS = frozenset({"admin", "personnel", "head", "manager", "auditor",
                             "outsider"})  # fmt: skip
# Division A1's figures: the dashboard viewers whose scope holds A1.
A1_VIEWERS = DASHBOARD_LISTS - {"outsider"}
REFRESHERS = frozenset({"admin", "personnel", "auditor"})


def endpoints(cast: Cast) -> list[Endpoint]:
    from canbo.api.tests.matrix import API, Endpoint
    from canbo.org.tests.factories import PostFactory

    a1 = cast.org.division_a1.pk
    post = PostFactory(code="TP-API", name="Trưởng phòng").code
    board = f"{API}/insight/dashboard"
    refresh = f"{API}/insight/units/{{unit_id}}/refresh"
    compare = f"{API}/insight/compare"
    return [
        Endpoint("GET", board, board, DASHBOARD_LISTS),
        Endpoint("GET", board, f"{board}?unit={a1}&year=2025", A1_VIEWERS),
        Endpoint(
            "POST",
            refresh,
            refresh.replace("{unit_id}", str(a1)),
            REFRESHERS,
            lambda: {"year": 2025},
        ),
        Endpoint("GET", compare, f"{compare}?post={post}", DASHBOARD_LISTS),
    ]
