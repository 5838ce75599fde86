"""Succession planning (quy hoạch, Quy định 377-QĐ/TW): a pool of candidates per
post of a unit and term, and the record of every addition and removal."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class PlanningPool(models.Model):
    """The candidates planned for one post of one unit for one term."""

    post = models.ForeignKey(
        "org.Post", verbose_name=_("post"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    unit_path = models.CharField(max_length=255, db_index=True, editable=False)
    term_start = models.PositiveSmallIntegerField(_("term from (year)"))
    term_end = models.PositiveSmallIntegerField(_("term to (year)"))
    decision_ref = models.CharField(_("approval decision"), max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("planning pool")
        verbose_name_plural = _("planning pools")
        ordering = ["unit_path", "-post__rank", "-term_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "unit", "term_start"], name="planningpool_unique"
            ),
            models.CheckConstraint(
                condition=Q(term_end__gt=F("term_start")), name="planningpool_term"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.post} · {self.unit} · {self.term_start}–{self.term_end}"


class PlanningCandidate(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("In planning")
        REMOVED = "removed", _("Removed")

    class Source(models.TextChoices):
        INTERNAL = "internal", _("From within the unit")
        EXTERNAL = "external", _("From outside the unit")

    pool = models.ForeignKey(
        PlanningPool, on_delete=models.CASCADE, related_name="candidates"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="planning_entries",
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.ACTIVE
    )
    source = models.CharField(
        _("source"), max_length=8, choices=Source.choices, default=Source.INTERNAL
    )
    added_on = models.DateField(_("added on"))
    removed_on = models.DateField(_("removed on"), null=True, blank=True)
    removal_reason = models.TextField(_("reason for removal"), blank=True)
    # Potential on the 9-box grid, entered by the personnel officer: 1 low … 3 high.
    potential = models.PositiveSmallIntegerField(_("potential"), null=True, blank=True)
    # The written justification when a flagged (not refused) check was passed.
    justification = models.TextField(_("justification"), blank=True)
    # The codes of the flagged checks the justification answered.
    flags = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("planning candidate")
        verbose_name_plural = _("planning candidates")
        ordering = ["pool", "person__sort_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pool", "person"],
                condition=Q(status="active"),
                name="planningcandidate_active_once",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "status"], name="planning_person_idx"),
            models.Index(fields=["pool", "status"], name="planning_pool_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.pool}"


class PlanningChange(models.Model):
    """One addition to or removal from a pool, kept for the annual review's record."""

    class Kind(models.TextChoices):
        ADDED = "added", _("Added")
        REMOVED = "removed", _("Removed")

    pool = models.ForeignKey(
        PlanningPool, on_delete=models.CASCADE, related_name="changes"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("change"), max_length=8, choices=Kind.choices)
    on = models.DateField(_("date"))
    review_year = models.PositiveSmallIntegerField(
        _("review year"), null=True, blank=True
    )
    reason = models.TextField(_("reason"), blank=True)
    decision_ref = models.CharField(_("decision number"), max_length=100, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("planning change")
        verbose_name_plural = _("planning changes")
        ordering = ["-on", "-id"]
        indexes = [
            models.Index(fields=["pool", "-on"], name="planning_change_pool_idx"),
            models.Index(fields=["review_year"], name="planning_change_year_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person} · {self.pool}"


class StructureTarget(models.Model):
    """A unit's targets for the structure of its planning (QĐ 377: three age
    groups, young cadres, women, ethnic minorities). The defaults are the old
    QĐ 50-QĐ/TW numbers; the QĐ 377 numbers are [UNVERIFIED]. A unit without its
    own targets uses those of the nearest unit above, or the defaults."""

    unit = models.OneToOneField(
        "org.Unit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    unit_path = models.CharField(max_length=255, db_index=True, editable=False)
    young_age = models.PositiveSmallIntegerField(
        _("young cadres: under this age"), default=40
    )
    old_age = models.PositiveSmallIntegerField(
        _("older group: over this age"), default=50
    )
    young_min = models.PositiveSmallIntegerField(
        _("young cadres: at least (percent)"), default=15
    )
    women_min = models.PositiveSmallIntegerField(
        _("women: at least (percent)"), default=25
    )
    ethnic_min = models.PositiveSmallIntegerField(
        _("ethnic minorities: at least (percent)"),
        default=0,
        help_text=_("0: no number, appropriate to the area."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("planning structure target")
        verbose_name_plural = _("planning structure targets")
        constraints = [
            models.CheckConstraint(
                condition=Q(old_age__gt=F("young_age")), name="structuretarget_ages"
            ),
            models.CheckConstraint(
                condition=Q(young_min__lte=100)
                & Q(women_min__lte=100)
                & Q(ethnic_min__lte=100),
                name="structuretarget_percent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit}"
