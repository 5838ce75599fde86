"""Training records (đào tạo, bồi dưỡng), the minimums of posts, and unit targets.

Level codes and their order live in canbo/policy/training.py; the CV fields of
people.Person (education, political_theory, state_management) use the same codes.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from canbo.people.models import Person


class Kind(models.TextChoices):
    DEGREE = "degree", _("Degree (trình độ chuyên môn)")
    THEORY = "theory", _("Political theory (lý luận chính trị)")
    STATE = "state_management", _("State management (quản lý nhà nước)")
    LANGUAGE = "language", _("Foreign language (ngoại ngữ)")
    IT = "it", _("IT (tin học)")
    COURSE = "course", _("Short course (bồi dưỡng)")


DEGREE_LEVELS = [
    (value, label) for value, label in Person.Education.choices if value != ""
]
THEORY_LEVELS = [
    (value, label) for value, label in Person.PoliticalTheory.choices if value != ""
]
STATE_LEVELS = [
    (value, label) for value, label in Person.StateManagement.choices if value != ""
]
LANGUAGE_LEVELS = [
    ("A1", _("Level 1 (A1)")),
    ("A2", _("Level 2 (A2)")),
    ("B1", _("Level 3 (B1)")),
    ("B2", _("Level 4 (B2)")),
    ("C1", _("Level 5 (C1)")),
    ("C2", _("Level 6 (C2)")),
]
IT_LEVELS = [
    ("basic", _("Basic IT skills")),
    ("advanced", _("Advanced IT skills")),
]
LEVELS_BY_KIND: dict[str, list[tuple[str, Any]]] = {
    Kind.DEGREE: DEGREE_LEVELS,
    Kind.THEORY: THEORY_LEVELS,
    Kind.STATE: STATE_LEVELS,
    Kind.LANGUAGE: LANGUAGE_LEVELS,
    Kind.IT: IT_LEVELS,
    Kind.COURSE: [],
}
ALL_LEVELS = [
    (f"{kind}:{value}", label)
    for kind, levels in LEVELS_BY_KIND.items()
    for value, label in levels
]


def level_label(kind: str, level: str) -> str:
    """Return the display name of a level of `kind` ("—" for none)."""
    return str(dict(LEVELS_BY_KIND.get(kind, [])).get(level, level or "—"))


class Training(models.Model):
    """One degree, certificate or short course of one person."""

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="trainings",
    )
    # The person's unit when recorded; scope filters read the path.
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    unit_path = models.CharField(max_length=255, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=16, blank=True)
    field = models.CharField(_("field or subject"), max_length=200, blank=True)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"))
    full_time = models.BooleanField(_("full-time"), default=False)
    hours = models.PositiveIntegerField(_("hours"), null=True, blank=True)
    certificate_number = models.CharField(
        _("certificate number"), max_length=100, blank=True
    )
    certificate_date = models.DateField(_("certificate date"), null=True, blank=True)
    certificate_file = models.FileField(
        _("certificate file"), upload_to="training/%Y/%m/", blank=True
    )
    certificate_name = models.CharField(max_length=255, blank=True, editable=False)
    note = models.TextField(_("note"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        ordering = ["-end_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="training_ends_after_start",
            ),
        ]
        indexes = [
            # The list: scope by path prefix, newest first; the year filter.
            models.Index(
                fields=["unit_path", "end_date", "id"], name="training_list_idx"
            ),
            models.Index(fields=["person", "kind"], name="training_person_idx"),
            models.Index(fields=["kind", "level"], name="training_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_kind_display()} · {self.level_display}"

    @property
    def level_display(self) -> str:
        if self.kind == Kind.COURSE:
            return str(_("%(hours)s hours") % {"hours": self.hours or 0})
        return level_label(self.kind, self.level)


class Standard(models.Model):
    """The minimums required of the holders of a post or of a job position.

    Without a unit the standard holds province-wide; with a unit it holds in that
    unit and below and replaces a province-wide one there.
    """

    post = models.ForeignKey(
        "org.Post",
        verbose_name=_("post"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    job_position = models.ForeignKey(
        "org.JobPosition",
        verbose_name=_("job position"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("applies in unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty for the whole province."),
    )
    unit_path = models.CharField(max_length=255, blank=True, editable=False)
    degree = models.CharField(
        _("education"), max_length=16, choices=DEGREE_LEVELS, blank=True
    )
    theory = models.CharField(
        _("political theory"), max_length=16, choices=THEORY_LEVELS, blank=True
    )
    state_management = models.CharField(
        _("state management"), max_length=16, choices=STATE_LEVELS, blank=True
    )
    language = models.CharField(
        _("foreign language"), max_length=16, choices=LANGUAGE_LEVELS, blank=True
    )
    it = models.CharField(_("IT"), max_length=16, choices=IT_LEVELS, blank=True)
    course_hours = models.PositiveSmallIntegerField(
        _("hours of short courses a year"), default=0
    )
    basis = models.CharField(
        _("set by"),
        max_length=200,
        blank=True,
        help_text=_("The text that sets the standard, e.g. QĐ 89-QĐ/TW."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("training standard")
        verbose_name_plural = _("training standards")
        ordering = ["unit_path", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(post__isnull=False) & Q(job_position__isnull=True))
                | (Q(post__isnull=True) & Q(job_position__isnull=False)),
                name="training_standard_one_target",
            ),
        ]
        indexes = [
            models.Index(fields=["post", "unit_path"], name="training_std_post_idx"),
            models.Index(
                fields=["job_position", "unit_path"], name="training_std_job_idx"
            ),
        ]

    def __str__(self) -> str:
        return str(self.post or self.job_position)


class Target(models.Model):
    """A unit's target: at least `threshold_percent` % of a population qualify."""

    class Population(models.TextChoices):
        LEADERS = "leaders", _("Leaders (holders of a leadership post)")
        POSTS = "posts", _("Holders of the chosen posts")
        ALL = "all", _("All staff in service")

    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit (and the units below it)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit_path = models.CharField(max_length=255, db_index=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    population = models.CharField(
        _("population"), max_length=8, choices=Population.choices
    )
    posts = models.ManyToManyField(
        "org.Post", verbose_name=_("posts"), blank=True, related_name="+"
    )
    kind = models.CharField(
        _("qualification"),
        max_length=16,
        choices=[c for c in Kind.choices if c[0] != Kind.COURSE],
    )
    level = models.CharField(_("at least"), max_length=16)
    threshold_percent = models.PositiveSmallIntegerField(_("target share (%)"))
    year = models.PositiveSmallIntegerField(_("by the year"), null=True, blank=True)
    basis = models.CharField(_("set by"), max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("training target")
        verbose_name_plural = _("training targets")
        ordering = ["unit_path", "name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(threshold_percent__gte=1) & Q(threshold_percent__lte=100),
                name="training_target_percent",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def level_display(self) -> str:
        return level_label(self.kind, self.level)
