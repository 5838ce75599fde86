"""The insight endpoints of /api/v1: a unit's dashboard figures for a year, the
refresh of its stored figures, and the comparison with equivalent posts. The
same selectors, services and scopes as the pages (canbo/insight)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from canbo.api.auth import request_actor
from canbo.api.lookups import job_position_ref, post_ref
from canbo.api.schemas.common import ERRORS, InSchema, ObjectId
from canbo.core.errors import InvalidInput
from canbo.core.http import require_anywhere
from canbo.insight import selectors, services
from canbo.policy.access import Capability

router = Router(tags=["insight"])
Year = Field(None, ge=2000, le=2100, description="Default: this year.")


class DashboardFilter(Schema):
    unit: int | None = Field(
        None, ge=1, description="Unit id; default: your highest unit in scope."
    )
    year: int | None = Year


class DashboardOut(Schema):
    unit: int
    unit_name: str
    year: int
    snapshot: bool = Field(description="True: stored figures, computed at `as_of`.")
    as_of: datetime | None = Field(description="When the stored figures were computed.")
    due: dict[str, int] | None = Field(
        None,
        description=(
            "For those who see careers in the whole unit: retirements in 12 months, "
            "terms ending in 6, rotations due, salary raises due in 3 (null otherwise)."
        ),
    )
    computing: bool = Field(
        False,
        description=(
            "True (status 202): a large unit's first figures are being computed in "
            "the background; `figures` is empty; ask again in a few seconds."
        ),
    )
    figures: dict[str, Any] = Field(
        description=(
            "levels (annual levels of the year; 'undecided': no level yet), history "
            "(the same per year, five years), months (monthly sheets: count, mean "
            "score, task completion percent, levels), tasks and task_months (due in the "
            "year: total, accepted, late, overdue), structure (staff in service: "
            "women, young, ethnic minorities, age pyramid by sex, education, "
            "political theory, targets), children (each unit below, its subtree)."
        )
    )


@router.get(
    "/insight/dashboard",
    response={200: DashboardOut, 202: DashboardOut, **ERRORS},
    url_name="dashboard",
)
def dashboard(
    request: HttpRequest, filters: Query[DashboardFilter]
) -> Status[dict[str, Any]]:
    """The dashboard figures of a unit and everything below it in your scope."""
    actor = request_actor(request)
    require_anywhere(actor, Capability.VIEW_DASHBOARDS)
    today = timezone.localdate()
    unit = (
        selectors.access_unit(actor, filters.unit)
        if filters.unit
        else selectors.default_unit(actor)
    )
    board = services.board_for(actor, unit, filters.year or today.year, today=today)
    due = (
        None if board.pending else selectors.coming_due(actor, unit, board, today=today)
    )
    body = {
        "unit": unit.pk,
        "unit_name": unit.name,
        "year": board.year,
        "snapshot": board.snapshot,
        "as_of": board.as_of,
        "computing": board.pending,
        "due": asdict(due) if due is not None else None,
        "figures": {k: v for k, v in board.figures.items() if k != "due"},
    }
    return Status(202 if board.pending else 200, body)


class RefreshIn(InSchema):
    year: int | None = Year


class RefreshOut(Schema):
    unit: int
    year: int
    queued: bool = Field(description="The recomputation runs in the background.")


@router.post(
    "/insight/units/{unit_id}/refresh",
    response={200: RefreshOut, **ERRORS},
    url_name="dashboard_refresh",
)
def refresh(
    request: HttpRequest, unit_id: ObjectId, payload: RefreshIn
) -> dict[str, Any]:
    """Queue a recomputation of a unit's stored figures (run the analytics or
    open periods over the unit)."""
    actor = request_actor(request)
    require_anywhere(actor, Capability.VIEW_DASHBOARDS)
    unit = selectors.access_unit(actor, unit_id)
    if not services.may_refresh(actor, unit):
        raise Http404
    year = payload.year or timezone.localdate().year
    services.request_refresh(actor=actor, unit=unit, year=year)
    return {"unit": unit.pk, "year": year, "queued": True}


class CompareFilter(Schema):
    post: str | None = Field(
        None, min_length=1, max_length=32, description="Post code, or id."
    )
    job_position: str | None = Field(
        None, min_length=1, max_length=32, description="Job position code, or id."
    )
    year: int | None = Field(None, ge=2000, le=2100, description="Default: last year.")


def _by_code_or_id[M](
    find: Callable[[int | str, str], M], ref: str | None, field: str
) -> M | None:
    """A query string carries text: the code first, then the id if it is a number."""
    if ref is None:
        return None
    try:
        return find(ref, field)
    except InvalidInput:
        if not ref.isdigit():
            raise
        return find(int(ref), field)


class ComparedOut(Schema):
    rank: int | None = Field(description="Null: no published annual result.")
    person: int
    person_name: str
    unit: int
    unit_name: str
    score: Decimal | None
    level: str
    kpi: int | None = Field(
        description="Converted products completed / assigned, percent."
    )
    unit_score: Decimal | None
    unit_level: str


@router.get(
    "/insight/compare", response={200: list[ComparedOut], **ERRORS}, url_name="compare"
)
def compare(
    request: HttpRequest, filters: Query[CompareFilter]
) -> list[dict[str, Any]]:
    """The holders of a post or job position in your scope, ranked by their
    published annual score, then KPI."""
    actor = request_actor(request)
    require_anywhere(actor, Capability.VIEW_DASHBOARDS)
    if (filters.post is None) == (filters.job_position is None):
        raise InvalidInput.single("post", _("Give a post or a job position, not both."))
    post = _by_code_or_id(post_ref, filters.post, "post")
    position = _by_code_or_id(job_position_ref, filters.job_position, "job_position")
    year = filters.year or timezone.localdate().year - 1
    rows = selectors.compare(actor, year=year, post=post, position=position)
    return [
        {
            "rank": r.rank,
            "person": r.assignment.person_id,
            "person_name": r.assignment.person.full_name,
            "unit": r.assignment.unit_id,
            "unit_name": r.assignment.unit.name,
            "score": r.score,
            "level": r.level,
            "kpi": r.kpi,
            "unit_score": r.unit_score,
            "unit_level": r.unit_level,
        }
        for r in rows
    ]
