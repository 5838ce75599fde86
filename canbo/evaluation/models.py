"""Evaluation periods and each person's sheet in them (Nghị định 335/2025 arts. 12–21).

A period (a month, a quarter or a year) is opened for a unit and its subtree; a
sheet is created for everyone in it. The sheet goes through self-assessment,
the manager's review and the head's decision, then the period is published and
locked. Task figures are copied onto the sheet from the tasks when it is created
and refreshed until the review confirms them, so the score can always be redone
from what the sheet shows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from canbo.policy.levels import Level

LEVEL_CHOICES = [
    (Level.HTXSNV.value, _("Excellent (HTXSNV)")),
    (Level.HTTNV.value, _("Good (HTTNV)")),
    (Level.HTNV.value, _("Completed (HTNV)")),
    (Level.KHTNV.value, _("Not completed (KHTNV)")),
]


class Period(models.Model):
    class Kind(models.TextChoices):
        MONTH = "month", _("Month")
        QUARTER = "quarter", _("Quarter")
        YEAR = "year", _("Year")

    class Status(models.TextChoices):
        OPENING = "opening", _("Creating the sheets")
        OPEN = "open", _("Open")
        PUBLISHED = "published", _("Published")

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    unit_path = models.CharField(max_length=255, editable=False)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPENING
    )
    self_deadline = models.DateField(_("self-assessment due"))
    review_deadline = models.DateField(_("review due"))
    decision_deadline = models.DateField(_("decision due"))
    sheets_total = models.PositiveIntegerField(default=0)
    sheets_done = models.PositiveIntegerField(default=0)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    # The minutes of the collective meeting that discussed the results.
    minutes = models.FileField(upload_to="minutes/%Y/%m/", blank=True)
    minutes_name = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("evaluation period")
        verbose_name_plural = _("evaluation periods")
        ordering = ["-start", "unit_path", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "start"], name="period_unique_unit_kind_start"
            ),
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="period_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start:%m/%Y}"


class Sheet(models.Model):
    """One person's evaluation in one period."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Self-assessment in progress")
        SUBMITTED = "submitted", _("Waiting for review")
        REVIEWED = "reviewed", _("Waiting for decision")
        DECIDED = "decided", _("Decided")

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="sheets")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="sheets"
    )
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=255, editable=False)
    pack = models.CharField(_("policy pack"), max_length=40)
    is_leader = models.BooleanField(_("leader or deputy"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    # Self-assessment: points per general criterion, a comment per criteria group.
    self_points = models.JSONField(default=dict, blank=True)
    self_comments = models.JSONField(default=dict, blank=True)
    self_review = models.TextField(_("self-review"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Review: the manager's points (where they differ, with the reason).
    review_points = models.JSONField(default=dict, blank=True)
    review_reason = models.TextField(_("reason for the changes"), blank=True)
    proposed_level = models.CharField(
        _("proposed level"), max_length=6, choices=LEVEL_CHOICES, blank=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # Task figures of the period, converted products (Decree 335 art. 14).
    assigned = models.DecimalField(max_digits=20, decimal_places=5, default=0)
    completed = models.DecimalField(max_digits=20, decimal_places=5, default=0)
    quality = models.DecimalField(max_digits=20, decimal_places=5, default=0)
    progress = models.DecimalField(max_digits=20, decimal_places=5, default=0)
    failed_reviews = models.PositiveIntegerField(default=0)
    delays = models.PositiveIntegerField(default=0)
    # Leaders (art. 15): unit result d, capacity to organise đ and to unite e.
    unit_result = models.DecimalField(
        max_digits=4, decimal_places=3, null=True, blank=True
    )
    organise = models.DecimalField(
        max_digits=4, decimal_places=3, null=True, blank=True
    )
    unite = models.DecimalField(max_digits=4, decimal_places=3, null=True, blank=True)
    # Points: general (0–30), tasks (0–70, none without assigned work), total.
    general_points = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True
    )
    task_points = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True
    )
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    # Decision.
    level = models.CharField(
        _("level"), max_length=6, choices=LEVEL_CHOICES, blank=True
    )
    # The year (kind "year"): months worked, and why the level is what it is
    # (not classified, disqualifiers, demoted by a quota, capped by the unit).
    months_worked = models.PositiveSmallIntegerField(null=True, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    decision_note = models.TextField(_("note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation sheet")
        verbose_name_plural = _("evaluation sheets")
        ordering = ["unit_path", "person__sort_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "person"], name="sheet_unique_period_person"
            ),
        ]
        indexes = [
            models.Index(fields=["period", "unit_path"], name="sheet_period_scope_idx"),
            models.Index(fields=["person", "period"], name="sheet_person_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.period}"


class DutyGroup(models.Model):
    """A group of staff with similar duties: the excellence quota holds within each
    group as well as within each unit (Decree 335 art. 20.5.a)."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=150)
    members = models.ManyToManyField("people.Person", related_name="duty_groups")

    class Meta:
        verbose_name = _("group with similar duties")
        verbose_name_plural = _("groups with similar duties")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Disqualification(models.Model):
    """A recorded fact that forces "not completed" for a year (EVAL-03)."""

    class Kind(models.TextChoices):
        DISCIPLINE = (
            "discipline",
            _("Discipline (reprimand or above) for a duty-related violation"),
        )
        DEGRADATION = "degradation", _("Conclusion of degradation or of a breach")
        CORRUPTION_IN_UNIT = (
            "corruption_in_unit",
            _("Corruption or waste in a unit the leader manages"),
        )

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="disqualifications"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    reference = models.CharField(_("decision or conclusion"), max_length=150)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("disqualification")
        verbose_name_plural = _("disqualifications")
        indexes = [
            models.Index(fields=["year", "person"], name="disqualification_year_idx")
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.year}: {self.get_kind_display()}"


class UnitRating(models.Model):
    """A unit's own rating for a year, made before its people's (LINK-02)."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    level = models.CharField(_("level"), max_length=6, choices=LEVEL_CHOICES)
    needs_decision = models.BooleanField(
        _("conditions disagree with the score band"), default=False
    )
    recognised_excellent = models.BooleanField(
        _("recognised as excellent (raised quota)"), default=False
    )
    decision_ref = models.CharField(_("decision number"), max_length=100, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("unit rating")
        verbose_name_plural = _("unit ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"], name="unit_rating_unique_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {self.level}"


class StoredPack(models.Model):
    """A province's or agency's own policy pack, derived from a built-in one and
    applied to a unit and everything under it (see canbo.policy.packs)."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    base = models.CharField(_("derived from"), max_length=40)
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("applies to"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    criteria = models.JSONField(default=list)  # [{code, group, name, points}]
    leader_components = models.JSONField(default=list)
    cadence = models.CharField(_("cadence"), max_length=8)
    quota_percent = models.PositiveSmallIntegerField(_("excellence quota (%)"))
    raised_quota_percent = models.PositiveSmallIntegerField(_("raised quota (%)"))
    deduction = models.DecimalField(
        _("deduction per event"), max_digits=4, decimal_places=3
    )
    head_capped_by_unit = models.BooleanField(_("head capped by the unit"))
    min_months_worked = models.PositiveSmallIntegerField(_("minimum months worked"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("policy pack")
        verbose_name_plural = _("policy packs")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.title


class PartyRating(models.Model):
    """A Party member's rating for a year (QĐ 366-QĐ/TW), made after the
    civil-service classification and taking it as an input (LINK-03)."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="party_ratings"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    civil_service_level = models.CharField(
        _("civil-service level"), max_length=6, choices=LEVEL_CHOICES
    )
    level = models.CharField(_("level"), max_length=6, choices=LEVEL_CHOICES)
    note = models.TextField(_("note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Party member rating")
        verbose_name_plural = _("Party member ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year"], name="party_rating_unique_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.year}: {self.level}"
