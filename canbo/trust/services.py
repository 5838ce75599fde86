"""Writes to trust votes. Each service is one transaction and writes the audit log."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from canbo.core.actor import Actor
from canbo.core.audit import diff, log_action, set_fields, snapshot
from canbo.core.errors import InvalidInput, NotAllowed
from canbo.org.models import Post
from canbo.people.models import Person
from canbo.policy.access import Capability
from canbo.policy.trust import Ballots, ballot_problems, trust_vote_outcome
from canbo.trust.models import TrustVote

VOTE_FIELDS = (
    "person",
    "post",
    "held_on",
    "body",
    "summoned",
    "returned",
    "high",
    "trust",
    "low",
    "minutes_ref",
    "outcome",
)
COUNTS = ("summoned", "returned", "high", "trust", "low")
MAX_COUNT = 100_000


def require_scope(actor: Actor, person: Person) -> None:
    if actor.read_only or not actor.covers(
        Capability.MANAGE_CAREERS, person.unit_path, person.unit_id
    ):
        raise NotAllowed


def _ballot_errors(vote: TrustVote) -> dict[str, list[str]]:
    """The reasons of canbo.policy.trust.ballot_problems, on the field they name."""
    errors: dict[str, list[str]] = {}
    for name in COUNTS:
        value = getattr(vote, name)
        if not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
            errors[name] = [
                _("Enter a whole number from 0 to %(max)s.") % {"max": MAX_COUNT}
            ]
    if errors:
        return errors
    ballots = Ballots(vote.summoned, vote.returned, vote.high, vote.trust, vote.low)
    params = {
        "summoned": vote.summoned,
        "returned": vote.returned,
        "total": vote.high + vote.trust + vote.low,
        "needed": -(-2 * vote.summoned // 3),
    }
    for code in ballot_problems(ballots):
        if code == "none_summoned":
            errors["summoned"] = [_("At least one person must be summoned to vote.")]
        elif code == "returned_over_summoned":
            errors["returned"] = [
                _(
                    "%(returned)s ballots returned is more than the %(summoned)s "
                    "people summoned."
                )
                % params
            ]
        elif code == "ballots_over_returned":
            errors["low"] = [
                _(
                    "High, trust and low ballots add up to %(total)s, more than the "
                    "%(returned)s ballots returned."
                )
                % params
            ]
        elif code == "no_quorum":
            errors["returned"] = [
                _(
                    "No quorum: %(returned)s of the %(summoned)s people summoned "
                    "voted; at least two thirds (%(needed)s) must take part "
                    "(Quy định 96-QĐ/TW)."
                )
                % params
            ]
    return errors


def _validate(vote: TrustVote, *, today: date) -> None:
    errors = _ballot_errors(vote)
    if not vote.body.strip():
        errors["body"] = [_("Name the body that voted (e.g. the Party committee).")]
    if vote.held_on > today:
        errors["held_on"] = [_("The date of the vote cannot be in the future.")]
    elif vote.held_on.year < 2000:
        errors["held_on"] = [_("The date of the vote is too far in the past.")]
    if vote.post is not None and not vote.post.is_leadership:
        errors["post"] = [
            _("Trust votes are held on leadership posts; choose the post held.")
        ]
    if "held_on" not in errors and vote.person_id is not None:
        same = TrustVote.objects.filter(
            person_id=vote.person_id,
            held_on=vote.held_on,
            body__iexact=vote.body.strip(),
        ).exclude(pk=vote.pk)
        if same.exists():
            errors["held_on"] = [
                _("A vote of this body on this person on that day is already recorded.")
            ]
    if errors:
        raise InvalidInput(errors)


def _finish(vote: TrustVote) -> None:
    vote.body = vote.body.strip()
    vote.minutes_ref = vote.minutes_ref.strip()
    vote.outcome = trust_vote_outcome(vote.low, vote.returned)


def _log(action: str, actor: Actor, vote: TrustVote, changes: dict[str, Any]) -> None:
    log_action(
        action,
        actor=actor,
        obj=vote,
        unit_path=vote.unit_path,
        person_id=vote.person_id,
        changes=changes,
    )


def _current_post(person: Person, on: date) -> Post | None:
    """The leadership post the person held on the day of the vote, if recorded."""
    from canbo.people.models import Assignment

    found = (
        Assignment.objects.filter(
            person=person, post__isnull=False, post__is_leadership=True
        )
        .filter(start_date__lte=on)
        .exclude(end_date__lt=on)
        .select_related("post")
        .order_by("-is_primary", "-post__rank", "-start_date")
        .first()
    )
    return found.post if found is not None else None


@transaction.atomic
def record_vote(
    *,
    actor: Actor,
    person: Person,
    held_on: date,
    body: str,
    summoned: int,
    returned: int,
    high: int,
    trust: int,
    low: int,
    post: Post | None = None,
    minutes_ref: str = "",
    today: date | None = None,
) -> TrustVote:
    """Record a trust vote on `person` and store its outcome (QĐ 96-QĐ/TW).

    Refused, naming the field, when more ballots are returned than people
    summoned, when high + trust + low exceed the ballots returned, or without a
    quorum of two thirds of those summoned. The post defaults to the leadership
    post held that day. Audit: trust.vote.created.
    """
    require_scope(actor, person)
    vote = TrustVote(
        person=person,
        unit_id=person.unit_id,
        unit_path=person.unit_path,
        post=post if post is not None else _current_post(person, held_on),
        held_on=held_on,
        body=body,
        summoned=summoned,
        returned=returned,
        high=high,
        trust=trust,
        low=low,
        minutes_ref=minutes_ref,
        created_by=actor.user,
    )
    _validate(vote, today=today or timezone.localdate())
    _finish(vote)
    vote.save()
    _log("trust.vote.created", actor, vote, diff({}, snapshot(vote, VOTE_FIELDS)))
    return vote


@transaction.atomic
def update_vote(
    *, actor: Actor, vote: TrustVote, today: date | None = None, **values: Any
) -> TrustVote:
    """Correct a recorded vote; the outcome is computed again. Audit: trust.vote.updated."""
    require_scope(actor, vote.person)
    before = snapshot(vote, VOTE_FIELDS)
    set_fields(vote, values, [f for f in VOTE_FIELDS if f not in {"person", "outcome"}])
    _validate(vote, today=today or timezone.localdate())
    _finish(vote)
    changes = diff(before, snapshot(vote, VOTE_FIELDS))
    if changes:
        vote.save()
        _log("trust.vote.updated", actor, vote, changes)
    return vote


@transaction.atomic
def delete_vote(*, actor: Actor, vote: TrustVote) -> None:
    """Remove a vote entered by mistake. Audit: trust.vote.deleted."""
    require_scope(actor, vote.person)
    _log("trust.vote.deleted", actor, vote, diff(snapshot(vote, VOTE_FIELDS), {}))
    vote.delete()


@dataclass(frozen=True)
class SessionRow:
    person: Person
    high: int
    trust: int
    low: int
    post: Post | None = None


@transaction.atomic
def record_session(
    *,
    actor: Actor,
    held_on: date,
    body: str,
    summoned: int,
    returned: int,
    rows: Sequence[SessionRow],
    minutes_ref: str = "",
    today: date | None = None,
) -> list[TrustVote]:
    """Record the votes of one session: the same body, day and ballots, one row
    per person. All or nothing: errors come back keyed "rows.<n>.<field>"."""
    if not rows:
        raise InvalidInput.single("rows", _("Add at least one person."))
    votes: list[TrustVote] = []
    errors: dict[str, list[str]] = {}
    seen: set[int] = set()
    for n, row in enumerate(rows):
        if row.person.pk in seen:
            errors[f"rows.{n}.person"] = [_("This person is already in the session.")]
            continue
        seen.add(row.person.pk)
        try:
            votes.append(
                record_vote(
                    actor=actor,
                    person=row.person,
                    held_on=held_on,
                    body=body,
                    summoned=summoned,
                    returned=returned,
                    high=row.high,
                    trust=row.trust,
                    low=row.low,
                    post=row.post,
                    minutes_ref=minutes_ref,
                    today=today,
                )
            )
        except InvalidInput as error:
            for field, reasons in error.errors.items():
                shared = field in {"held_on", "body", "summoned", "returned"}
                key = field if shared and field != "held_on" else f"rows.{n}.{field}"
                errors.setdefault(key, [])
                errors[key] += [r for r in reasons if r not in errors[key]]
    if errors:
        raise InvalidInput(errors)
    return votes
