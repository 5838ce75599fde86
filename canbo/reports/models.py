"""Exports: one row per file someone asked for (a list as .xlsx, an annual
report as .xlsx or PDF), with its progress and the time its file expires.

The rows are read when the file is written, through the requester's scope at
that moment; the parameters record what was asked (filters, unit, year).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Export(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("being written")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")
        EXPIRED = "expired", _("expired")

    class Format(models.TextChoices):
        XLSX = "xlsx", "Excel (.xlsx)"
        PDF = "pdf", "PDF"

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=40)
    format = models.CharField(
        _("format"), max_length=4, choices=Format.choices, default=Format.XLSX
    )
    params = models.JSONField(default=dict, blank=True)
    title = models.CharField(_("title"), max_length=255)
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    unit_path = models.CharField(max_length=255, blank=True, editable=False)
    status = models.CharField(
        max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/%Y/%m/", blank=True)
    filename = models.CharField(max_length=150, blank=True)
    error = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["requested_by", "-created_at"], name="export_requester_idx"
            ),
            models.Index(fields=["status", "expires_at"], name="export_expiry_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
