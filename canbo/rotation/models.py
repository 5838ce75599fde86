"""Periodic position changes (chuyển đổi vị trí công tác) and leader rotation (luân chuyển)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from canbo.policy.rotation import CircumstanceKind


class Circumstance(models.Model):
    """A case of Decree 59/2019 art. 38 that postpones a person's periodic change."""

    class Kind(models.TextChoices):
        INSPECTION = (
            CircumstanceKind.INSPECTION.value,
            _("Under inspection, verification, investigation, prosecution or trial"),
        )
        ILLNESS = CircumstanceKind.ILLNESS.value, _("Treating a serious illness")
        STUDY = CircumstanceKind.STUDY.value, _("Full-time study of 12 months or more")
        SECONDMENT = CircumstanceKind.SECONDMENT.value, _("On secondment")
        PREGNANCY = CircumstanceKind.PREGNANCY.value, _("Pregnant")
        CHILD = CircumstanceKind.CHILD.value, _("Raising a child under 36 months")

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.CASCADE,
        related_name="rotation_circumstances",
    )
    kind = models.CharField(_("circumstance"), max_length=16, choices=Kind.choices)
    start = models.DateField(
        _("from"), help_text=_("For a child: the child's date of birth.")
    )
    end = models.DateField(_("to"), null=True, blank=True)
    sole_carer = models.BooleanField(
        _("a father raising the child alone"),
        default=False,
        help_text=_(
            "A man counts only when his wife has died or for another objective reason."
        ),
    )
    note = models.TextField(_("note"), blank=True)
    unit_path = models.CharField(max_length=255, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("circumstance")
        verbose_name_plural = _("circumstances")
        ordering = ["-start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="rotation_circumstance_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "start"], name="rotation_circ_person_idx")
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_kind_display()}"


class RotationPlan(models.Model):
    """An agency's annual plan of periodic position changes (Luật PCTN art. 26)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="rotation_plans",
    )
    unit_path = models.CharField(max_length=255, db_index=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    purpose = models.TextField(_("purpose and requirements"), blank=True)
    measures = models.TextField(_("implementation measures"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rotation plan")
        verbose_name_plural = _("rotation plans")
        ordering = ["-year", "unit_path"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"], name="rotation_plan_unit_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.year}"


class PositionChange(models.Model):
    """One person's planned change of job position within a plan."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    plan = models.ForeignKey(
        RotationPlan, on_delete=models.CASCADE, related_name="items"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="position_changes"
    )
    assignment = models.ForeignKey(
        "people.Assignment",
        verbose_name=_("current assignment"),
        on_delete=models.PROTECT,
        related_name="position_changes",
    )
    target_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("to unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    target_job_position = models.ForeignKey(
        "org.JobPosition",
        verbose_name=_("to job position"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    planned_date = models.DateField(_("planned date"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    flags = models.JSONField(_("postponement reasons"), default=list, blank=True)
    decision_ref = models.CharField(_("decision number"), max_length=100, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    new_assignment = models.ForeignKey(
        "people.Assignment",
        verbose_name=_("new assignment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("position change")
        verbose_name_plural = _("position changes")
        ordering = ["planned_date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "assignment"], name="rotation_change_once_per_plan"
            ),
        ]
        indexes = [
            models.Index(fields=["person", "status"], name="rotation_change_person_idx")
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.target_job_position}"


class Rotation(models.Model):
    """A leader's rotation (luân chuyển) with its goals, evaluation and placement."""

    class Kind(models.TextChoices):
        DOWNWARD = "downward", _("Downward (to a lower level)")
        UPWARD = "upward", _("Upward (to a higher level)")
        LATERAL = "lateral", _("Between bodies at the same level")
        NON_LOCAL = "non_local", _("To another locality")

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        EVALUATED = "evaluated", _("Evaluated")
        CLOSED = "closed", _("Placed after rotation")

    class Result(models.TextChoices):
        EXCELLENT = "excellent", _("Completed the tasks excellently")
        GOOD = "good", _("Completed the tasks well")
        COMPLETED = "completed", _("Completed the tasks")
        NOT_COMPLETED = "not_completed", _("Did not complete the tasks")

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="rotations"
    )
    unit_path = models.CharField(max_length=255, db_index=True, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    short_service_case = models.BooleanField(
        _("non-local or two-term case"),
        default=False,
        help_text=_(
            "One full term (5 years) of service left is then enough instead of 10."
        ),
    )
    from_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("from unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    from_post = models.ForeignKey(
        "org.Post", verbose_name=_("from post"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    to_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("to unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_post = models.ForeignKey(
        "org.Post", verbose_name=_("to post"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    start = models.DateField(_("start"))
    planned_end = models.DateField(_("planned end"))
    goals = models.TextField(_("goals (ordered tasks)"))
    decision_ref = models.CharField(_("decision number"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.IN_PROGRESS
    )
    result = models.CharField(
        _("result"), max_length=16, choices=Result.choices, blank=True
    )
    evaluation = models.TextField(_("evaluation at the end"), blank=True)
    evaluated_on = models.DateField(_("evaluated on"), null=True, blank=True)
    placement_unit = models.ForeignKey(
        "org.Unit", verbose_name=_("placed in unit"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    placement_post = models.ForeignKey(
        "org.Post", verbose_name=_("placed in post"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    placement_decision = models.CharField(
        _("placement decision"), max_length=100, blank=True
    )
    placed_on = models.DateField(_("placed on"), null=True, blank=True)
    placement_assignment = models.ForeignKey(
        "people.Assignment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("leader rotation")
        verbose_name_plural = _("leader rotations")
        ordering = ["-start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__gte=F("start")),
                name="rotation_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(
                fields=["status", "planned_end"], name="rotation_status_end_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.from_unit} → {self.to_unit}"
