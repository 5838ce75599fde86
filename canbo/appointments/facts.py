"""Open appointment proposals and current terms, as the planning checks read them."""

from __future__ import annotations

from collections.abc import Iterable

from canbo.appointments.models import Appointment


def with_open_proposal(person_ids: Iterable[int]) -> set[int]:
    """Return the people among `person_ids` with an appointment proposal still open
    (QĐ 377: no planning at the same time as an appointment proposal)."""
    return set(
        Appointment.objects.filter(
            person_id__in=list(person_ids), status=Appointment.Status.PROPOSED
        ).values_list("person_id", flat=True)
    )
