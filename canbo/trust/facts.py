"""Trust-vote outcomes as the planning and appointment checks read them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from canbo.trust.models import TrustVote


@dataclass(frozen=True)
class TrustFact:
    held_on: date
    outcome: str  # canbo.policy.trust_vote_outcome: "none", "review" or "dismiss"
    low_share: float  # low ballots over ballots returned


def latest_votes(person_ids: Iterable[int]) -> dict[int, TrustFact]:
    """Return each person's most recent trust vote (one query)."""
    rows = (
        TrustVote.objects.filter(person_id__in=list(person_ids))
        .order_by("person_id", "-held_on", "-id")
        .values_list("person_id", "held_on", "outcome", "low", "returned")
    )
    latest: dict[int, TrustFact] = {}
    for person_id, held_on, outcome, low, returned in rows:
        if person_id not in latest:
            latest[person_id] = TrustFact(
                held_on, outcome, low / returned if returned else 0.0
            )
    return latest
