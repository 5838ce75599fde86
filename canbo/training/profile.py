"""The training section of a staff profile (canbo/people/career_panels.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from canbo.policy.access import Capability
from canbo.training import selectors
from canbo.training.models import Kind, level_label

if TYPE_CHECKING:
    from canbo.core.actor import Actor
    from canbo.people.career_panels import Panel
    from canbo.people.models import Person


def panel(actor: Actor, person: Person) -> Panel | None:
    """Qualifications, gaps against the current posts and the records.

    Shown to careers viewers of the person's unit and to the person themself.
    """
    from canbo.people.career_panels import Panel

    own = actor.person_id is not None and actor.person_id == person.pk
    if not own and not actor.covers(
        Capability.VIEW_CAREERS, person.unit_path, person.unit_id
    ):
        return None
    held, rows = selectors.person_gaps(person, today=timezone.localdate())
    shown = {
        "degree": level_label(Kind.DEGREE, held.degree),
        "theory": level_label(Kind.THEORY, held.theory),
        "state_management": level_label(Kind.STATE, held.state_management),
        "language": level_label(Kind.LANGUAGE, held.language),
        "it": level_label(Kind.IT, held.it),
        "course_hours": held.course_hours,
    }
    return Panel(
        "training/panel.html",
        {
            "person_id": person.pk,
            "held": shown,
            "gap_rows": rows,
            "records": list(selectors.records_of(person.pk)),
            "can_manage": selectors.can_manage(actor, person.unit_path, person.unit_id),
        },
    )
