"""The organisation tree, leadership posts and job positions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

PATH_STEP = 8  # digits per level in Unit.path


def path_segment(pk: int) -> str:
    return f"{pk:0{PATH_STEP}d}."


class Unit(models.Model):
    """A unit of the tree: province, department, commune, division, service unit…

    `path` is the materialized path of ids from the root ("00000001.00000007."), so a
    subtree is one indexed prefix query.
    """

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Province / city")
        MINISTRY = "ministry", _("Ministry")
        DEPARTMENT = "department", _("Department (sở, ban, ngành)")
        COMMUNE = "commune", _("Commune")
        WARD = "ward", _("Ward")
        SPECIAL_ZONE = "special_zone", _("Special zone")
        DIVISION = "division", _("Division (phòng)")
        SERVICE_UNIT = "service_unit", _("Public service unit")
        OTHER = "other", _("Other")

    code = models.CharField(_("unit code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    staffing_quota = models.PositiveIntegerField(_("staffing quota"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name


class ConflictRole(models.TextChoices):
    """Posts a head's or deputy head's close relatives may not hold in the same
    unit (Luật PCTN 36/2018 art. 20.3)."""

    NONE = "", _("None")
    PERSONNEL = "personnel", _("Personnel management")
    ACCOUNTING = "accounting", _("Accounting management")
    CASHIER = "cashier", _("Cashier (thủ quỹ)")
    STOREKEEPER = "storekeeper", _("Storekeeper (thủ kho)")


class Post(models.Model):
    """A leadership title (chức vụ). A higher `rank` is a higher post."""

    class UnitRole(models.TextChoices):
        HEAD = "head", _("Head of the unit")
        DEPUTY = "deputy", _("Deputy head")
        OTHER = "other", _("Other")

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=150)
    rank = models.PositiveSmallIntegerField(
        _("rank"), default=0, help_text=_("Higher number, higher post.")
    )
    is_leadership = models.BooleanField(_("leadership post"), default=True)
    unit_role = models.CharField(
        _("role in the unit"),
        max_length=8,
        choices=UnitRole.choices,
        default=UnitRole.OTHER,
        help_text=_("Heads and deputy heads are checked for relatives' conflicts."),
    )
    conflict_role = models.CharField(
        _("restricted for relatives of the unit's leaders"),
        max_length=16,
        choices=ConflictRole.choices,
        blank=True,
    )

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["-rank", "name"]

    def __str__(self) -> str:
        return self.name


class JobPosition(models.Model):
    """A job position (vị trí việc làm) with its competency framework."""

    class Group(models.TextChoices):
        LEADERSHIP = "leadership", _("Leadership and management")
        PROFESSIONAL = "professional", _("Professional")
        SHARED = "shared", _("Shared professional")
        SUPPORT = "support", _("Support and service")

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    group = models.CharField(
        _("group"), max_length=16, choices=Group.choices, default=Group.PROFESSIONAL
    )
    competencies = models.TextField(
        _("competency framework"),
        blank=True,
        help_text=_("One competency per line: name | required level (1–5)."),
    )
    rotation_months = models.PositiveSmallIntegerField(
        _("periodic rotation every (months)"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty if the position is not subject to periodic rotation; "
            "otherwise 24 to 60 months (Luật PCTN art. 25.2)."
        ),
    )
    rotation_basis = models.CharField(
        _("rotation period set by"),
        max_length=200,
        blank=True,
        help_text=_(
            "The sector circular that sets the period, e.g. TT 27/2024/TT-BTC."
        ),
    )
    conflict_role = models.CharField(
        _("restricted for relatives of the unit's leaders"),
        max_length=16,
        choices=ConflictRole.choices,
        blank=True,
    )

    class Meta:
        verbose_name = _("job position")
        verbose_name_plural = _("job positions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def competency_list(self) -> list[tuple[str, str]]:
        return parse_competencies(self.competencies)


def parse_competencies(text: str) -> list[tuple[str, str]]:
    """Split the competency text into (name, level) pairs, one per non-empty line."""
    pairs = []
    for line in text.splitlines():
        if not line.strip():
            continue
        name, _sep, level = line.partition("|")
        pairs.append((name.strip(), level.strip()))
    return pairs
