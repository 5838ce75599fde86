"""The rotation section of a staff profile (canbo/people/career_panels.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from canbo.people.career_panels import Panel
from canbo.people.models import Assignment
from canbo.policy.access import Capability
from canbo.rotation import selectors
from canbo.rotation.models import PositionChange, Rotation

if TYPE_CHECKING:
    from canbo.core.actor import Actor
    from canbo.people.models import Person


def panel(actor: Actor, person: Person) -> Panel | None:
    """The person's next periodic change, their planned changes and leader rotations.

    Shown to careers viewers in scope and to the person themselves.
    """
    own = actor.person_id is not None and actor.person_id == person.pk
    if not own and not actor.covers(
        Capability.VIEW_CAREERS, person.unit_path, person.unit_id
    ):
        return None
    today = timezone.localdate()
    current = list(
        Assignment.objects.filter(
            person=person,
            end_date__isnull=True,
            job_position__rotation_months__isnull=False,
        ).select_related("job_position", "unit")[:1]
    )
    due = selectors.due_rows(current, today=today)[0] if current else None
    context = {
        "person": person,
        "due": due,
        "changes": list(
            PositionChange.objects.filter(person=person)
            .select_related(
                "plan", "assignment__job_position", "target_job_position", "target_unit"
            )
            .order_by("-planned_date")[:5]
        ),
        "rotations": list(
            Rotation.objects.filter(person=person)
            .select_related("to_unit")
            .order_by("-start")[:5]
        ),
        "can_manage": selectors.can_manage(actor, person.unit_path, person.unit_id),
    }
    return Panel("rotation/_panel.html", context)
