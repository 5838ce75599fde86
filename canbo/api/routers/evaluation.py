"""Evaluation periods and sheets: read, open, self-assess, review, decide, publish.

The same services and scopes as the pages. A person's own level stays hidden
until the period is published.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Status

from canbo.api.auth import request_actor
from canbo.api.lookups import unit_ref
from canbo.api.pagination import paginate
from canbo.api.routers.tasks import conflicts_as_409
from canbo.api.schemas.common import ERRORS, ErrorOut, PageFilter
from canbo.api.schemas.evaluation import (
    DecisionIn,
    PeriodFilter,
    PeriodOpenIn,
    PeriodOut,
    PeriodPage,
    ReviewIn,
    SelfAssessmentIn,
    SheetFilter,
    SheetOut,
    SheetPage,
)
from canbo.core.actor import Actor
from canbo.evaluation import periods, selectors, sheets
from canbo.evaluation.models import Period, Sheet

router = Router(tags=["evaluation"])
SHEET: dict[int, Any] = {200: SheetOut, **ERRORS, 409: ErrorOut}


def _shown(actor: Actor, sheet: Sheet) -> Sheet:
    """Hide the person's own level until publication, as the pages do."""
    own = actor.person_id is not None and actor.person_id == sheet.person_id
    if own and sheet.period.status != Period.Status.PUBLISHED:
        sheet.level = ""
    return sheet


def _page_shown(
    actor: Actor, sheets: QuerySet[Sheet], filters: PageFilter
) -> dict[str, Any]:
    page = paginate(sheets, filters)
    page["results"] = [_shown(actor, s) for s in page["results"]]
    return page


@router.get(
    "/evaluation/periods", response={200: PeriodPage, **ERRORS}, url_name="period_list"
)
def list_periods(request: HttpRequest, filters: Query[PeriodFilter]) -> dict[str, Any]:
    """Periods of the units in your scope, and those holding your own sheet."""
    found = selectors.periods_visible_to(request_actor(request))
    if filters.unit is not None:
        found = found.filter(unit_id=filters.unit)
    if filters.kind is not None:
        found = found.filter(kind=filters.kind)
    return paginate(found.order_by("-start", "unit_path", "id"), filters)


@router.post(
    "/evaluation/periods", response={201: PeriodOut, **ERRORS}, url_name="period_open"
)
def open_period(request: HttpRequest, payload: PeriodOpenIn) -> Status[Period]:
    """Open a period; its sheets are created in the background. Audit: evaluation.period.opened."""
    actor = request_actor(request)
    values = payload.model_dump(exclude={"unit"})
    period = periods.open_period(
        actor=actor, unit=unit_ref(actor, payload.unit), **values
    )
    return Status(201, period)


@router.get(
    "/evaluation/periods/{period_id}",
    response={200: PeriodOut, **ERRORS},
    url_name="period_detail",
)
def get_period(request: HttpRequest, period_id: int) -> Period:
    return selectors.access_period(request_actor(request), period_id)


@router.get(
    "/evaluation/periods/{period_id}/sheets", response={200: SheetPage, **ERRORS},
    url_name="period_sheets",
)  # fmt: skip
def list_sheets(
    request: HttpRequest, period_id: int, filters: Query[PeriodFilter]
) -> dict[str, Any]:
    """The sheets of a period that you may see."""
    actor = request_actor(request)
    found = selectors.period_sheets(actor, selectors.access_period(actor, period_id))
    return _page_shown(actor, found.select_related("period"), filters)


@router.post(
    "/evaluation/periods/{period_id}/publish", response={200: PeriodOut, **ERRORS},
    url_name="period_publish",
)  # fmt: skip
def publish(request: HttpRequest, period_id: int) -> Period:
    """Publish the results and lock the period. Audit: evaluation.period.published."""
    actor = request_actor(request)
    return periods.publish_period(
        actor=actor, period=selectors.access_period(actor, period_id)
    )


@router.get(
    "/evaluation/sheets", response={200: SheetPage, **ERRORS}, url_name="sheet_list"
)
def list_all_sheets(
    request: HttpRequest, filters: Query[SheetFilter]
) -> dict[str, Any]:
    """Sheets you may see, newest period first: with `person`, their history."""
    actor = request_actor(request)
    found = selectors.sheets_visible_to(actor).select_related("period")
    if filters.person is not None:
        found = found.filter(person_id=filters.person)
    if filters.published is not None:
        published = Q(period__status=Period.Status.PUBLISHED)
        found = found.filter(published if filters.published else ~published)
    ordered = found.order_by("-period__start", "period__kind", "id")
    return _page_shown(actor, ordered, filters)


@router.get(
    "/evaluation/sheets/{sheet_id}",
    response={200: SheetOut, **ERRORS},
    url_name="sheet_detail",
)
def get_sheet(request: HttpRequest, sheet_id: int) -> Sheet:
    actor = request_actor(request)
    return _shown(actor, selectors.access_sheet(actor, sheet_id))


@router.post(
    "/evaluation/sheets/{sheet_id}/self-assessment",
    response=SHEET,
    url_name="sheet_self",
)
def self_assess(
    request: HttpRequest, sheet_id: int, payload: SelfAssessmentIn
) -> Sheet:
    """Score your own general criteria, and submit. Audit: evaluation.sheet.submitted."""
    actor = request_actor(request)
    with conflicts_as_409(sheets.CONFLICT):
        sheet = sheets.self_assess(
            actor=actor, sheet=selectors.access_sheet(actor, sheet_id), points=payload.points,
            comments=payload.comments, review_text=payload.self_review,
            submit=payload.submit, version=payload.version,
        )  # fmt: skip
    return _shown(actor, sheet)


@router.post(
    "/evaluation/sheets/{sheet_id}/review", response=SHEET, url_name="sheet_review"
)
def review(request: HttpRequest, sheet_id: int, payload: ReviewIn) -> Sheet:
    """Review a submitted sheet and propose a level. Audit: evaluation.sheet.reviewed."""
    actor = request_actor(request)
    with conflicts_as_409(sheets.CONFLICT):
        return sheets.review_sheet(
            actor=actor, sheet=selectors.access_sheet(actor, sheet_id), points=payload.points,
            reason=payload.reason, proposed_level=payload.proposed_level,
            leader_parts=payload.leader_parts, version=payload.version,
        )  # fmt: skip


@router.post(
    "/evaluation/sheets/{sheet_id}/decision", response=SHEET, url_name="sheet_decision"
)
def decide(request: HttpRequest, sheet_id: int, payload: DecisionIn) -> Sheet:
    """Decide the level of a reviewed sheet. Audit: evaluation.sheet.decided."""
    actor = request_actor(request)
    with conflicts_as_409(sheets.CONFLICT):
        return sheets.decide_sheet(
            actor=actor, sheet=selectors.access_sheet(actor, sheet_id), level=payload.level,
            note=payload.note, version=payload.version,
        )  # fmt: skip
