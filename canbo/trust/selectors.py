"""Reads of trust votes, always through the actor's scope."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from canbo.core.actor import Actor
from canbo.org.models import Unit
from canbo.policy.access import Capability
from canbo.trust.models import TrustVote

FLAGGED = ("review", "dismiss")


def votes_visible_to(
    actor: Actor, capability: Capability = Capability.VIEW_CAREERS
) -> QuerySet[TrustVote]:
    """The votes of the units in the actor's careers scope."""
    return TrustVote.objects.filter(
        actor.scope_q(capability, path="unit_path", unit_id="unit_id")
    )


def access_vote(actor: Actor, pk: int, *, for_write: bool = False) -> TrustVote:
    """Return the vote if the actor may see it (or change it); 404 otherwise."""
    if for_write and actor.read_only:
        raise Http404
    capability = Capability.MANAGE_CAREERS if for_write else Capability.VIEW_CAREERS
    vote = (
        votes_visible_to(actor, capability)
        .select_related("person", "unit", "post", "created_by")
        .filter(pk=pk)
        .first()
    )
    if vote is None:
        raise Http404
    return vote


def can_manage(actor: Actor, unit_path: str, unit_id: int) -> bool:
    return not actor.read_only and actor.covers(
        Capability.MANAGE_CAREERS, unit_path, unit_id
    )


@dataclass(frozen=True)
class VoteFilter:
    unit: Unit | None = None
    year: int | None = None
    outcome: str = ""
    person_id: int | None = None


def _filtered(votes: QuerySet[TrustVote], filters: VoteFilter) -> QuerySet[TrustVote]:
    if filters.unit is not None:
        votes = votes.filter(unit_path__startswith=filters.unit.path)
    if filters.year is not None:
        votes = votes.filter(held_on__year=filters.year)
    if filters.outcome in TrustVote.Outcome.values:
        votes = votes.filter(outcome=filters.outcome)
    if filters.person_id is not None:
        votes = votes.filter(person_id=filters.person_id)
    return votes


def vote_list(actor: Actor, filters: VoteFilter) -> QuerySet[TrustVote]:
    """Votes in scope, newest first, with what a row shows."""
    votes = _filtered(votes_visible_to(actor), filters)
    return votes.select_related("person", "unit", "post").order_by("-held_on", "-id")


def latest_only(votes: QuerySet[TrustVote]) -> QuerySet[TrustVote]:
    """Keep each person's most recent vote (no later vote of theirs exists)."""
    later = TrustVote.objects.filter(person_id=OuterRef("person_id")).filter(
        Q(held_on__gt=OuterRef("held_on"))
        | Q(held_on=OuterRef("held_on"), id__gt=OuterRef("id"))
    )
    return votes.filter(~Exists(later))


def flagged(actor: Actor, filters: VoteFilter) -> QuerySet[TrustVote]:
    """People whose latest vote is "review" or "dismiss": what planning and
    appointments read (canbo/trust/facts.py). Worst first, then newest."""
    votes = _filtered(votes_visible_to(actor), filters)
    votes = latest_only(votes.filter(outcome__in=FLAGGED))
    # A later vote with no flag clears the earlier one: check against all votes.
    return votes.select_related("person", "unit", "post").order_by(
        "outcome", "-held_on", "person__sort_name", "id"
    )


def votes_of(person_id: int) -> QuerySet[TrustVote]:
    return (
        TrustVote.objects.filter(person_id=person_id)
        .select_related("post", "unit")
        .order_by("-held_on", "-id")
    )
