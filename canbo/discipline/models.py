"""Discipline records (kỷ luật) from the review to the decision, and their period.

Effects are computed from these rows, never typed: the KHTNV disqualifier of the
year (EVAL-03), flags in planning and appointment, and salary-step delays.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Discipline(models.Model):
    class Form(models.TextChoices):
        # Nghị định 172/2025 (công chức); Nghị định 234/2026 art. 7 (viên chức).
        REPRIMAND = "reprimand", _("Reprimand (khiển trách)")
        WARNING = "warning", _("Warning (cảnh cáo)")
        REMOVAL = "removal", _("Removal from post (cách chức)")
        DISMISSAL = "dismissal", _("Forced dismissal (buộc thôi việc)")

    class Stage(models.TextChoices):
        REVIEW = "review", _("Under disciplinary review")
        DECIDED = "decided", _("Decided")
        DROPPED = "dropped", _("Closed without discipline")

    class Severity(models.TextChoices):
        NONE = "", _("Not stated")
        MINOR = "minor", _("Minor (ít nghiêm trọng)")
        SERIOUS = "serious", _("Serious (nghiêm trọng)")
        VERY_SERIOUS = "very_serious", _("Very serious (rất nghiêm trọng)")

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="disciplines",
    )
    # The person's unit when the case was opened; scope filters read the path.
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    unit_path = models.CharField(max_length=255, db_index=True, editable=False)
    stage = models.CharField(
        _("stage"), max_length=8, choices=Stage.choices, default=Stage.REVIEW
    )
    form = models.CharField(_("form"), max_length=10, choices=Form.choices, blank=True)
    violation = models.TextField(_("violation"))
    violation_date = models.DateField(_("date of the violation"))
    duty_related = models.BooleanField(_("related to official duties"), default=True)
    severity = models.CharField(
        _("severity"), max_length=12, choices=Severity.choices, blank=True
    )
    review_started = models.DateField(_("review opened on"))
    decision_ref = models.CharField(_("decision number"), max_length=100, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    effective_from = models.DateField(_("in effect from"), null=True, blank=True)
    # End of the discipline period, computed by the services from the form.
    effective_until = models.DateField(
        _("discipline period ends"), null=True, blank=True, editable=False
    )
    note = models.TextField(_("note"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("discipline record")
        verbose_name_plural = _("discipline records")
        ordering = ["-review_started", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(stage="decided")
                | (~Q(form="") & Q(decision_date__isnull=False)),
                name="discipline_decided_has_form",
            ),
            models.CheckConstraint(
                condition=Q(decision_date__isnull=True)
                | Q(decision_date__gte=F("violation_date")),
                name="discipline_decided_after_violation",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "stage"], name="discipline_person_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_form_display() or self.get_stage_display()}"
