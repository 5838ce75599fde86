"""A post's standards against a person's qualifications, as the appointment
checks read them (Nghị định 170/2025 art. 29: the standards of the post)."""

from __future__ import annotations

from datetime import date

from canbo.policy import training as rules
from canbo.training.selectors import applicable_standards, as_rule, qualifications_for


def standard_gaps(
    person_id: int, post_id: int, unit_path: str, *, today: date
) -> tuple[str, ...] | None:
    """Return the reason codes of the standards the person lacks for the post in the
    unit at `unit_path` (empty when none), or None when the post has no standard."""
    key = (post_id, None, unit_path)
    standard = applicable_standards([key]).get(key)
    if standard is None:
        return None
    held = qualifications_for([person_id], today=today).get(
        person_id, rules.Qualifications()
    )
    return tuple(gap.code for gap in rules.gaps(as_rule(standard), held))
