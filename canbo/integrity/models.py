"""What the integrity analytics found, and when: each run of a detector over a
scope and its findings, kept so that an inspector can see what was flagged and
when, and what a reviewer concluded. A finding is a signal for review, never a
verdict: it states the statistic, the threshold and the comparison group.

Registered template texts (a model self-review an agency circulates) let the
copied-text detector report copying of a template separately from copying
between colleagues.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Detector(models.TextChoices):
    COPIED = "copied", _("Copied self-assessments")
    TEMPLATE = "template", _("Copied from a registered template")
    LENIENT = "lenient", _("Levels above what the KPI supports")
    UNIFORM = "uniform", _("Uniform ratings")
    SELF_GAP = "self_gap", _("Gap between self and manager scores")
    INFLATION = "inflation", _("Grade inflation across years")
    FAVOURITISM = "favouritism", _("Favouritism signals")


class Run(models.Model):
    """One run of one or more detectors over a unit's subtree and a year."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    detectors = models.JSONField(default=list)  # Detector values
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=255, editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.ForeignKey(
        "evaluation.Period",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    thresholds = models.JSONField(default=dict, blank=True)  # the settings used
    status = models.CharField(max_length=8, choices=Status.choices)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    message = models.CharField(max_length=255, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # When the worker last reported progress (set when queued): a run waiting or
    # working with no progress for INTEGRITY_RUN_STALLED_MINUTES is marked failed.
    progressed_at = models.DateTimeField(null=True, blank=True)
    findings_count = models.PositiveIntegerField(default=0)
    stats = models.JSONField(default=dict, blank=True)  # e.g. texts read, seconds

    class Meta:
        verbose_name = _("analysis run")
        verbose_name_plural = _("analysis runs")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["unit_path", "year"], name="run_scope_idx")]

    def __str__(self) -> str:
        return f"{self.year} {self.unit_id} {','.join(self.detectors)}"

    @property
    def detector_labels(self) -> list[str]:
        """The names of the run's analyses, in the active language."""
        return [str(Detector(name).label) for name in self.detectors]


class Finding(models.Model):
    """One signal: who or which unit, the statistic against its threshold and
    comparison group, and the evidence a reviewer needs (e.g. both texts)."""

    class Status(models.TextChoices):
        OPEN = "open", _("to review")
        CONFIRMED = "confirmed", _("confirmed")
        DISMISSED = "dismissed", _("dismissed")

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="findings")
    detector = models.CharField(max_length=12, choices=Detector.choices)
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=255, editable=False)
    period = models.ForeignKey(
        "evaluation.Period",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The person the finding is about (the self-assessment's author, or the
    # evaluator for leniency and uniformity), and the other side when there is one
    # (the colleague whose text matches; the deciding head).
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    other = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    statistic = models.DecimalField(max_digits=12, decimal_places=4)
    threshold = models.DecimalField(max_digits=12, decimal_places=4)
    comparison = models.CharField(_("comparison group"), max_length=255, blank=True)
    summary = models.CharField(max_length=500)  # one line, in the UI language
    evidence = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN
    )
    review_note = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["detector", "unit_path", "status"], name="finding_list_idx"
            ),
            models.Index(fields=["person", "detector"], name="finding_person_idx"),
        ]

    def __str__(self) -> str:
        return self.summary


class TemplateText(models.Model):
    """A model text an agency circulated; copying it is reported on its own."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=255, editable=False)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("template text")
        verbose_name_plural = _("template texts")
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title
