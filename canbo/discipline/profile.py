"""The discipline section of a staff profile (canbo/people/career_panels.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from canbo.core.actor import Actor
    from canbo.people.career_panels import Panel
    from canbo.people.models import Person


def panel(actor: Actor, person: Person) -> Panel | None:
    return None
