"""Refresh the stored dashboard figures when a period is published."""

from __future__ import annotations

from typing import Any

from canbo.evaluation.models import Period


def period_saved(sender: type[Period], instance: Period, **kwargs: Any) -> None:
    if instance.status != Period.Status.PUBLISHED:
        return
    from canbo.insight.services import refresh_after_publishing

    refresh_after_publishing(instance.unit_path, instance.start.year)
