"""The discipline section of a staff profile (canbo/people/career_panels.py):
the person's records and their next regular raise with its delays explained.
Shown to those who see careers data in the person's unit, and to the person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from canbo.discipline import explain, raises
from canbo.discipline.models import Discipline
from canbo.people.career_panels import Panel
from canbo.policy.access import Capability

if TYPE_CHECKING:
    from canbo.core.actor import Actor
    from canbo.people.models import Person


def panel(actor: Actor, person: Person) -> Panel | None:
    own = actor.person_id is not None and actor.person_id == person.pk
    sees = actor.covers(Capability.VIEW_CAREERS, person.unit_path, person.unit_id)
    if not (own or sees):
        return None
    found = raises.next_raise_of(person)
    records = Discipline.objects.filter(person=person).order_by("-review_started")
    return Panel(
        "discipline/_panel.html",
        {
            "person_id": person.pk,
            "records": list(records[:20]),
            "raise": found,
            "reasons": explain.reasons(found) if found else [],
            "since": person.salary_step_since,
            "interval": person.salary_interval_months,
            "can_open": not actor.read_only
            and actor.covers(
                Capability.MANAGE_CAREERS, person.unit_path, person.unit_id
            ),
        },
    )
