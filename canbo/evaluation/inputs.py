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
from canbo.evaluation.models import Disqualification, UnitRating
from canbo.org.models import Unit
from canbo.people.models import Person
from canbo.policy.access import Capability
from canbo.policy.annual import UnitFacts, unit_level
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
    parent = unit.parent
    if actor.read_only or parent is None:
        raise NotAllowed
    if not actor.covers(Capability.DECIDE_LEVELS, parent.path, parent.pk):
        raise NotAllowed


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
