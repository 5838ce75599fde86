"""Trust votes (lấy phiếu tín nhiệm, Quy định 96-QĐ/TW) and their outcome."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class TrustVote(models.Model):
    class Outcome(models.TextChoices):
        # canbo.policy.trust_vote_outcome
        NONE = "none", _("No action")
        REVIEW = "review", _("Over half low: off planning for higher posts, review")
        DISMISS = "dismiss", _("Two thirds or more low: dismissal from post")

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="trust_votes",
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    unit_path = models.CharField(max_length=255, db_index=True, editable=False)
    post = models.ForeignKey(
        "org.Post",
        verbose_name=_("post held"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    held_on = models.DateField(_("date of the vote"))
    body = models.CharField(_("voting body"), max_length=200)
    summoned = models.PositiveIntegerField(_("people summoned"))
    returned = models.PositiveIntegerField(_("ballots returned"))
    high = models.PositiveIntegerField(_("high trust ballots"))
    trust = models.PositiveIntegerField(_("trust ballots"))
    low = models.PositiveIntegerField(_("low trust ballots"))
    outcome = models.CharField(
        _("outcome"), max_length=8, choices=Outcome.choices, editable=False
    )
    minutes_ref = models.CharField(_("minutes number"), max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("trust vote")
        verbose_name_plural = _("trust votes")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(returned__lte=F("summoned")),
                name="trustvote_returned_le_summoned",
            ),
            models.CheckConstraint(
                condition=Q(returned__gte=F("high") + F("trust") + F("low")),
                name="trustvote_ballots_le_returned",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "-held_on"], name="trustvote_person_idx"),
            # The list, newest first, and the flagged list by outcome.
            models.Index(fields=["-held_on", "-id"], name="trustvote_list_idx"),
            models.Index(
                fields=["outcome", "-held_on"],
                name="trustvote_flagged_idx",
                condition=~Q(outcome="none"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.held_on:%d/%m/%Y}"


class ConflictWaiver(models.Model):
    """A head's decision to set aside the relatives' rule (Luật PCTN 36/2018 art.
    20.3) for one leader and one relative in one unit, with written reasons."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    unit_path = models.CharField(max_length=255, db_index=True, editable=False)
    leader = models.ForeignKey(
        "people.Person",
        verbose_name=_("head or deputy head"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    relative = models.ForeignKey(
        "people.Person",
        verbose_name=_("relative"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    justification = models.TextField(_("justification"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("relatives' rule set aside")
        verbose_name_plural = _("relatives' rule set aside")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "leader", "relative"], name="conflictwaiver_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.leader} · {self.relative} · {self.unit}"
