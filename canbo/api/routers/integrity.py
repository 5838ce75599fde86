"""The integrity endpoints of /api/v1: analysis runs, their findings and the
template texts. The same services and scopes as the pages (canbo/integrity):
findings are seen with the right to view integrity findings over their unit,
favouritism findings only by personnel officers and auditors."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from canbo.api.auth import request_actor
from canbo.api.lookups import unit_ref
from canbo.api.pagination import paginate
from canbo.api.schemas.common import ERRORS, InSchema, PageFilter, Ref
from canbo.core.actor import Actor
from canbo.core.errors import NotAllowed
from canbo.integrity import detectors, selectors, services
from canbo.integrity.models import Detector, Finding, Run, TemplateText

router = Router(tags=["integrity"])


class RunOut(Schema):
    id: int
    unit: int = Field(validation_alias="unit_id")
    unit_name: str = Field(validation_alias="unit.name")
    year: int
    detectors: list[str]
    thresholds: dict[str, Any] = Field(description="The settings the run used.")
    status: str = Field(description='"queued", "running", "done" or "failed".')
    progress: int = Field(description="Percent done.")
    message: str = Field(
        description="While running, the analysis at work; once failed, why "
        "(a run with no progress for a while is marked failed: start it again)."
    )
    findings_count: int
    stats: dict[str, Any] = Field(
        description="Per analysis: texts read, findings, seconds."
    )
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None

    @staticmethod
    def resolve_message(obj: Run) -> str:
        if obj.status == Run.Status.FAILED:
            return services.failure_message(obj)
        return obj.message


class RunPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[RunOut]


class RunIn(InSchema):
    unit: Ref = Field(description="The unit (id or code); its subtree is analysed.")
    year: int = Field(ge=2000, le=2100)
    detectors: list[str] = Field(
        min_length=1,
        max_length=10,
        description="Any of: " + ", ".join(detectors.RUNNABLE) + ".",
    )
    thresholds: dict[str, float | int | str] = Field(
        default_factory=dict,
        description='Settings over the defaults, e.g. {"copied_similarity": 0.6}.',
    )


class FindingOut(Schema):
    id: int
    run: int = Field(validation_alias="run_id")
    detector: str
    unit: int = Field(validation_alias="unit_id")
    unit_name: str = Field(validation_alias="unit.name")
    period: int | None = Field(validation_alias="period_id")
    person: int | None = Field(validation_alias="person_id")
    other: int | None = Field(validation_alias="other_id")
    statistic: Decimal
    threshold: Decimal
    comparison: str = Field(description="The comparison group, in words.")
    summary: str
    status: str = Field(description='"open", "confirmed" or "dismissed".')
    review_note: str
    reviewed_at: datetime | None
    created_at: datetime


class FindingDetailOut(FindingOut):
    evidence: dict[str, Any] = Field(
        description="The figures behind the finding; for copied texts both texts "
        "and the shared passages as word spans [a_start, a_end, b_start, b_end]."
    )


class FindingPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[FindingOut]


class FindingFilter(PageFilter):
    detector: Detector | None = None
    unit: int | None = Field(None, description="Findings in this unit and below it.")
    status: Finding.Status | None = None
    period: int | None = Field(None, ge=1)
    run: int | None = Field(None, ge=1)


class ReviewIn(InSchema):
    status: Finding.Status
    note: str = Field("", max_length=4000)


class TemplateOut(Schema):
    id: int
    unit: int = Field(validation_alias="unit_id")
    title: str
    text: str
    created_at: datetime


class TemplatePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[TemplateOut]


class TemplateIn(InSchema):
    unit: Ref
    title: str = Field(min_length=1, max_length=200)
    text: str = Field(min_length=1, max_length=20000)


def _finding_filters(actor: Actor, filters: FindingFilter) -> selectors.FindingFilter:
    unit = unit_ref(actor, filters.unit) if filters.unit is not None else None
    return selectors.FindingFilter(
        detector=str(filters.detector or ""), unit=unit,
        status=str(filters.status or ""), period_id=filters.period,
        run_id=filters.run,
    )  # fmt: skip


@router.get("/integrity/runs", response={200: RunPage, **ERRORS}, url_name="run_list")
def list_runs(request: HttpRequest, filters: Query[PageFilter]) -> dict[str, Any]:
    """Analysis runs over units in your scope, newest first."""
    return paginate(selectors.latest_runs(request_actor(request)), filters)


@router.post("/integrity/runs", response={201: RunOut, **ERRORS}, url_name="run_start")
def start_run(request: HttpRequest, payload: RunIn) -> Status[Run]:
    """Start a run of the chosen analyses over a unit's subtree and a year; it
    works in the background (poll the run for its progress). 403 without the
    right to run the analytics there; 422 naming the field for an unknown
    analysis or a threshold out of range. Audit: integrity.run.started."""
    actor = request_actor(request)
    run = services.start_run(
        actor=actor, unit=unit_ref(actor, payload.unit), year=payload.year,
        detectors=payload.detectors, thresholds=payload.thresholds,
    )  # fmt: skip
    return Status(201, selectors.access_run(actor, run.pk))


@router.get(
    "/integrity/runs/{run_id}", response={200: RunOut, **ERRORS}, url_name="run_detail"
)
def get_run(request: HttpRequest, run_id: int) -> Run:
    """One run: its status, progress, settings and figures."""
    return selectors.access_run(request_actor(request), run_id)


@router.get(
    "/integrity/findings",
    response={200: FindingPage, **ERRORS},
    url_name="finding_list",
)
def list_findings(
    request: HttpRequest, filters: Query[FindingFilter]
) -> dict[str, Any]:
    """Findings in your scope, newest first: each a signal for review, not a verdict."""
    actor = request_actor(request)
    listed = selectors.finding_list(actor, _finding_filters(actor, filters))
    return paginate(listed, filters)


@router.get(
    "/integrity/findings/{finding_id}",
    response={200: FindingDetailOut, **ERRORS},
    url_name="finding_detail",
)
def get_finding(request: HttpRequest, finding_id: int) -> Finding:
    """One finding with its evidence."""
    return selectors.access_finding(request_actor(request), finding_id)


@router.post(
    "/integrity/findings/{finding_id}/review",
    response={200: FindingDetailOut, **ERRORS},
    url_name="finding_review",
)
def review_finding(request: HttpRequest, finding_id: int, payload: ReviewIn) -> Finding:
    """Confirm or dismiss a finding with a note (or reopen it). 403 without the
    right to run the analytics over its unit; 422 when the note is missing.
    Audit: integrity.finding.reviewed."""
    actor = request_actor(request)
    finding = selectors.access_finding(actor, finding_id)
    if not selectors.can_review(actor, finding):
        raise NotAllowed
    return services.review_finding(
        actor=actor, finding=finding, status=str(payload.status), note=payload.note
    )


@router.delete(
    "/integrity/templates/{template_id}",
    response={204: None, **ERRORS},
    url_name="template_delete",
)
def delete_template(request: HttpRequest, template_id: int) -> Status[None]:
    """Remove a registered template text; earlier findings keep their evidence.
    404 for a template outside the units where you may run the analytics.
    Audit: integrity.template.deleted."""
    actor = request_actor(request)
    template = selectors.access_template(actor, template_id)
    services.delete_template(actor=actor, template=template)
    return Status(204, None)


@router.get(
    "/integrity/templates",
    response={200: TemplatePage, **ERRORS},
    url_name="template_list",
)
def list_templates(request: HttpRequest, filters: Query[PageFilter]) -> dict[str, Any]:
    """Template texts registered in your scope."""
    actor = request_actor(request)
    listed = selectors.templates_visible_to(actor).order_by("title", "id")
    return paginate(listed, filters)


@router.post(
    "/integrity/templates",
    response={201: TemplateOut, **ERRORS},
    url_name="template_create",
)
def create_template(request: HttpRequest, payload: TemplateIn) -> Status[TemplateText]:
    """Register a model text an agency circulated: copies of it are reported as
    "template" findings, apart from copies between colleagues. 403 without the
    right to run the analytics in that unit. Audit: integrity.template.created."""
    actor = request_actor(request)
    template = services.register_template(
        actor=actor, unit=unit_ref(actor, payload.unit), title=payload.title,
        text=payload.text,
    )  # fmt: skip
    return Status(201, template)
