"""Users, the roles they hold on units, and their API tokens."""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from canbo.policy.access import Role


class User(AbstractUser):
    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("staff record"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class RoleGrant(models.Model):
    """A role held by a user on a unit and, if `include_subtree`, on all units below it."""

    class RoleChoice(models.TextChoices):
        STAFF = Role.STAFF.value, _("Staff")
        MANAGER = Role.MANAGER.value, _("Manager")
        HEAD = Role.HEAD.value, _("Head of agency")
        PERSONNEL = Role.PERSONNEL.value, _("Personnel officer")
        ADMIN = Role.ADMIN.value, _("Administrator")
        AUDITOR = Role.AUDITOR.value, _("Auditor")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="grants")
    role = models.CharField(_("role"), max_length=16, choices=RoleChoice.choices)
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    include_subtree = models.BooleanField(_("includes subordinate units"), default=True)

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "unit"], name="grant_unique_role_unit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token acting with its owner's scope; read-only tokens cannot write."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    read_only = models.BooleanField(_("read-only"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
