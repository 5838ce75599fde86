"""Page-number pagination: one COUNT and one sliced query per list."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet

from canbo.api.schemas.common import PageFilter


def paginate[M: Model](items: QuerySet[M], filters: PageFilter) -> dict[str, Any]:
    """Return {"count", "page", "page_size", "results"} for the requested page."""
    count = items.count()
    start = (filters.page - 1) * filters.page_size
    results = list(items[start : start + filters.page_size]) if start < count else []
    return {
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
        "results": results,
    }
