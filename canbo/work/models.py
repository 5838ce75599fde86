"""Work assigned as products: catalogues, tasks, submissions, reviews, extensions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ProductGroup(models.Model):
    """A group of the catalogue (Khánh Hòa: A leadership, B shared, C unit-specific, D other)."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("product group")
        verbose_name_plural = _("product groups")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class Catalogue(models.Model):
    """One version of the product catalogue of a job position, optionally for one unit.

    A period is scored with the version in force on its dates, so versions are
    never edited once in use: a change makes a new version.
    """

    job_position = models.ForeignKey(
        "org.JobPosition",
        verbose_name=_("job position"),
        on_delete=models.PROTECT,
        related_name="catalogues",
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="catalogues",
        help_text=_("Empty: the catalogue applies in every unit."),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("product catalogue")
        verbose_name_plural = _("product catalogues")
        ordering = ["job_position", "unit", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["job_position", "unit", "version"],
                name="catalogue_version_unique",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="catalogue_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job_position} · v{self.version}"


class ProductType(models.Model):
    """A standard product or task with its conversion coefficient (hệ số quy đổi)."""

    catalogue = models.ForeignKey(
        Catalogue, on_delete=models.CASCADE, related_name="products"
    )
    group = models.ForeignKey(
        ProductGroup, verbose_name=_("group"), on_delete=models.PROTECT
    )
    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=255)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=50)
    coefficient = models.DecimalField(
        _("conversion coefficient"), max_digits=6, decimal_places=3
    )
    quality_criteria = models.TextField(_("quality criteria"), blank=True)
    default_days = models.PositiveSmallIntegerField(
        _("default duration (days)"), default=5
    )

    class Meta:
        verbose_name = _("product type")
        verbose_name_plural = _("product types")
        ordering = ["group__code", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["catalogue", "code"], name="product_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(coefficient__gt=0), name="product_coefficient_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Task(models.Model):
    """One product ordered from one person (or from a unit as a whole)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed by the assignee")
        ASSIGNED = "assigned", _("Assigned")
        SUBMITTED = "submitted", _("Submitted for review")
        RETURNED = "returned", _("Returned for rework")
        ACCEPTED = "accepted", _("Accepted")
        CANCELLED = "cancelled", _("Cancelled")

    class Priority(models.TextChoices):
        NORMAL = "normal", _("Normal")
        HIGH = "high", _("High")
        URGENT = "urgent", _("Urgent")

    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    product_type = models.ForeignKey(
        ProductType,
        verbose_name=_("product type"),
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2)
    coefficient = models.DecimalField(
        _("conversion coefficient"), max_digits=6, decimal_places=3
    )
    converted_quantity = models.DecimalField(
        _("converted quantity"), max_digits=12, decimal_places=3
    )
    assignee = models.ForeignKey(
        "people.Person",
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    # Copy of unit.path kept by the services, so scope filters need no join.
    unit_path = models.CharField(max_length=255, db_index=True, editable=False)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_on = models.DateField(_("assigned on"))
    deadline = models.DateField(_("deadline"))
    original_deadline = models.DateField(_("original deadline"))
    priority = models.CharField(
        _("priority"), max_length=8, choices=Priority.choices, default=Priority.NORMAL
    )
    document_ref = models.CharField(_("assigning document"), max_length=100, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ASSIGNED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    completed_quantity = models.DecimalField(
        _("completed quantity"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    meets_quality = models.BooleanField(
        _("meets the quality requirement"), default=False
    )
    failed_reviews = models.PositiveSmallIntegerField(_("failed reviews"), default=0)
    late = models.BooleanField(_("late"), default=False)
    delay_excused = models.BooleanField(
        _("delay due to an objective cause"), default=False
    )
    delay_excuse = models.CharField(
        _("objective cause of the delay"), max_length=255, blank=True
    )
    # Incremented by every change: an edit based on an older version is refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["deadline", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="task_quantity_positive"
            ),
            models.CheckConstraint(
                condition=Q(deadline__gte=F("assigned_on")),
                name="task_deadline_after_assignment",
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="task_progress_percent"
            ),
        ]
        indexes = [
            # Lists ordered by deadline then id read only the rows of one page.
            models.Index(fields=["deadline", "id"], name="task_deadline_idx"),
            models.Index(fields=["assignee", "deadline"], name="task_assignee_idx"),
            models.Index(fields=["unit_path", "deadline"], name="task_scope_idx"),
            models.Index(fields=["assigned_by", "deadline"], name="task_assigner_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class BoardSummary(models.Model):
    """The tasks of one unit due in one month, added up per product group, status.

    Derived data, never edited by hand: `canbo.work.summaries` rebuilds a unit's
    months in the same transaction as any change to one of its tasks, so the boards
    of a department or a province read a few thousand of these instead of a million
    tasks. Open tasks keep their deadline day (`day`), so that overdue and
    near-deadline counts stay exact on any day; other statuses have no day.
    """

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    unit_path = models.CharField(max_length=255, editable=False)
    month = models.DateField()
    group = models.ForeignKey(ProductGroup, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Task.Status.choices)
    day = models.DateField(null=True)
    tasks = models.PositiveIntegerField()
    on_time = models.PositiveIntegerField()
    delays = models.PositiveIntegerField()
    failed_reviews = models.PositiveIntegerField()
    assigned = models.DecimalField(max_digits=20, decimal_places=5)
    completed = models.DecimalField(max_digits=20, decimal_places=5)
    completed_quality = models.DecimalField(max_digits=20, decimal_places=5)
    completed_on_time = models.DecimalField(max_digits=20, decimal_places=5)

    class Meta:
        indexes = [
            models.Index(fields=["unit", "month"], name="summary_unit_idx"),
            models.Index(fields=["unit_path", "month"], name="summary_scope_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_path} {self.month:%Y-%m} {self.status}: {self.tasks}"


class Submission(models.Model):
    """A product handed in for review, with its evidence."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="submissions")
    quantity = models.DecimalField(
        _("quantity delivered"), max_digits=10, decimal_places=2
    )
    note = models.TextField(_("note"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_on = models.DateField(_("submitted on"))
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return f"{self.task} · {self.submitted_on}"


class Evidence(models.Model):
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/", blank=True)
    link = models.URLField(_("link"), blank=True)
    name = models.CharField(_("name"), max_length=255)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(link=""), name="evidence_file_or_link"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Review(models.Model):
    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        RETURNED = "returned", _("Returned")

    submission = models.OneToOneField(
        Submission, on_delete=models.CASCADE, related_name="review"
    )
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices)
    meets_quality = models.BooleanField(
        _("meets the quality requirement"), default=True
    )
    reason = models.TextField(_("reason"), blank=True)
    excused = models.BooleanField(_("failure due to an objective cause"), default=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.submission} · {self.get_decision_display()}"


class ExtensionRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="extensions")
    previous_deadline = models.DateField(_("previous deadline"))
    requested_deadline = models.DateField(_("requested deadline"))
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("decision note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.task} → {self.requested_deadline}"


class Notification(models.Model):
    """An in-app notice about a task; `key` makes a periodic job idempotent."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")
        OVERDUE_LONG = "overdue_long", _("Long overdue")
        REVIEW_REQUESTED = "review", _("Review requested")
        RETURNED = "returned", _("Returned for rework")
        ACCEPTED = "accepted", _("Accepted")
        EXTENSION_REQUESTED = "ext_request", _("Extension requested")
        EXTENSION_DECIDED = "ext_decided", _("Extension decided")
        PROPOSAL = "proposal", _("Task proposed for approval")
        RESULT = "result", _("Evaluation result published")
        STEP_DUE = "step_due", _("Evaluation step due")
        TERM_NOTICE = "term_notice", _("Reappointment notice due")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    task = models.ForeignKey(
        Task,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    message = models.CharField(_("message"), max_length=255)
    # The untranslated message and its parameters, to show it in the reader's
    # language; `message` is the site's language, for e-mail.
    text = models.CharField(max_length=255, blank=True)
    params = models.JSONField(default=dict, blank=True)
    # Where the notice leads when it is not about a task (an evaluation sheet).
    link = models.CharField(max_length=200, blank=True)
    key = models.CharField(max_length=120, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_unread_idx")
        ]

    def __str__(self) -> str:
        return self.message

    @property
    def shown(self) -> str:
        """The message in the current language."""
        if not self.text:
            return self.message
        try:
            return str(gettext(self.text) % self.params)
        except (KeyError, TypeError, ValueError):
            return self.message
