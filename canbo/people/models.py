"""Staff records (sơ yếu lý lịch), their assignments over time, and declared relatives."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Person(models.Model):
    class Sex(models.TextChoices):
        MALE = "M", _("Male")
        FEMALE = "F", _("Female")

    class Category(models.TextChoices):
        CADRE = "can_bo", _("Cadre (cán bộ)")
        CIVIL_SERVANT = "cong_chuc", _("Civil servant (công chức)")
        PUBLIC_EMPLOYEE = "vien_chuc", _("Public employee (viên chức)")
        CONTRACT = "hop_dong", _("Contract staff (hợp đồng)")

    class Education(models.TextChoices):
        NONE = "", _("Not declared")
        SECONDARY = "secondary", _("Upper secondary")
        VOCATIONAL = "vocational", _("Vocational (trung cấp)")
        COLLEGE = "college", _("College (cao đẳng)")
        BACHELOR = "bachelor", _("University (đại học)")
        MASTER = "master", _("Master (thạc sĩ)")
        DOCTOR = "doctor", _("Doctorate (tiến sĩ)")

    class PoliticalTheory(models.TextChoices):
        NONE = "", _("None")
        ELEMENTARY = "elementary", _("Elementary (sơ cấp)")
        INTERMEDIATE = "intermediate", _("Intermediate (trung cấp)")
        ADVANCED = "advanced", _("Advanced (cao cấp)")
        BACHELOR = "bachelor", _("Bachelor (cử nhân)")

    class StateManagement(models.TextChoices):
        NONE = "", _("None")
        SPECIALIST = "specialist", _("Specialist programme (chuyên viên)")
        PRINCIPAL = "principal", _("Principal specialist (chuyên viên chính)")
        SENIOR = "senior", _("Senior specialist (chuyên viên cao cấp)")

    full_name = models.CharField(_("full name"), max_length=100)
    search_name = models.CharField(max_length=100, db_index=True, editable=False)
    sort_name = models.CharField(max_length=100, editable=False)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("date of birth"), db_index=True)
    citizen_id = models.CharField(_("citizen ID (CCCD)"), max_length=12, unique=True)
    ethnicity = models.CharField(_("ethnicity"), max_length=50, default="Kinh")
    religion = models.CharField(_("religion"), max_length=50, blank=True)
    birthplace = models.CharField(_("place of birth"), max_length=200, blank=True)
    hometown = models.CharField(_("hometown"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    category = models.CharField(
        _("category"), max_length=16, choices=Category.choices, db_index=True
    )
    civil_service_rank = models.CharField(
        _("civil service rank (ngạch)"), max_length=100, blank=True
    )
    salary_step = models.PositiveSmallIntegerField(
        _("salary step"), null=True, blank=True
    )
    salary_coefficient = models.DecimalField(
        _("salary coefficient"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    salary_step_since = models.DateField(
        _("current salary step since"), null=True, blank=True
    )
    salary_interval_months = models.PositiveSmallIntegerField(
        _("regular raise interval (months)"),
        choices=[
            (36, _("36 months (college level or higher)")),
            (24, _("24 months (intermediate level and below)")),
            (60, _("60 months (senior expert scale)")),
        ],
        default=36,
    )
    education = models.CharField(
        _("education"), max_length=16, choices=Education.choices, blank=True
    )
    major = models.CharField(_("field of study"), max_length=150, blank=True)
    political_theory = models.CharField(
        _("political theory"),
        max_length=16,
        choices=PoliticalTheory.choices,
        blank=True,
    )
    state_management = models.CharField(
        _("state management training"),
        max_length=16,
        choices=StateManagement.choices,
        blank=True,
    )
    party_join_date = models.DateField(
        _("Party membership date"), null=True, blank=True
    )
    recruited_on = models.DateField(_("recruitment date"), null=True, blank=True)
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("managing unit"),
        on_delete=models.PROTECT,
        related_name="people",
    )
    # Copy of unit.path kept by the services, so scope filters need no join.
    unit_path = models.CharField(max_length=255, db_index=True, editable=False)
    is_active = models.BooleanField(_("in service"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("staff record")
        verbose_name_plural = _("staff records")
        ordering = ["sort_name", "id"]
        indexes = [
            # Covers the staff list: the order, the scope and the in-service filter,
            # so a deep page is an index-only scan.
            models.Index(
                fields=["sort_name", "id", "unit_path", "is_active"],
                name="person_list_idx",
            ),
            models.Index(fields=["unit", "is_active"], name="person_unit_active_idx"),
            # The raises due in a quarter: one range of step dates per interval.
            models.Index(
                fields=["salary_interval_months", "salary_step_since"],
                name="person_salary_step_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


class Assignment(models.Model):
    """A person in a post and/or job position of a unit, from a date to a date."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="assignments"
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    post = models.ForeignKey(
        "org.Post",
        verbose_name=_("post"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    job_position = models.ForeignKey(
        "org.JobPosition",
        verbose_name=_("job position"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True)
    is_primary = models.BooleanField(_("primary"), default=True)
    decision_ref = models.CharField(_("decision number"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="assignment_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["post", "end_date"], name="assignment_post_idx"),
            models.Index(fields=["unit", "end_date"], name="assignment_unit_idx"),
        ]

    def __str__(self) -> str:
        title = self.post or self.job_position or ""
        return f"{self.person} · {title} · {self.unit}"


class Relative(models.Model):
    """A relative declared in the CV, used later by the conflict-of-interest checks."""

    class Relation(models.TextChoices):
        FATHER = "father", _("Father")
        MOTHER = "mother", _("Mother")
        SPOUSE = "spouse", _("Spouse")
        CHILD = "child", _("Child")
        SIBLING = "sibling", _("Sibling")
        FATHER_IN_LAW = "father_in_law", _("Father-in-law")
        MOTHER_IN_LAW = "mother_in_law", _("Mother-in-law")
        SIBLING_IN_LAW = "sibling_in_law", _("Sibling-in-law")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="relatives"
    )
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)
    full_name = models.CharField(_("full name"), max_length=100)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), null=True, blank=True
    )
    occupation = models.CharField(_("occupation"), max_length=150, blank=True)
    workplace = models.CharField(_("workplace"), max_length=200, blank=True)
    citizen_id = models.CharField(_("citizen ID (CCCD)"), max_length=12, blank=True)
    # The relative's own staff record when they work in the system too (matched
    # on the citizen ID by the services); the relatives' conflict check reads it.
    staff_record = models.ForeignKey(
        Person,
        verbose_name=_("staff record of the relative"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="declared_by",
    )

    class Meta:
        verbose_name = _("relative")
        verbose_name_plural = _("relatives")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_relation_display()}: {self.full_name}"
