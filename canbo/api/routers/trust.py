"""The trust endpoints of /api/v1: trust votes, the people flagged by their
latest vote, and the relatives' conflicts. The same services and scopes as the
pages (canbo/trust)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field

from canbo.api.auth import request_actor
from canbo.api.lookups import patch_values, person_ref, post_ref, unit_ref
from canbo.api.pagination import paginate
from canbo.api.schemas.common import (
    ERRORS,
    MAX_INT,
    InSchema,
    ObjectId,
    PageFilter,
    Ref,
)
from canbo.core.actor import Actor
from canbo.core.errors import InvalidInput
from canbo.people.conflicts import Case, conflict_cases
from canbo.policy.access import Capability
from canbo.trust import conflicts, messages, selectors, services
from canbo.trust.models import ConflictWaiver, TrustVote

router = Router(tags=["trust"])
Count = Field(ge=0, le=MAX_INT)
CountOrNone = Field(None, ge=0, le=MAX_INT)


class VoteOut(Schema):
    id: int
    person: int = Field(validation_alias="person_id")
    person_name: str = Field(validation_alias="person.full_name")
    unit: int = Field(validation_alias="unit_id")
    post: int | None = Field(validation_alias="post_id")
    held_on: date
    body: str
    summoned: int
    returned: int
    high: int
    trust: int
    low: int
    outcome: str = Field(description='"none", "review" or "dismiss" (QĐ 96-QĐ/TW).')
    outcome_explained: str
    minutes_ref: str

    @staticmethod
    def resolve_outcome_explained(obj: TrustVote) -> str:
        return str(messages.OUTCOME_EXPLAINED[obj.outcome])


class VotePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[VoteOut]


class VoteFilter(PageFilter):
    unit: int | None = Field(None, description="Votes in this unit and below it.")
    year: int | None = Field(None, ge=2000, le=2100)
    outcome: TrustVote.Outcome | None = None
    person: int | None = Field(None, ge=1)


class VoteIn(InSchema):
    person: ObjectId
    post: Ref | None = Field(
        None, description="Id or code; default: the leadership post held that day."
    )
    held_on: date
    body: str = Field(min_length=1, max_length=200)
    summoned: int = Count
    returned: int = Count
    high: int = Count
    trust: int = Count
    low: int = Count
    minutes_ref: str = Field("", max_length=100)


class VotePatch(InSchema):
    post: Ref | None = Field(None, description="Id or code; null: no post recorded.")
    held_on: date | None = None
    body: str | None = Field(None, min_length=1, max_length=200)
    summoned: int | None = CountOrNone
    returned: int | None = CountOrNone
    high: int | None = CountOrNone
    trust: int | None = CountOrNone
    low: int | None = CountOrNone
    minutes_ref: str | None = Field(None, max_length=100)


# Fields of VotePatch that may be set to null.
VOTE_NULLABLE = frozenset({"post"})
# The most people one session may vote on (the rows of the session page).
SESSION_ROWS = 60


class SessionRowIn(InSchema):
    person: ObjectId
    post: Ref | None = Field(
        None, description="Id or code; default: the leadership post held that day."
    )
    high: int = Count
    trust: int = Count
    low: int = Count


class SessionIn(InSchema):
    held_on: date
    body: str = Field(min_length=1, max_length=200)
    summoned: int = Count
    returned: int = Count
    minutes_ref: str = Field("", max_length=100)
    rows: list[SessionRowIn] = Field(
        max_length=SESSION_ROWS,
        description="One row per person voted on: their high, trust and low ballots.",
    )


class WaiverIn(InSchema):
    unit: Ref = Field(description="The unit (id or code) where the rule is set aside.")
    leader: ObjectId = Field(description="Staff record id of the head or deputy head.")
    relative: ObjectId = Field(description="Staff record id of the relative.")
    justification: str = Field(
        min_length=1, max_length=4000,
        description="Why the rule is set aside here; at least 20 characters.",
    )  # fmt: skip


class WaiverOut(Schema):
    id: int
    unit: int = Field(validation_alias="unit_id")
    leader: int = Field(validation_alias="leader_id")
    relative: int = Field(validation_alias="relative_id")
    justification: str
    granted_at: datetime


class CaseOut(Schema):
    unit: int
    unit_name: str
    leader: int
    leader_name: str
    leader_post: str
    relative: int
    relative_name: str
    relation: str
    declared_by_leader: bool
    restricted: str
    role: str
    set_aside: bool


class CasePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[CaseOut]


def _filters(actor: Actor, filters: VoteFilter) -> selectors.VoteFilter:
    unit = None
    if filters.unit is not None:
        unit = unit_ref(actor, filters.unit)
    return selectors.VoteFilter(
        unit=unit,
        year=filters.year,
        outcome=str(filters.outcome or ""),
        person_id=filters.person,
    )


@router.get("/trust/votes", response={200: VotePage, **ERRORS}, url_name="vote_list")
def list_votes(request: HttpRequest, filters: Query[VoteFilter]) -> dict[str, Any]:
    """Trust votes of the units in your careers scope, newest first."""
    actor = request_actor(request)
    return paginate(selectors.vote_list(actor, _filters(actor, filters)), filters)


@router.post("/trust/votes", response={201: VoteOut, **ERRORS}, url_name="vote_create")
def create_vote(request: HttpRequest, payload: VoteIn) -> Status[TrustVote]:
    """Record a vote; its outcome is computed. Refused (422, naming the field) when
    more ballots are returned than people summoned, the ballots exceed those
    returned, or without a quorum of two thirds. Audit: trust.vote.created."""
    actor = request_actor(request)
    values = payload.model_dump(exclude={"person", "post"})
    vote = services.record_vote(
        actor=actor,
        person=person_ref(actor, payload.person),
        post=post_ref(payload.post) if payload.post is not None else None,
        **values,
    )
    return Status(201, selectors.access_vote(actor, vote.pk))


def _session_rows(actor: Actor, rows: list[SessionRowIn]) -> list[services.SessionRow]:
    """Resolve each row's person and post; every unknown one is named ("rows.<n>.person")."""
    found: list[services.SessionRow] = []
    errors: dict[str, list[str]] = {}
    for n, row in enumerate(rows):
        try:
            person = person_ref(actor, row.person, f"rows.{n}.person")
            post = None if row.post is None else post_ref(row.post, f"rows.{n}.post")
        except InvalidInput as error:
            errors.update(error.errors)
            continue
        found.append(services.SessionRow(person, row.high, row.trust, row.low, post))
    if errors:
        raise InvalidInput(errors)
    return found


@router.post(
    "/trust/sessions", response={201: list[VoteOut], **ERRORS}, url_name="vote_session"
)
def record_session(request: HttpRequest, payload: SessionIn) -> Status[list[TrustVote]]:
    """Record the votes of one session: the same body, day, people summoned and
    ballots returned, one row per person voted on. All or nothing: refused (422)
    when no row is given, a person appears twice, or any row breaks the rules of
    a single vote (errors on "rows.<n>.<field>", or on the shared field).
    Audit: trust.vote.created, once per person."""
    actor = request_actor(request)
    votes = services.record_session(
        actor=actor,
        rows=_session_rows(actor, payload.rows),
        **payload.model_dump(exclude={"rows"}),
    )
    return Status(201, votes)


@router.get(
    "/trust/votes/{vote_id}", response={200: VoteOut, **ERRORS}, url_name="vote_detail"
)
def get_vote(request: HttpRequest, vote_id: int) -> TrustVote:
    """One vote, with its outcome explained."""
    return selectors.access_vote(request_actor(request), vote_id)


@router.patch(
    "/trust/votes/{vote_id}", response={200: VoteOut, **ERRORS}, url_name="vote_update"
)
def update_vote(request: HttpRequest, vote_id: int, payload: VotePatch) -> TrustVote:
    """Correct a vote (only the fields sent change); the outcome is computed again.
    Refused like a new vote (422, naming the field); 403 without the right to
    manage careers in the person's unit. Audit: trust.vote.updated."""
    actor = request_actor(request)
    vote = selectors.access_vote(actor, vote_id)
    values = patch_values(payload, VOTE_NULLABLE)
    if values.get("post") is not None:
        values["post"] = post_ref(values["post"])
    return services.update_vote(actor=actor, vote=vote, **values)


@router.delete(
    "/trust/votes/{vote_id}", response={204: None, **ERRORS}, url_name="vote_delete"
)
def delete_vote(request: HttpRequest, vote_id: int) -> Status[None]:
    """Remove a vote entered by mistake; 403 without the right to manage careers
    in the person's unit. Audit: trust.vote.deleted."""
    actor = request_actor(request)
    services.delete_vote(actor=actor, vote=selectors.access_vote(actor, vote_id))
    return Status(204, None)


@router.get("/trust/flagged", response={200: VotePage, **ERRORS}, url_name="flagged")
def list_flagged(request: HttpRequest, filters: Query[VoteFilter]) -> dict[str, Any]:
    """Each person whose latest vote is "review" or "dismiss", with that vote."""
    actor = request_actor(request)
    return paginate(selectors.flagged(actor, _filters(actor, filters)), filters)


@router.get(
    "/trust/conflicts", response={200: CasePage, **ERRORS}, url_name="conflicts"
)
def list_conflicts(request: HttpRequest, filters: Query[PageFilter]) -> dict[str, Any]:
    """Relatives' conflicts in your scope (Luật PCTN 36/2018 art. 20.3)."""
    actor = request_actor(request)
    if not actor.can_anywhere(Capability.VIEW_CAREERS):
        return {"count": 0, "page": filters.page, "page_size": filters.page_size,
                "results": []}  # fmt: skip
    rows = conflict_cases(actor, today=timezone.localdate())
    page = paginate(rows, filters)
    page["results"] = [_case(Case(*row)) for row in page["results"]]
    return page


@router.post(
    "/trust/conflicts/set-aside",
    response={200: WaiverOut, **ERRORS},
    url_name="conflict_set_aside",
)
def set_aside_conflict(request: HttpRequest, payload: WaiverIn) -> ConflictWaiver:
    """A head sets the relatives' rule (Luật PCTN 36/2018 art. 20.3) aside for one
    leader and one relative in one unit, with a written justification; doing it
    again replaces the justification. 403 without the right to override rules in
    that unit; refused (422, naming the field) when the two are not declared close
    relatives of each other or the justification is under 20 characters.
    Audit: trust.conflict.overridden."""
    actor = request_actor(request)
    errors: dict[str, list[str]] = {}
    refs: dict[str, Any] = {}
    for field, find in (
        ("unit", lambda: unit_ref(actor, payload.unit)),
        ("leader", lambda: person_ref(actor, payload.leader, "leader")),
        ("relative", lambda: person_ref(actor, payload.relative, "relative")),
    ):
        try:
            refs[field] = find()
        except InvalidInput as error:
            errors.update(error.errors)
    if errors:
        raise InvalidInput(errors)
    return conflicts.waive_conflict(
        actor=actor, justification=payload.justification, **refs
    )


def _case(case: Case) -> dict[str, Any]:
    return {
        "unit": case.unit_id, "unit_name": case.unit_name, "leader": case.leader_id,
        "leader_name": case.leader_name, "leader_post": case.leader_post,
        "relative": case.relative_id, "relative_name": case.relative_name,
        "relation": case.relation, "declared_by_leader": case.declared_by_leader,
        "restricted": case.restricted, "role": case.role, "set_aside": case.waived,
    }  # fmt: skip
