"""The planning endpoints of /api/v1: pools, candidates, potential, the annual
review, the 9-box grid, the record of changes and the structure targets. The
same services and scopes as the pages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from canbo.api.auth import request_actor
from canbo.api.lookups import post_ref
from canbo.api.pagination import paginate
from canbo.api.schemas.common import (
    ERRORS,
    CodeRef,
    InSchema,
    ObjectId,
    PageFilter,
    PersonRef,
    Ref,
    UnitRef,
)
from canbo.core.actor import Actor
from canbo.core.errors import InvalidInput, NotAllowed
from canbo.org.models import Unit
from canbo.planning import messages, selectors, services
from canbo.planning.models import PlanningCandidate, PlanningChange, PlanningPool
from canbo.policy.access import Capability
from canbo.policy.planning import Structure

router = Router(tags=["planning"])


class PoolFilter(PageFilter):
    unit: int | None = Field(None, description="A unit id: its pools and those below.")
    term_start: int | None = Field(None, ge=2000, le=2100)
    post: int | None = None


class PoolOut(Schema):
    id: int
    post: CodeRef
    unit: UnitRef
    term_start: int
    term_end: int
    decision_ref: str
    active: int = 0


class PoolPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[PoolOut]


class PoolIn(InSchema):
    post: Ref
    unit: Ref
    term_start: int = Field(ge=2000, le=2100)
    term_end: int = Field(ge=2001, le=2110)
    decision_ref: str = Field("", max_length=100)


class YearOut(Schema):
    year: int
    level: str
    score: Decimal | None


class CandidateOut(Schema):
    id: int
    person: PersonRef
    status: str
    source: str
    added_on: date
    removed_on: date | None
    removal_reason: str
    potential: int | None
    justification: str
    flags: list[str]


class CandidateDetail(CandidateOut):
    age: int
    years_left: Decimal
    retirement: date
    results: list[YearOut]
    discipline: list[str]
    trust_outcome: str | None
    performance: str | None
    box: int | None


class PoolDetail(PoolOut):
    candidates: list[CandidateDetail]


class CandidateIn(InSchema):
    person: ObjectId
    justification: str = Field("", max_length=4000)


class RemoveIn(InSchema):
    reason: str = Field(min_length=1, max_length=4000)


class PotentialIn(InSchema):
    potential: Annotated[int, Field(ge=1, le=3)] | None


class ReviewFilter(Schema):
    unit: int | None = Field(
        None, description="A unit id; by default your widest unit."
    )
    year: int | None = Field(
        None, ge=2000, le=2100, description="The year reviewed; by default last year."
    )


class ReviewRowOut(Schema):
    candidate: int
    person: PersonRef
    pool: int
    reasons: list[str] = Field(
        description="Stable codes: khtnv, disciplined, too_old, low_trust."
    )
    explanation: list[str]


class ReviewIn(InSchema):
    unit: Ref
    year: int = Field(ge=2000, le=2100)
    decision_ref: str = Field(min_length=1, max_length=100)
    candidates: list[ObjectId] | None = None


class ReviewOut(Schema):
    removed: list[CandidateOut]


class BoxOut(Schema):
    box: int
    potential: int
    performance: str
    candidates: list[PersonRef]


class NineBoxOut(Schema):
    boxes: list[BoxOut]
    unplaced: list[PersonRef]


class ChangeFilter(PageFilter):
    unit: ObjectId | None = Field(
        None, description="A unit id: changes of its pools and those below."
    )
    year: int | None = Field(None, ge=2000, le=2100, description="Year of the change.")
    pool: ObjectId | None = Field(None, description="A pool id: its changes only.")


class ChangePoolOut(Schema):
    id: int
    post: CodeRef
    unit: UnitRef
    term_start: int
    term_end: int


class ChangeOut(Schema):
    id: int
    kind: str = Field(description="added or removed.")
    on: date
    person: PersonRef
    pool: ChangePoolOut
    review_year: int | None = Field(
        description="Set when the annual review removed them."
    )
    reason: str
    decision_ref: str
    by: str = Field(description="The user who made the change.")

    @staticmethod
    def resolve_by(obj: PlanningChange) -> str:
        return obj.actor.get_username()


class ChangePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ChangeOut]


class StructureTargetsIn(InSchema):
    young_age: int = Field(ge=18, le=70, description="Young cadres: under this age.")
    old_age: int = Field(ge=18, le=70, description="Older group: over this age.")
    young_min: int = Field(
        ge=0, le=100, description="Young cadres: at least (percent)."
    )
    women_min: int = Field(ge=0, le=100, description="Women: at least (percent).")
    ethnic_min: int = Field(
        ge=0,
        le=100,
        description="Ethnic minorities: at least (percent); 0 for no number.",
    )


class ShareOut(Schema):
    code: str = Field(
        description="under, middle, over (age groups), young, women, ethnic."
    )
    count: int
    percent: int
    target: int | None = Field(description="The minimum percent, if any.")
    below: bool


class StructureOut(Schema):
    total: int = Field(description="Distinct people actively planned.")
    shares: list[ShareOut]


class StructureTargetsOut(Schema):
    unit: UnitRef
    young_age: int
    old_age: int
    young_min: int
    women_min: int
    ethnic_min: int
    defaults: bool = Field(
        description="No unit at or above this one has set targets: the defaults of the "
        "old QĐ 50-QĐ/TW apply (the numbers of QĐ 377-QĐ/TW are not verified)."
    )
    set_by: UnitRef | None = Field(
        description="The unit whose targets apply (this one or the nearest above); "
        "null for the defaults."
    )
    structure: StructureOut = Field(
        description="The people actively planned in the pools of this unit and below, "
        "against these targets."
    )


def _pool_out(pool: PlanningPool, active: int | None = None) -> dict[str, Any]:
    return {
        "id": pool.pk, "post": pool.post, "unit": pool.unit,
        "term_start": pool.term_start, "term_end": pool.term_end,
        "decision_ref": pool.decision_ref,
        "active": active if active is not None else getattr(pool, "active", 0),
    }  # fmt: skip


def _candidate_out(c: PlanningCandidate) -> dict[str, Any]:
    return {
        "id": c.pk, "person": c.person, "status": c.status, "source": c.source,
        "added_on": c.added_on, "removed_on": c.removed_on,
        "removal_reason": c.removal_reason, "potential": c.potential,
        "justification": c.justification, "flags": list(c.flags),
    }  # fmt: skip


def _unit(actor: Actor, ref: int | str | None) -> Unit:
    units = selectors.visible_units(actor)
    if ref is None:
        found = units.order_by("depth", "path").first()
    elif isinstance(ref, int):
        found = units.filter(pk=ref).first()
    else:
        found = units.filter(code=ref).first()
    if found is None:
        raise InvalidInput.single(
            "unit", _("Unknown unit, or it is outside your scope.")
        )
    return found


def _writer(actor: Actor) -> None:
    if actor.read_only:
        raise NotAllowed


@router.get(
    "/planning/pools", response={200: PoolPage, **ERRORS}, url_name="planning_pools"
)
def list_pools(request: HttpRequest, filters: Query[PoolFilter]) -> dict[str, Any]:
    """Pools in your scope with their number of active candidates."""
    actor = request_actor(request)
    unit = None
    if filters.unit is not None:
        unit = selectors.visible_units(actor).filter(pk=filters.unit).first()
        if unit is None:
            raise InvalidInput.single(
                "unit", _("Unknown unit, or it is outside your scope.")
            )
    pools = selectors.pool_list(
        actor, unit=unit, term_start=filters.term_start, post_id=filters.post
    )
    page = paginate(pools, filters)
    page["results"] = [_pool_out(p) for p in page["results"]]
    return page


@router.post(
    "/planning/pools",
    response={201: PoolOut, **ERRORS},
    url_name="planning_pool_create",
)
def create_pool(request: HttpRequest, payload: PoolIn) -> Status[dict[str, Any]]:
    """Open a pool for a post of a unit and a term. Audit: planning.pool.created."""
    actor = request_actor(request)
    _writer(actor)
    units = selectors.manageable_units(actor)
    unit = (
        units.filter(pk=payload.unit).first()
        if isinstance(payload.unit, int)
        else units.filter(code=payload.unit).first()
    )
    if unit is None:
        if not actor.can_anywhere(Capability.MANAGE_CAREERS):
            raise NotAllowed
        raise InvalidInput.single(
            "unit", _("Unknown unit, or it is outside your scope.")
        )
    pool = services.create_pool(
        actor=actor, post=post_ref(payload.post), unit=unit,
        term_start=payload.term_start, term_end=payload.term_end,
        decision_ref=payload.decision_ref,
    )  # fmt: skip
    return Status(201, _pool_out(pool, 0))


@router.get(
    "/planning/pools/{pool_id}",
    response={200: PoolDetail, **ERRORS},
    url_name="planning_pool",
)
def get_pool(request: HttpRequest, pool_id: int) -> dict[str, Any]:
    """A pool with each candidate's age, years left, last levels, flags and box."""
    pool = selectors.access_pool(request_actor(request), pool_id)
    rows = selectors.candidate_rows(
        selectors.pool_candidates(pool), timezone.localdate()
    )
    candidates = [
        {
            **_candidate_out(r.candidate), "age": r.age, "years_left": r.years_left,
            "retirement": r.retirement,
            "results": [{"year": y.year, "level": y.level, "score": y.score} for y in r.results],
            "discipline": [f.code for f in r.discipline],
            "trust_outcome": r.trust.outcome if r.trust else None,
            "performance": r.band, "box": r.box,
        }
        for r in rows
    ]  # fmt: skip
    active = sum(1 for r in rows if r.candidate.status == "active")
    return {**_pool_out(pool, active), "candidates": candidates}


@router.post(
    "/planning/pools/{pool_id}/candidates", response={201: CandidateOut, **ERRORS},
    url_name="planning_candidate_add",
)  # fmt: skip
def add_candidate(
    request: HttpRequest, pool_id: int, payload: CandidateIn
) -> Status[dict[str, Any]]:
    """Plan a person for the pool's post. Refused checks → 422 on "person" with
    the reasons; flagged checks need "justification". Audit: planning.candidate.added."""
    actor = request_actor(request)
    _writer(actor)
    pool = selectors.access_pool(actor, pool_id)
    if not actor.covers(Capability.MANAGE_CAREERS, pool.unit_path, pool.unit_id):
        raise NotAllowed
    person = selectors.manageable_people(actor).filter(pk=payload.person).first()
    if person is None:
        raise InvalidInput.single(
            "person", _("Unknown staff record, or it is outside your scope.")
        )
    candidate = services.add_candidate(
        actor=actor, pool=pool, person=person, on=timezone.localdate(),
        justification=payload.justification,
    )  # fmt: skip
    return Status(201, _candidate_out(candidate))


def _candidate_for_write(actor: Actor, candidate_id: int) -> PlanningCandidate:
    candidate = selectors.access_candidate(actor, candidate_id)
    pool = candidate.pool
    if actor.read_only or not actor.covers(
        Capability.MANAGE_CAREERS, pool.unit_path, pool.unit_id
    ):
        raise NotAllowed
    return candidate


@router.post(
    "/planning/candidates/{candidate_id}/remove", response={200: CandidateOut, **ERRORS},
    url_name="planning_candidate_remove",
)  # fmt: skip
def remove_candidate(
    request: HttpRequest, candidate_id: int, payload: RemoveIn
) -> dict[str, Any]:
    """Take a candidate out of planning. Audit: planning.candidate.removed."""
    actor = request_actor(request)
    candidate = services.remove_candidate(
        actor=actor, candidate=_candidate_for_write(actor, candidate_id),
        reason=payload.reason, on=timezone.localdate(),
    )  # fmt: skip
    return _candidate_out(candidate)


@router.post(
    "/planning/candidates/{candidate_id}/potential", response={200: CandidateOut, **ERRORS},
    url_name="planning_candidate_potential",
)  # fmt: skip
def set_potential(
    request: HttpRequest, candidate_id: int, payload: PotentialIn
) -> dict[str, Any]:
    """Potential 1–3 for the 9-box grid (null clears it). Audit: planning.candidate.potential."""
    actor = request_actor(request)
    candidate = services.set_potential(
        actor=actor, candidate=_candidate_for_write(actor, candidate_id),
        potential=payload.potential,
    )  # fmt: skip
    return _candidate_out(candidate)


@router.get(
    "/planning/review", response={200: list[ReviewRowOut], **ERRORS},
    url_name="planning_review",
)  # fmt: skip
def review(request: HttpRequest, filters: Query[ReviewFilter]) -> list[dict[str, Any]]:
    """Candidates to remove at the annual review of a year (by default last
    year, as on the page), with their reasons."""
    actor = request_actor(request)
    if not actor.can_anywhere(Capability.VIEW_CAREERS):
        return []
    unit = _unit(actor, filters.unit)
    year = filters.year or timezone.localdate().year - 1
    return [
        {
            "candidate": r.candidate.pk, "person": r.candidate.person,
            "pool": r.candidate.pool_id, "reasons": list(r.reasons),
            "explanation": [
                messages.review_text(c, year=year, retirement=r.retirement)
                for c in r.reasons
            ],
        }
        for r in selectors.review_rows(actor, unit, year)
    ]  # fmt: skip


@router.post(
    "/planning/review", response={200: ReviewOut, **ERRORS},
    url_name="planning_review_apply",
)  # fmt: skip
def apply_review(request: HttpRequest, payload: ReviewIn) -> dict[str, Any]:
    """Apply the annual review: remove the proposed candidates (all, or those
    listed) with the decision number. Audit: planning.review.applied."""
    actor = request_actor(request)
    _writer(actor)
    if not actor.can_anywhere(Capability.MANAGE_CAREERS):
        raise NotAllowed
    units = selectors.manageable_units(actor)
    unit = (
        units.filter(pk=payload.unit).first()
        if isinstance(payload.unit, int)
        else units.filter(code=payload.unit).first()
    )
    if unit is None:
        raise InvalidInput.single(
            "unit", _("Unknown unit, or it is outside your scope.")
        )
    result = services.apply_review(
        actor=actor, unit=unit, year=payload.year, decision_ref=payload.decision_ref,
        on=timezone.localdate(), candidate_ids=payload.candidates,
    )  # fmt: skip
    return {"removed": [_candidate_out(c) for c in result.removed]}


@router.get(
    "/planning/pools/{pool_id}/nine-box", response={200: NineBoxOut, **ERRORS},
    url_name="planning_nine_box",
)  # fmt: skip
def nine_box(request: HttpRequest, pool_id: int) -> dict[str, Any]:
    """The 3×3 grid: performance (mean of the last 3 annual scores) × potential."""
    pool = selectors.access_pool(request_actor(request), pool_id)
    rows = selectors.candidate_rows(
        selectors.pool_candidates(pool).filter(status="active"), timezone.localdate()
    )
    grid, unplaced = selectors.nine_box_grid(rows)
    boxes = [
        {"box": b.number, "potential": b.potential, "performance": b.band,
         "candidates": [r.candidate.person for r in b.rows]}
        for line in grid for b in line
    ]  # fmt: skip
    return {"boxes": boxes, "unplaced": [r.candidate.person for r in unplaced]}


@router.get(
    "/planning/changes", response={200: ChangePage, **ERRORS}, url_name="planning_changes"
)  # fmt: skip
def list_changes(request: HttpRequest, filters: Query[ChangeFilter]) -> dict[str, Any]:
    """Every addition to and removal from the pools in your scope, newest first
    (the record kept for the annual review). An unknown or out-of-scope unit is
    422 on "unit"."""
    actor = request_actor(request)
    unit = None
    if filters.unit is not None:
        unit = selectors.visible_units(actor).filter(pk=filters.unit).first()
        if unit is None:
            raise InvalidInput.single(
                "unit", _("Unknown unit, or it is outside your scope.")
            )
    found = selectors.change_list(
        actor, unit=unit, year=filters.year, pool_id=filters.pool
    )
    return paginate(found, filters)


def _structure_out(found: Structure) -> dict[str, Any]:
    return {
        "total": found.total,
        "shares": [
            {"code": s.code, "count": s.count, "percent": s.percent,
             "target": s.target, "below": s.below}
            for s in found.shares
        ],
    }  # fmt: skip


def _targets_out(actor: Actor, unit: Unit) -> dict[str, Any]:
    targets, record = selectors.targets_for(unit)
    pools = selectors.pool_list(actor, unit=unit)
    found = selectors.pools_structure(pools, targets, timezone.localdate())
    return {
        "unit": unit, **{name: getattr(targets, name) for name in services.TARGET_FIELDS},
        "defaults": record is None, "set_by": record.unit if record else None,
        "structure": _structure_out(found),
    }  # fmt: skip


def _target_unit(actor: Actor, unit_id: int) -> Unit:
    unit = selectors.visible_units(actor).filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit


@router.get(
    "/planning/units/{unit_id}/targets", response={200: StructureTargetsOut, **ERRORS},
    url_name="planning_unit_targets",
)  # fmt: skip
def unit_targets(request: HttpRequest, unit_id: int) -> dict[str, Any]:
    """A unit's structure targets (three age groups, young cadres, women, ethnic
    minorities): its own, those of the nearest unit above that has any, or the
    QĐ 50 defaults (marked "defaults"); with the structure of its planning."""
    actor = request_actor(request)
    return _targets_out(actor, _target_unit(actor, unit_id))


@router.put(
    "/planning/units/{unit_id}/targets", response={200: StructureTargetsOut, **ERRORS},
    url_name="planning_unit_targets_save",
)  # fmt: skip
def save_unit_targets(
    request: HttpRequest, unit_id: int, payload: StructureTargetsIn
) -> dict[str, Any]:
    """Set the unit's own structure targets (they apply to it and to the units
    below without targets of their own). Careers managers of the unit only
    (403); 422 on a percentage outside 0–100 or an older group that does not
    start above the young cadres' age. Audit: planning.targets.saved."""
    actor = request_actor(request)
    unit = _target_unit(actor, unit_id)
    services.save_targets(actor, unit=unit, values=payload.model_dump())
    return _targets_out(actor, unit)
