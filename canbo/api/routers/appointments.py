"""The appointments endpoints of /api/v1: proposals, decisions, checks, due lists.

The same services and scopes as the pages; writes by personnel only (the head's
override stays on the pages).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from canbo.api.auth import request_actor
from canbo.api.lookups import person_ref, post_ref, unit_ref
from canbo.api.pagination import paginate
from canbo.api.schemas.common import (
    ERRORS,
    CodeRef,
    InSchema,
    PageFilter,
    PersonRef,
    Ref,
    UnitRef,
)
from canbo.appointments import checks, selectors, services
from canbo.appointments import messages as texts
from canbo.appointments.models import Appointment, SelectionRound
from canbo.org.models import Unit
from canbo.policy.access import Capability

router = Router(tags=["appointments"])

KindIn = Literal["first", "higher", "equal", "reappointment", "extension"]


class CheckOut(Schema):
    code: str
    rule: str
    severity: str
    overridable: bool
    reason: str
    article: str


class AppointmentOut(Schema):
    id: int
    person: PersonRef
    post: CodeRef
    unit: UnitRef
    kind: str
    source: str
    status: str
    process_started: date
    decision_ref: str
    decision_date: date | None
    term_start: date | None
    term_end: date | None
    previous_id: int | None
    overridden: list[str]
    justification: str
    checks: list[CheckOut]

    @staticmethod
    def resolve_checks(obj: Appointment) -> list[dict[str, Any]]:
        return _checks_out(checks.loaded(obj.checks).checks)


def _checks_out(found: Any) -> list[dict[str, Any]]:
    return [
        {
            "code": c.code, "rule": c.rule, "severity": c.severity,
            "overridable": c.overridable, "reason": texts.explain(c.code, c.params),
            "article": texts.article(c.rule),
        }
        for c in found
    ]  # fmt: skip


class AppointmentPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[AppointmentOut]


class AppointmentFilter(PageFilter):
    status: Literal["proposed", "approved", "refused", "withdrawn", "ended"] | None = (
        None
    )
    person: int | None = Field(None, ge=1)


class ProposeIn(InSchema):
    person: int = Field(ge=1)
    post: Ref
    unit: Ref
    kind: KindIn
    source: Literal["internal", "external"] = "internal"
    process_started: date
    previous: int | None = Field(None, ge=1)
    note: str = Field("", max_length=2000)


class ApproveIn(InSchema):
    decision_ref: str = Field(max_length=100)
    decision_date: date


class RefuseIn(InSchema):
    reason: str = Field(max_length=2000)


class ChecksFilter(Schema):
    person: int = Field(ge=1)
    post: int = Field(ge=1)
    kind: KindIn = "higher"
    source: Literal["internal", "external"] = "internal"
    on: date | None = None


class EligibilityOut(Schema):
    rules: list[str]
    checks: list[CheckOut]
    refused: bool


class DueFilter(PageFilter):
    unit: int | None = Field(None, ge=1)


class TermOut(AppointmentOut):
    notice_due: date | None = None
    notice_overdue: bool = False


class TermPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[TermOut]


class RetirementOut(Schema):
    id: int
    full_name: str
    sex: str
    birth_date: date
    unit: UnitRef
    retires_on: date


class RetirementPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[RetirementOut]


class RoundOut(Schema):
    id: int
    post: CodeRef
    unit: UnitRef
    announced_on: date
    status: str
    parts: list[str]
    candidates: list[dict[str, Any]]

    @staticmethod
    def resolve_parts(obj: SelectionRound) -> list[str]:
        return obj.part_names()

    @staticmethod
    def resolve_candidates(obj: SelectionRound) -> list[dict[str, Any]]:
        return [
            {"name": c.name, "person": c.person_id, "scores": c.scores,
             "total": str(c.total) if c.total is not None else None, "rank": c.rank,
             "selected": c.selected}
            for c in selectors.candidates_of(obj)
        ]  # fmt: skip


class RoundPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[RoundOut]


def _unit(request: HttpRequest, unit_id: int | None) -> Unit | None:
    if unit_id is None:
        return None
    return unit_ref(request_actor(request), unit_id)


@router.get(
    "/appointments",
    response={200: AppointmentPage, **ERRORS},
    url_name="appointment_list",
)
def list_appointments(
    request: HttpRequest, filters: Query[AppointmentFilter]
) -> dict[str, Any]:
    """Appointments and proposals of the units in your scope, newest first."""
    found = selectors.appointments_visible_to(request_actor(request))
    if filters.status is not None:
        found = found.filter(status=filters.status)
    if filters.person is not None:
        found = found.filter(person_id=filters.person)
    return paginate(found.order_by("-process_started", "-id"), filters)


@router.post(
    "/appointments",
    response={201: AppointmentOut, **ERRORS},
    url_name="appointment_propose",
)
def propose(request: HttpRequest, payload: ProposeIn) -> Status[Appointment]:
    """Propose an appointment; the checks run and are stored. Audit: appointments.appointment.proposed."""
    actor = request_actor(request)
    previous = (
        selectors.access_term(actor, payload.previous) if payload.previous else None
    )
    appointment = services.propose(
        actor=actor, person=person_ref(actor, payload.person), post=post_ref(payload.post),
        unit=unit_ref(actor, payload.unit), kind=payload.kind, source=payload.source,
        process_started=payload.process_started, previous=previous, note=payload.note,
    )  # fmt: skip
    return Status(201, appointment)


@router.get(
    "/appointments/checks",
    response={200: EligibilityOut, **ERRORS},
    url_name="appointment_checks",
)
def eligibility(request: HttpRequest, filters: Query[ChecksFilter]) -> dict[str, Any]:
    """The eligibility checks of a person for a post, without proposing anything."""
    actor = request_actor(request)
    person = person_ref(actor, filters.person)
    if not actor.covers(Capability.VIEW_CAREERS, person.unit_path, person.unit_id):
        raise Http404
    result = checks.run(
        person=person, post=post_ref(filters.post), kind=filters.kind, source=filters.source,
        on=filters.on or timezone.localdate(),
    )  # fmt: skip
    return {
        "rules": list(result.rules),
        "checks": _checks_out(result.checks),
        "refused": bool(result.refusals),
    }


@router.get(
    "/appointments/terms-ending",
    response={200: TermPage, **ERRORS},
    url_name="appointment_terms_ending",
)
def terms_ending(request: HttpRequest, filters: Query[DueFilter]) -> dict[str, Any]:
    """Terms ending in the next 6 months, with the reappointment notice due (90 working days)."""
    actor, today = request_actor(request), timezone.localdate()
    found = selectors.terms_ending(
        actor, today=today, unit=_unit(request, filters.unit)
    )
    page = paginate(found, filters)
    notices = selectors.notices(page["results"], today)
    for term in page["results"]:
        notice = notices.get(term.pk)
        term.notice_due = notice.due if notice else None
        term.notice_overdue = bool(notice and notice.overdue)
    return page


@router.get(
    "/appointments/retirements",
    response={200: RetirementPage, **ERRORS},
    url_name="appointment_retirements",
)
def retirements(request: HttpRequest, filters: Query[DueFilter]) -> dict[str, Any]:
    """People in service retiring in the next 24 months (Labour Code art. 169)."""
    actor = request_actor(request)
    found = selectors.retirements(
        actor, today=timezone.localdate(), unit=_unit(request, filters.unit)
    )
    page = paginate(found, filters)
    dates = selectors.retirement_dates(page["results"])
    for person in page["results"]:
        person.retires_on = dates[person.pk]
    return page


@router.get(
    "/appointments/selection-rounds",
    response={200: RoundPage, **ERRORS},
    url_name="appointment_rounds",
)
def rounds(request: HttpRequest, filters: Query[PageFilter]) -> dict[str, Any]:
    """Competitive selection rounds in your scope, with their candidates and scores."""
    found = selectors.rounds_visible_to(request_actor(request))
    return paginate(found.order_by("-announced_on", "-id"), filters)


@router.get(
    "/appointments/{appointment_id}",
    response={200: AppointmentOut, **ERRORS},
    url_name="appointment_detail",
)
def detail(request: HttpRequest, appointment_id: int) -> Appointment:
    return selectors.access_appointment(request_actor(request), appointment_id)


@router.post(
    "/appointments/{appointment_id}/approve",
    response={200: AppointmentOut, **ERRORS},
    url_name="appointment_approve",
)
def approve(
    request: HttpRequest, appointment_id: int, payload: ApproveIn
) -> Appointment:
    """Record the decision and start the term; hard rules refuse with 422. Audit: appointments.appointment.approved."""
    actor = request_actor(request)
    return services.approve(
        actor=actor, appointment=selectors.access_appointment(actor, appointment_id),
        decision_ref=payload.decision_ref, decision_date=payload.decision_date,
    )  # fmt: skip


@router.post(
    "/appointments/{appointment_id}/refuse",
    response={200: AppointmentOut, **ERRORS},
    url_name="appointment_refuse",
)
def refuse(request: HttpRequest, appointment_id: int, payload: RefuseIn) -> Appointment:
    """Refuse a proposal with the reason. Audit: appointments.appointment.refused."""
    actor = request_actor(request)
    return services.refuse(
        actor=actor, appointment=selectors.access_appointment(actor, appointment_id),
        reason=payload.reason,
    )  # fmt: skip
