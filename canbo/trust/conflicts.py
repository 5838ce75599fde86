"""Setting aside the relatives' rule (Luật PCTN 36/2018 art. 20.3): the head's
written, audited decision, and the check the people services call."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from canbo.core.actor import Actor
from canbo.core.audit import log_action
from canbo.core.errors import InvalidInput, NotAllowed
from canbo.org.models import Unit
from canbo.people.conflicts import Conflict, assignment_conflicts, conflict_field
from canbo.people.models import Assignment, Person, Relative
from canbo.policy.access import Capability
from canbo.policy.relatives import RELATIONS
from canbo.trust.models import ConflictWaiver

MIN_JUSTIFICATION = 20


def may_override(actor: Actor, unit: Unit) -> bool:
    return not actor.read_only and actor.covers(
        Capability.OVERRIDE_RULES, unit.path, unit.pk
    )


def _justified(text: str, field: str) -> str:
    text = text.strip()
    if len(text) < MIN_JUSTIFICATION:
        raise InvalidInput.single(
            field,
            _("Write the justification in at least %(n)s characters.")
            % {"n": MIN_JUSTIFICATION},
        )
    return text


def _waived(conflicts: list[Conflict]) -> set[tuple[int, int, int]]:
    if not conflicts:
        return set()
    rows = ConflictWaiver.objects.filter(
        unit_id__in={c.unit_id for c in conflicts},
        leader_id__in={c.leader_id for c in conflicts},
    ).values_list("unit_id", "leader_id", "relative_id")
    return set(rows)


def _save_waiver(
    actor: Actor, unit: Unit, leader_id: int, relative_id: int, justification: str
) -> ConflictWaiver:
    waiver, _created = ConflictWaiver.objects.update_or_create(
        unit=unit,
        leader_id=leader_id,
        relative_id=relative_id,
        defaults={
            "unit_path": unit.path,
            "justification": justification,
            "granted_by": actor.user,
        },
    )
    log_action(
        "trust.conflict.overridden",
        actor=actor,
        obj=waiver,
        unit_path=unit.path,
        person_id=relative_id,
        data={
            "leader": leader_id,
            "relative": relative_id,
            "unit": unit.pk,
            "justification": justification,
            "article": "Luật PCTN 36/2018 art. 20.3",
        },
    )
    return waiver


def check_assignment(
    actor: Actor, assignment: Assignment, *, override: str = "", today: date
) -> None:
    """Refuse an assignment that would create a relatives' conflict, naming the
    field and the article, unless a head has set it aside: earlier (a waiver) or
    now (`override`, a written justification by an actor with OVERRIDE_RULES on
    the unit; audited as trust.conflict.overridden)."""
    conflicts = assignment_conflicts(assignment, today=today)
    waived = _waived(conflicts)
    open_ = [
        c for c in conflicts if (c.unit_id, c.leader_id, c.relative_id) not in waived
    ]
    if not open_:
        return
    if override.strip():
        if not may_override(actor, assignment.unit):
            raise InvalidInput.single(
                "conflict_override",
                _("Only a head of the unit may set the relatives' rule aside."),
            )
        text = _justified(override, "conflict_override")
        for c in open_:
            _save_waiver(actor, assignment.unit, c.leader_id, c.relative_id, text)
        return
    raise InvalidInput({conflict_field(assignment): [c.message() for c in open_]})


def are_close_relatives(a: Person, b: Person) -> bool:
    """Whether either declared the other as a relative of art. 20.3."""
    pair = Relative.objects.filter(relation__in=RELATIONS)
    return pair.filter(
        Q(person=a, staff_record=b) | Q(person=b, staff_record=a)
    ).exists()


@transaction.atomic
def waive_conflict(
    *, actor: Actor, unit: Unit, leader: Person, relative: Person, justification: str
) -> ConflictWaiver:
    """A head sets aside the relatives' rule for this leader and relative in
    this unit, with written reasons. Audit: trust.conflict.overridden."""
    if not may_override(actor, unit):
        raise NotAllowed
    errors: dict[str, list[str]] = {}
    if leader.pk == relative.pk:
        errors["relative"] = [_("Choose two different people.")]
    elif not are_close_relatives(leader, relative):
        errors["relative"] = [
            _(
                "These two people are not declared as spouse, parent, child or "
                "sibling of each other with a linked staff record."
            )
        ]
    try:
        text = _justified(justification, "justification")
    except InvalidInput as error:
        errors.update(error.errors)
        text = ""
    if errors:
        raise InvalidInput(errors)
    return _save_waiver(actor, unit, leader.pk, relative.pk, text)
