"""Appointments (bổ nhiệm) and reappointments to leadership posts, with their terms."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Appointment(models.Model):
    """A proposal to appoint a person to a post of a unit; once approved, a term."""

    class Kind(models.TextChoices):
        FIRST = "first", _("First appointment")
        HIGHER = "higher", _("Appointment to a higher post")
        EQUAL = "equal", _("Appointment to an equal or lower post")
        REAPPOINTMENT = "reappointment", _("Reappointment")
        EXTENSION = "extension", _("Extension to retirement age")

    class Source(models.TextChoices):
        INTERNAL = "internal", _("From within the unit")
        EXTERNAL = "external", _("From outside the unit")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Appointed")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        ENDED = "ended", _("Term ended")

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    post = models.ForeignKey(
        "org.Post", verbose_name=_("post"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    unit_path = models.CharField(max_length=255, db_index=True, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    source = models.CharField(
        _("source"), max_length=8, choices=Source.choices, default=Source.INTERNAL
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    # The start of the appointment process: the age check counts from it (APPT-02).
    process_started = models.DateField(_("process started on"))
    decision_ref = models.CharField(_("decision number"), max_length=100, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    term_start = models.DateField(_("term from"), null=True, blank=True)
    term_end = models.DateField(_("term to"), null=True, blank=True, db_index=True)
    term_months = models.PositiveSmallIntegerField(_("term (months)"), default=60)
    # Overridable rules a head set aside, with the written justification (audited).
    overridden = models.JSONField(default=list, blank=True, editable=False)
    justification = models.TextField(_("justification"), blank=True)
    # The assignment created when the appointment was approved.
    assignment = models.OneToOneField(
        "people.Assignment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appointment",
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous term"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="renewals",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["-process_started", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "post", "unit"],
                condition=Q(status="proposed"),
                name="appointment_one_open_proposal",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "status"], name="appointment_person_idx"),
            models.Index(fields=["status", "term_end"], name="appointment_term_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.post} · {self.unit}"
