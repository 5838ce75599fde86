"""The trust section of a staff profile (canbo/people/career_panels.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from canbo.policy.access import Capability

if TYPE_CHECKING:
    from canbo.core.actor import Actor
    from canbo.people.career_panels import Panel
    from canbo.people.models import Person


def panel(actor: Actor, person: Person) -> Panel | None:
    """The person's trust votes, the latest explained; shown to careers viewers
    in scope and to the person themselves."""
    from canbo.people.career_panels import Panel
    from canbo.trust import messages, selectors

    own = actor.person_id is not None and actor.person_id == person.pk
    viewer = actor.covers(Capability.VIEW_CAREERS, person.unit_path, person.unit_id)
    if not (own or viewer):
        return None
    votes = list(selectors.votes_of(person.pk)[:5])
    can_manage = selectors.can_manage(actor, person.unit_path, person.unit_id)
    if not votes and not can_manage:
        return None
    latest = votes[0] if votes else None
    return Panel(
        "trust/_panel.html",
        {
            "person": person,
            "votes": votes,
            "latest": latest,
            "explained": messages.OUTCOME_EXPLAINED[latest.outcome] if latest else "",
            "can_manage": can_manage,
            "linkable": viewer,
        },
    )
