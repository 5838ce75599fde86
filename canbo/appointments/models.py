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
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    # The eligibility checks as last run (canbo.policy.appointment.Check, as dicts).
    checks = models.JSONField(default=list, blank=True, editable=False)
    checked_on = models.DateField(null=True, blank=True, editable=False)
    note = models.TextField(_("note"), blank=True)
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
            models.Index(
                fields=["status", "unit_path"], name="appointment_status_scope_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.post} · {self.unit}"


class PublicHoliday(models.Model):
    """A day off for the State's offices (Labour Code art. 112; the Government's
    notice fixes the days each year). Working days skip these and weekends."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class ExtensionBallot(models.Model):
    """The leadership collective's secret ballot on extending a post to retirement
    (QĐ 727/QĐ-BNV: more than 50 % agree; at exactly 50 % the head decides)."""

    class Outcome(models.TextChoices):
        PASSED = "passed", _("Passed (more than half agree)")
        FAILED = "failed", _("Not passed")
        HEAD_DECIDES = "head_decides", _("Exactly half: the head decides")

    class HeadDecision(models.TextChoices):
        NONE = "", _("Not decided")
        AGREE = "agree", _("The head agrees")
        DISAGREE = "disagree", _("The head disagrees")

    appointment = models.OneToOneField(
        Appointment, on_delete=models.CASCADE, related_name="ballot"
    )
    held_on = models.DateField(_("held on"))
    voters = models.PositiveSmallIntegerField(_("members voting"))
    agree = models.PositiveSmallIntegerField(_("ballots agreeing"))
    disagree = models.PositiveSmallIntegerField(_("ballots disagreeing"))
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    head_decision = models.CharField(
        _("head's decision"), max_length=8, choices=HeadDecision.choices, blank=True
    )
    head_note = models.TextField(_("head's reasons"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("extension ballot")
        verbose_name_plural = _("extension ballots")

    def __str__(self) -> str:
        return f"{self.appointment} · {self.agree}/{self.voters}"

    @property
    def passed(self) -> bool:
        return self.outcome == self.Outcome.PASSED or (
            self.outcome == self.Outcome.HEAD_DECIDES
            and self.head_decision == self.HeadDecision.AGREE
        )


class SelectionRound(models.Model):
    """A competitive selection (thi tuyển) for a leadership post of a unit
    (Decree 170/2025; rules and pass marks [UNVERIFIED], so the parts are free text)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DECIDED = "decided", _("Winner chosen")
        CANCELLED = "cancelled", _("Cancelled")

    post = models.ForeignKey(
        "org.Post", verbose_name=_("post"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    unit_path = models.CharField(max_length=255, db_index=True, editable=False)
    announced_on = models.DateField(_("announced on"))
    parts = models.CharField(
        _("parts of the exam"),
        max_length=200,
        default="Đề án;Phỏng vấn",
        help_text=_("Names of the scored parts, separated by semicolons."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("selection round")
        verbose_name_plural = _("selection rounds")
        ordering = ["-announced_on", "-id"]

    def __str__(self) -> str:
        return f"{self.post} · {self.unit} · {self.announced_on:%d/%m/%Y}"

    def part_names(self) -> list[str]:
        return [p.strip() for p in self.parts.split(";") if p.strip()]


class SelectionCandidate(models.Model):
    """A candidate of a selection round: a staff member or someone from outside."""

    round = models.ForeignKey(
        SelectionRound, on_delete=models.CASCADE, related_name="candidates"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    external_name = models.CharField(
        _("name (from outside)"), max_length=100, blank=True
    )
    scores = models.JSONField(_("scores"), default=dict, blank=True)
    total = models.DecimalField(
        _("total"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    selected = models.BooleanField(_("selected"), default=False)
    appointment = models.OneToOneField(
        Appointment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="selection",
    )

    class Meta:
        verbose_name = _("selection candidate")
        verbose_name_plural = _("selection candidates")
        ordering = ["round", "rank", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(external_name=""),
                name="selection_candidate_named",
            ),
        ]

    def __str__(self) -> str:
        return str(self.person) if self.person_id else self.external_name

    @property
    def name(self) -> str:
        return self.person.full_name if self.person is not None else self.external_name
