"""Precomputed dashboard figures: the heavy aggregates of a unit's subtree for
a year, refreshed by a background task, so the province dashboard answers fast."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Snapshot(models.Model):
    """The dashboard figures of a unit and everything below it for one year, as
    computed at `computed_at` (canbo.insight.figures.compute); a row without
    figures is a first computation still waiting for the worker."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    unit_path = models.CharField(max_length=255, db_index=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    figures = models.JSONField(default=dict)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    # When a recomputation was last queued and not yet done (None: none waiting);
    # one queued within canbo.insight.services.REQUEUE_AFTER is not queued again.
    requested_at = models.DateTimeField(
        _("recomputation requested at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("dashboard snapshot")
        verbose_name_plural = _("dashboard snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"], name="insight_snapshot_unique_unit_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"
