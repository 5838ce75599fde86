"""The careers sections of a staff profile, one per careers app.

Each careers app has `profile.py` with `panel(actor, person) -> Panel | None`
(None when it has nothing to show this actor); the profile page renders the
panels in the order of PANEL_APPS.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from canbo.core.actor import Actor
    from canbo.people.models import Person

PANEL_APPS = ("training", "discipline", "planning", "appointments", "trust", "rotation")


@dataclass(frozen=True)
class Panel:
    template: str  # rendered inside a <section class="card">
    context: dict[str, Any] = field(default_factory=dict)


def career_panels(actor: Actor, person: Person) -> list[Panel]:
    panels = []
    for app in PANEL_APPS:
        panel = import_module(f"canbo.{app}.profile").panel(actor, person)
        if panel is not None:
            panels.append(panel)
    return panels
