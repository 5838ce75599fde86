"""The planning section of a staff profile (canbo/people/career_panels.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from canbo.people.career_panels import Panel
from canbo.planning.selectors import person_plans
from canbo.policy.access import Capability

if TYPE_CHECKING:
    from canbo.core.actor import Actor
    from canbo.people.models import Person


def panel(actor: Actor, person: Person) -> Panel | None:
    """The person's plans, for those who see careers in the person's unit and for
    the person themselves; nothing for anyone else."""
    viewer = actor.covers(Capability.VIEW_CAREERS, person.unit_path, person.unit_id)
    if not viewer and actor.person_id != person.pk:
        return None
    return Panel(
        "planning/panel.html",
        {"plans": list(person_plans(person)), "can_view": viewer},
    )
