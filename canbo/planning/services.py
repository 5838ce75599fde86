"""Changing planning: pools, candidates, potential, the annual review, targets.

Every function needs MANAGE_CAREERS on the pool's unit, runs in one transaction,
checks through canbo.policy.planning and writes an audit entry. No rule here is
overridable (QĐ 377-QĐ/TW leaves no room for an exception).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from canbo.appointments.facts import with_open_proposal
from canbo.core.actor import Actor
from canbo.core.audit import log_action
from canbo.core.errors import InvalidInput, NotAllowed, save_unique
from canbo.discipline.facts import facts_for
from canbo.org.models import Post, Unit
from canbo.people.models import Person
from canbo.planning import messages, selectors
from canbo.planning.models import (
    PlanningCandidate,
    PlanningChange,
    PlanningPool,
    StructureTarget,
)
from canbo.policy.access import Capability
from canbo.policy.discipline import career_flags
from canbo.policy.planning import CandidateFacts, Check, candidate_checks
from canbo.trust.facts import latest_votes

MAX_TERM_YEARS = 10


def _require_manager(actor: Actor, unit_path: str, unit_id: int) -> None:
    if actor.read_only or not actor.covers(
        Capability.MANAGE_CAREERS, unit_path, unit_id
    ):
        raise NotAllowed


@transaction.atomic
def create_pool(
    *,
    actor: Actor,
    post: Post,
    unit: Unit,
    term_start: int,
    term_end: int,
    decision_ref: str = "",
) -> PlanningPool:
    """Open a pool for one post of a unit and a term. Audit: planning.pool.created."""
    _require_manager(actor, unit.path, unit.pk)
    errors: dict[str, list[str]] = {}
    if not post.is_leadership:
        errors["post"] = [_("Only leadership posts are planned (QĐ 377-QĐ/TW).")]
    if not 2000 <= term_start <= 2100:
        errors["term_start"] = [_("Enter a year between 2000 and 2100.")]
    if term_end <= term_start:
        errors["term_end"] = [_("The term must end after it starts.")]
    elif term_end - term_start > MAX_TERM_YEARS:
        errors["term_end"] = [_("A term lasts at most 10 years.")]
    if errors:
        raise InvalidInput(errors)
    pool = PlanningPool(
        post=post,
        unit=unit,
        unit_path=unit.path,
        term_start=term_start,
        term_end=term_end,
        decision_ref=decision_ref.strip(),
        created_by=actor.user,
    )
    save_unique(
        pool,
        field="post",
        message=_("This unit already has a pool for this post and term."),
    )
    log_action(
        "planning.pool.created",
        actor=actor,
        obj=pool,
        unit_path=unit.path,
        data={"post": post.name, "term": f"{term_start}–{term_end}"},
    )
    return pool


def _facts(pool: PlanningPool, person: Person, on: date) -> CandidateFacts:
    ids = [person.pk]
    active = PlanningCandidate.objects.filter(status=PlanningCandidate.Status.ACTIVE)
    vote = latest_votes(ids).get(person.pk)
    results = selectors.annual_results(ids, before=on.year + 1).get(person.pk, [])
    return CandidateFacts(
        post_rank=pool.post.rank,
        current_rank=selectors.current_ranks(ids, on).get(person.pk) or 0,
        pool_active=active.filter(pool=pool).exclude(person=person).count(),
        same_level=active.filter(person=person, pool__post__rank=pool.post.rank)
        .exclude(pool=pool)
        .count(),
        term_start=selectors.term_start_date(pool),
        retirement=selectors.retirement_of(person),
        open_proposal=person.pk in with_open_proposal(ids),
        discipline=tuple(
            f.code for f in career_flags(facts_for(ids).get(person.pk, []), on)
        ),
        trust_outcome=vote.outcome if vote else None,
        levels=tuple((r.year, r.level) for r in results),
    )


def checks_for(pool: PlanningPool, person: Person, on: date) -> tuple[Check, ...]:
    """The refusals and flags for planning `person` in `pool` on `on` (read only)."""
    return candidate_checks(_facts(pool, person, on))


@transaction.atomic
def add_candidate(
    *,
    actor: Actor,
    pool: PlanningPool,
    person: Person,
    on: date,
    justification: str = "",
) -> PlanningCandidate:
    """Plan `person` for the pool's post, after the checks of QĐ 377-QĐ/TW.

    Refused checks → InvalidInput on "person" with each reason; flagged checks
    need a written justification, stored with their codes. Audit:
    planning.candidate.added.
    """
    _require_manager(actor, pool.unit_path, pool.unit_id)
    # Lock the pool so two officers cannot both add a fourth candidate.
    pool = (
        PlanningPool.objects.select_for_update(of=("self",))
        .select_related("post", "unit")
        .get(pk=pool.pk)
    )
    if not actor.covers(Capability.MANAGE_CAREERS, person.unit_path, person.unit_id):
        raise InvalidInput.single(
            "person", _("This staff record is outside your scope.")
        )
    if not person.is_active:
        raise InvalidInput.single("person", _("This person is no longer in service."))
    if pool.candidates.filter(
        person=person, status=PlanningCandidate.Status.ACTIVE
    ).exists():
        raise InvalidInput.single(
            "person", _("This person is already in planning for this post.")
        )
    checks = checks_for(pool, person, on)
    refused = [messages.check_text(c) for c in checks if c.refuses]
    if refused:
        raise InvalidInput({"person": refused})
    flagged = [c for c in checks if not c.refuses]
    justification = justification.strip()
    if flagged and not justification:
        raise InvalidInput(
            {
                "justification": [
                    *(messages.check_text(c) for c in flagged),
                    messages.justification_needed(),
                ]
            }
        )
    inside = person.unit_path.startswith(pool.unit_path)
    candidate = PlanningCandidate.objects.create(
        pool=pool,
        person=person,
        source=PlanningCandidate.Source.INTERNAL
        if inside
        else PlanningCandidate.Source.EXTERNAL,
        added_on=on,
        justification=justification if flagged else "",
        flags=[c.code for c in flagged],
    )
    PlanningChange.objects.create(
        pool=pool,
        person=person,
        kind=PlanningChange.Kind.ADDED,
        on=on,
        reason=candidate.justification,
        actor=actor.user,
    )
    log_action(
        "planning.candidate.added",
        actor=actor,
        obj=candidate,
        unit_path=pool.unit_path,
        person_id=person.pk,
        data={
            "pool": str(pool),
            "flags": candidate.flags,
            "justification": candidate.justification,
        },
    )
    return candidate


def _remove(
    actor: Actor,
    candidate: PlanningCandidate,
    *,
    reason: str,
    on: date,
    review_year: int | None = None,
    decision_ref: str = "",
) -> None:
    candidate.status = PlanningCandidate.Status.REMOVED
    candidate.removed_on = on
    candidate.removal_reason = reason
    candidate.save(update_fields=["status", "removed_on", "removal_reason"])
    PlanningChange.objects.create(
        pool=candidate.pool,
        person=candidate.person,
        kind=PlanningChange.Kind.REMOVED,
        on=on,
        review_year=review_year,
        reason=reason,
        decision_ref=decision_ref,
        actor=actor.user,
    )
    log_action(
        "planning.candidate.removed",
        actor=actor,
        obj=candidate,
        unit_path=candidate.pool.unit_path,
        person_id=candidate.person_id,
        data={
            "pool": str(candidate.pool),
            "reason": reason,
            "review_year": review_year,
            "decision": decision_ref,
        },
    )


@transaction.atomic
def remove_candidate(
    *, actor: Actor, candidate: PlanningCandidate, reason: str, on: date
) -> PlanningCandidate:
    """Take a candidate out of planning, with a reason. Audit: planning.candidate.removed."""
    _require_manager(actor, candidate.pool.unit_path, candidate.pool.unit_id)
    candidate = (
        PlanningCandidate.objects.select_for_update(of=("self",))
        .select_related("pool", "person")
        .get(pk=candidate.pk)
    )
    if candidate.status != PlanningCandidate.Status.ACTIVE:
        raise InvalidInput.single("", _("This candidate has already been removed."))
    if not reason.strip():
        raise InvalidInput.single("reason", _("Give the reason for the removal."))
    _remove(actor, candidate, reason=reason.strip(), on=on)
    return candidate


@transaction.atomic
def set_potential(
    *, actor: Actor, candidate: PlanningCandidate, potential: int | None
) -> PlanningCandidate:
    """Enter the officer's view of a candidate's potential, 1 (low) to 3 (high),
    for the 9-box grid. Audit: planning.candidate.potential."""
    _require_manager(actor, candidate.pool.unit_path, candidate.pool.unit_id)
    if potential is not None and potential not in (1, 2, 3):
        raise InvalidInput.single(
            "potential", _("Potential is 1 (low), 2 (medium) or 3 (high).")
        )
    if candidate.status != PlanningCandidate.Status.ACTIVE:
        raise InvalidInput.single("", _("This candidate has already been removed."))
    before = candidate.potential
    candidate.potential = potential
    candidate.save(update_fields=["potential"])
    log_action(
        "planning.candidate.potential",
        actor=actor,
        obj=candidate,
        unit_path=candidate.pool.unit_path,
        person_id=candidate.person_id,
        changes={"potential": [before, potential]},
    )
    return candidate


@dataclass(frozen=True)
class ReviewResult:
    removed: list[PlanningCandidate]


@transaction.atomic
def apply_review(
    *,
    actor: Actor,
    unit: Unit,
    year: int,
    decision_ref: str,
    on: date,
    candidate_ids: Iterable[int] | None = None,
) -> ReviewResult:
    """Apply the annual review of `year` for the pools under `unit`: remove the
    proposed candidates (all, or those of `candidate_ids`), each with its reasons
    and the review's decision number. Audit: planning.candidate.removed for each,
    planning.review.applied for the review."""
    _require_manager(actor, unit.path, unit.pk)
    errors: dict[str, list[str]] = {}
    if not decision_ref.strip():
        errors["decision_ref"] = [_("Enter the number of the review decision.")]
    if not 2000 <= year <= on.year:
        errors["year"] = [_("Review a past or the current year.")]
    if errors:
        raise InvalidInput(errors)
    rows = selectors.review_rows(actor, unit, year)
    chosen = None if candidate_ids is None else set(candidate_ids)
    if chosen is not None:
        unknown = chosen - {r.candidate.pk for r in rows}
        if unknown:
            raise InvalidInput.single(
                "candidates",
                _("Some chosen candidates are not proposed for removal this year."),
            )
        rows = [r for r in rows if r.candidate.pk in chosen]
    if not rows:
        raise InvalidInput.single("candidates", _("Nobody is to be removed."))
    locked = {
        c.pk: c
        for c in PlanningCandidate.objects.select_for_update(of=("self",))
        .select_related("pool", "person")
        .filter(pk__in=[r.candidate.pk for r in rows], status="active")
    }
    removed = []
    for row in rows:
        candidate = locked.get(row.candidate.pk)
        if candidate is None:
            continue
        reason = messages.review_summary(
            row.reasons, year=year, retirement=row.retirement
        )
        _remove(
            actor,
            candidate,
            reason=reason,
            on=on,
            review_year=year,
            decision_ref=decision_ref.strip(),
        )
        removed.append(candidate)
    log_action(
        "planning.review.applied",
        actor=actor,
        obj=unit,
        unit_path=unit.path,
        data={"year": year, "decision": decision_ref.strip(), "removed": len(removed)},
    )
    return ReviewResult(removed)


TARGET_FIELDS = ("young_age", "old_age", "young_min", "women_min", "ethnic_min")


@transaction.atomic
def save_targets(
    actor: Actor, *, unit: Unit, values: dict[str, int]
) -> StructureTarget:
    """Set a unit's structure targets (they apply to the units below it that have
    none of their own). Audit: planning.targets.saved."""
    _require_manager(actor, unit.path, unit.pk)
    errors: dict[str, list[str]] = {}
    for name in ("young_min", "women_min", "ethnic_min"):
        if not 0 <= values[name] <= 100:
            errors[name] = [_("Enter a percentage from 0 to 100.")]
    if not 18 <= values["young_age"] < values["old_age"] <= 70:
        errors["old_age"] = [
            _("The older group must start above the young cadres' age (18 to 70).")
        ]
    if errors:
        raise InvalidInput(errors)
    record = StructureTarget.objects.filter(unit=unit).first()
    before = {n: getattr(record, n) for n in TARGET_FIELDS} if record else {}
    if record is None:
        record = StructureTarget(unit=unit, unit_path=unit.path, updated_by=actor.user)
    for name in TARGET_FIELDS:
        setattr(record, name, values[name])
    record.updated_by = actor.user
    record.save()
    log_action(
        "planning.targets.saved",
        actor=actor,
        obj=record,
        unit_path=unit.path,
        changes={n: [before.get(n), values[n]] for n in TARGET_FIELDS},
    )
    return record
