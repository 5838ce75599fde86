"""The integrity endpoints for the API permission matrix (canbo/api/tests/matrix.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from canbo.tests.fixtures import Cast

if TYPE_CHECKING:
    from canbo.api.tests.matrix import Endpoint


def endpoints(cast: Cast) -> list[Endpoint]:
    return []
