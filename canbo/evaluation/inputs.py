"""What the year needs besides the scores (services): recorded disqualifiers and
the units' own ratings.

Disqualifiers (EVAL-03) are recorded by the personnel office of the person's
unit with the decision or conclusion they rest on. A unit is rated by the head
above it (Decree 233 art. 13: the managing agency rates the unit and its head),
before its people (LINK-02): the score band, then the conditions of art. 7; when
they disagree the level is chosen by hand and the rating says so.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from canbo.core.actor import Actor
from canbo.core.audit import log_action
from canbo.core.errors import InvalidInput, NotAllowed
from canbo.evaluation.models import (
    Disqualification,
    PartyRating,
    Period,
    Sheet,
    UnitRating,
)
from canbo.evaluation.selectors import decides_above
from canbo.org.models import Unit
from canbo.people.models import Person
from canbo.policy.access import Capability
from canbo.policy.annual import UnitFacts, unit_level, unit_quota_allows
from canbo.policy.levels import Level


@transaction.atomic
def record_disqualification(
    *, actor: Actor, person: Person, year: int, kind: str, reference: str
) -> Disqualification:
    """Audit: evaluation.disqualification.recorded."""
    if actor.read_only or not actor.covers(
        Capability.OPEN_PERIODS, person.unit_path, person.unit_id
    ):
        raise NotAllowed
    if kind not in Disqualification.Kind.values:
        raise InvalidInput.single("kind", _("Choose one of the listed cases."))
    if not reference.strip():
        raise InvalidInput.single(
            "reference", _("Give the number of the decision or conclusion.")
        )
    entry = Disqualification.objects.create(
        person=person, year=year, kind=kind, reference=reference.strip(),
        recorded_by=actor.user,
    )  # fmt: skip
    log_action(
        "evaluation.disqualification.recorded", actor=actor, obj=entry,
        unit_path=person.unit_path, person_id=person.pk,
        data={"year": year, "kind": kind, "reference": entry.reference},
    )  # fmt: skip
    return entry


def _require_superior(actor: Actor, unit: Unit) -> None:
    if not decides_above(actor, unit):
        raise NotAllowed


def _check_unit_quota(unit: Unit, year: int, level: Level) -> None:
    """Excellent units stay within 20 % of the good ones among the units of the
    same parent (25 % where the parent is recognised), and at most one when there
    are fewer than five (Decree 233 art. 7.7)."""
    if level != Level.HTXSNV or unit.parent_id is None:
        return
    siblings = Unit.objects.filter(parent_id=unit.parent_id, is_active=True)
    others = UnitRating.objects.filter(unit__in=siblings, year=year).exclude(unit=unit)
    excellent = others.filter(level=Level.HTXSNV).count() + 1
    good = others.filter(level=Level.HTTNV).count()
    raised = UnitRating.objects.filter(
        unit_id=unit.parent_id, year=year, recognised_excellent=True
    ).exists()
    if not unit_quota_allows(excellent, good, siblings.count(), raised=raised):
        raise InvalidInput.single(
            "score",
            _(
                "The quota of excellent units among the units of the same level is full."
            ),
        )


@transaction.atomic
def rate_unit(
    *,
    actor: Actor,
    unit: Unit,
    year: int,
    score: Decimal,
    facts: UnitFacts,
    level: str = "",
    recognised_excellent: bool = False,
    decision_ref: str = "",
) -> UnitRating:
    """Rate a unit for a year; `level` is needed only where the conditions and
    the score band disagree. Audit: evaluation.unit.rated."""
    _require_superior(actor, unit)
    if not 0 <= score <= 100:
        raise InvalidInput.single("score", _("The score must be between 0 and 100."))
    proposed, manual = unit_level(float(score), facts)
    chosen = Level(level) if manual and level in Level.__members__ else proposed
    if manual and not level:
        raise InvalidInput.single(
            "level",
            _(
                "The unit's results do not meet the conditions of its score band: choose the level."
            ),
        )
    if recognised_excellent and not decision_ref.strip():
        raise InvalidInput.single(
            "decision_ref", _("Give the number of the decision recognising the unit.")
        )
    _check_unit_quota(unit, year, chosen)
    rating, _created = UnitRating.objects.update_or_create(
        unit=unit, year=year,
        defaults={
            "score": score, "level": chosen.value, "needs_decision": manual,
            "recognised_excellent": recognised_excellent,
            "decision_ref": decision_ref.strip(), "decided_by": actor.user,
        },
    )  # fmt: skip
    log_action(
        "evaluation.unit.rated", actor=actor, obj=rating, unit_path=unit.path,
        data={"year": year, "score": str(score), "level": chosen.value, "manual": manual},
    )  # fmt: skip
    return rating


def civil_service_level(person: Person, year: int) -> str | None:
    """The person's decided level of `year`, from a published year period."""
    sheet = (
        Sheet.objects.filter(
            person=person, period__kind=Period.Kind.YEAR, period__start__year=year,
            period__status=Period.Status.PUBLISHED, status=Sheet.Status.DECIDED,
        )
        .exclude(level="")
        .order_by("-period__published_at")
        .first()
    )  # fmt: skip
    return sheet.level if sheet else None


@transaction.atomic
def rate_party_member(
    *, actor: Actor, person: Person, year: int, level: str, note: str = ""
) -> PartyRating:
    """Rate a Party member for a year after the civil-service classification.

    The civil-service level is an input (LINK-03); whether the Party level may
    exceed it is not settled by the texts found (rules.md §14.7), so a higher
    level needs a written reason. Audit: evaluation.party.rated.
    """
    if actor.read_only or not actor.covers(
        Capability.DECIDE_LEVELS, person.unit_path, person.unit_id
    ):
        raise NotAllowed
    if person.party_join_date is None:
        raise InvalidInput.single(
            "", _("This person is not recorded as a Party member.")
        )
    base = civil_service_level(person, year)
    if base is None:
        raise InvalidInput.single(
            "", _("The civil-service classification of this year is not published yet.")
        )
    if level not in Level.__members__:
        raise InvalidInput.single("level", _("Choose one of the four levels."))
    if Level(level).rank > Level(base).rank and not note.strip():
        raise InvalidInput.single(
            "note", _("Give the reason for a level above the civil-service level.")
        )
    rating, _created = PartyRating.objects.update_or_create(
        person=person, year=year,
        defaults={"civil_service_level": base, "level": level, "note": note.strip(),
                  "decided_by": actor.user},
    )  # fmt: skip
    log_action(
        "evaluation.party.rated", actor=actor, obj=rating, unit_path=person.unit_path,
        person_id=person.pk, data={"year": year, "level": level, "civil_service": base},
    )  # fmt: skip
    return rating
