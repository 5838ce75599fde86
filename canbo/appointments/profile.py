"""The appointments section of a staff profile (canbo/people/career_panels.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from canbo.policy.access import Capability

if TYPE_CHECKING:
    from canbo.core.actor import Actor
    from canbo.people.career_panels import Panel
    from canbo.people.models import Person


def panel(actor: Actor, person: Person) -> Panel | None:
    """Current terms and open proposals, with the reappointment notice due; shown
    to careers viewers in scope and to the person themself."""
    from canbo.appointments import selectors
    from canbo.people.career_panels import Panel

    own = actor.person_id == person.pk
    viewer = actor.covers(Capability.VIEW_CAREERS, person.unit_path, person.unit_id)
    if not (own or viewer):
        return None
    terms = list(selectors.current_terms(person.pk))
    if not terms and not viewer:
        return None
    notices = selectors.notices([t for t in terms if t.term_end], timezone.localdate())
    rows = [{"a": t, "notice": notices.get(t.pk)} for t in terms]
    return Panel("appointments/_panel.html", {"terms": rows, "can_open": viewer})
