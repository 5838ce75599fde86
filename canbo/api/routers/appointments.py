"""The appointments endpoints of /api/v1: proposals, decisions, checks, due lists,
renewals, extension ballots, selection rounds and public holidays.

The same services and scopes as the pages: personnel (MANAGE_CAREERS) propose,
decide, record and renew; a head (OVERRIDE_RULES) sets aside an overridable rule
and decides a tied ballot; an admin (MANAGE_CATALOGUES) edits the public holidays.
"""

from __future__ import annotations

import datetime as dt
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

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
from canbo.appointments.models import (
    Appointment,
    ExtensionBallot,
    PublicHoliday,
    SelectionCandidate,
    SelectionRound,
)
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


class BallotOut(Schema):
    held_on: date
    voters: int
    agree: int
    disagree: int
    outcome: str
    head_decision: str
    head_note: str
    passed: bool


class AppointmentDetailOut(AppointmentOut):
    """One appointment as its page shows it: the refusals still standing in the way of
    the approval (those a head has not set aside) and the extension ballot."""

    blocking: list[CheckOut]
    ballot: BallotOut | None

    @staticmethod
    def resolve_blocking(obj: Appointment) -> list[dict[str, Any]]:
        return _checks_out(checks.loaded(obj.checks).blocking(obj.overridden))

    @staticmethod
    def resolve_ballot(obj: Appointment) -> ExtensionBallot | None:
        return selectors.ballot_of(obj)


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


class WithdrawIn(InSchema):
    reason: str = Field(max_length=2000)


class OverrideIn(InSchema):
    codes: list[Annotated[str, Field(max_length=64)]] = Field(max_length=50)
    justification: str = Field(max_length=4000)


class BallotIn(InSchema):
    held_on: date
    voters: int = Field(ge=0, le=500)
    agree: int = Field(ge=0, le=500)
    disagree: int = Field(ge=0, le=500)


class TieIn(InSchema):
    decision: Literal["agree", "disagree"]
    note: str = Field(max_length=2000)


class RenewIn(InSchema):
    kind: Literal["reappointment", "extension"]
    process_started: date
    note: str = Field("", max_length=2000)


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
    has_renewal: bool = False


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


class CandidateOut(Schema):
    id: int
    name: str
    person: int | None
    scores: dict[str, str]
    total: str | None
    rank: int | None
    selected: bool
    appointment: int | None

    @staticmethod
    def resolve_person(obj: SelectionCandidate) -> int | None:
        return obj.person_id

    @staticmethod
    def resolve_total(obj: SelectionCandidate) -> str | None:
        return str(obj.total) if obj.total is not None else None

    @staticmethod
    def resolve_appointment(obj: SelectionCandidate) -> int | None:
        return obj.appointment_id


class RoundOut(Schema):
    id: int
    post: CodeRef
    unit: UnitRef
    announced_on: date
    status: str
    parts: list[str]
    candidates: list[CandidateOut]

    @staticmethod
    def resolve_parts(obj: SelectionRound) -> list[str]:
        return obj.part_names()

    @staticmethod
    def resolve_candidates(obj: SelectionRound) -> list[SelectionCandidate]:
        return list(selectors.candidates_of(obj))


class RoundIn(InSchema):
    post: Ref
    unit: Ref
    announced_on: date
    parts: str = Field(
        "Đề án;Phỏng vấn",
        min_length=1,
        max_length=200,
        description="Names of the scored parts, separated by semicolons.",
    )


class CandidateIn(InSchema):
    person: int | None = Field(None, ge=1, description="A staff record in your scope.")
    external_name: str = Field(
        "", max_length=100, description="Or the name of a candidate from outside."
    )
    scores: dict[Annotated[str, Field(max_length=200)], Decimal] = Field(
        description="A score from 0 to 100 for each part of the round, by the part's name."
    )


class WinnerIn(InSchema):
    process_started: date


class HolidayOut(Schema):
    id: int
    date: dt.date
    name: str


class HolidayPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[HolidayOut]


class HolidayIn(InSchema):
    date: dt.date
    name: str = Field(max_length=100)


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
    """Terms ending in the next 6 months, earliest first, with the reappointment notice
    due (90 working days before the end, skipping weekends and public holidays), whether
    it is overdue, and whether a renewal is already proposed."""
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


@router.post(
    "/appointments/selection-rounds",
    response={201: RoundOut, **ERRORS},
    url_name="appointment_round_open",
)
def open_round(request: HttpRequest, payload: RoundIn) -> Status[SelectionRound]:
    """Announce a competitive selection (thi tuyển) for a leadership post of a unit in
    your scope, with its scored parts. Refused (422): a post that is not a leadership
    post, no part named, a unit outside your scope. Audit: appointments.selection.opened."""
    actor = request_actor(request)
    selection = services.open_round(
        actor=actor, post=post_ref(payload.post), unit=unit_ref(actor, payload.unit),
        announced_on=payload.announced_on, parts=payload.parts,
    )  # fmt: skip
    return Status(201, selection)


@router.get(
    "/appointments/selection-rounds/{round_id}",
    response={200: RoundOut, **ERRORS},
    url_name="appointment_round_detail",
)
def round_detail(request: HttpRequest, round_id: int) -> SelectionRound:
    """A selection round with its candidates, their scores, totals and ranks."""
    return selectors.access_round(request_actor(request), round_id)


@router.post(
    "/appointments/selection-rounds/{round_id}/candidates",
    response={201: CandidateOut, **ERRORS},
    url_name="appointment_round_candidate_add",
)
def add_candidate(
    request: HttpRequest, round_id: int, payload: CandidateIn
) -> Status[SelectionCandidate]:
    """Add a candidate (a staff record in your scope, or a name from outside) with a
    score from 0 to 100 for each part; the totals and ranks follow. Refused (422): a
    closed round, a missing or out-of-range score, a person already a candidate.
    Audit: appointments.selection.candidate_added."""
    actor = request_actor(request)
    selection = selectors.access_round(actor, round_id)
    person = person_ref(actor, payload.person) if payload.person is not None else None
    candidate = services.add_candidate(
        actor=actor, selection=selection, person=person,
        external_name=payload.external_name, scores=payload.scores,
    )  # fmt: skip
    return Status(201, candidate)


@router.post(
    "/appointments/selection-candidates/{candidate_id}/win",
    response={201: AppointmentDetailOut, **ERRORS},
    url_name="appointment_round_winner",
)
def choose_winner(
    request: HttpRequest, candidate_id: int, payload: WinnerIn
) -> Status[Appointment]:
    """Choose the winner of an open round: the round is decided and the winner
    proposed for appointment to its post (the new proposal is returned). Refused
    (422): a closed round, a candidate from outside without a staff record. Audit:
    appointments.selection.decided and appointments.appointment.proposed."""
    actor = request_actor(request)
    proposal = services.choose_winner(
        actor=actor, candidate=selectors.access_candidate(actor, candidate_id),
        process_started=payload.process_started,
    )  # fmt: skip
    return Status(201, proposal)


@router.get(
    "/appointments/holidays",
    response={200: HolidayPage, **ERRORS},
    url_name="appointment_holidays",
)
def holidays(request: HttpRequest, filters: Query[PageFilter]) -> dict[str, Any]:
    """The public holidays, earliest first: the working-day calendar of the 90-working-day
    reappointment notice. Empty for those who see no careers data."""
    return paginate(selectors.public_holidays(request_actor(request)), filters)


@router.post(
    "/appointments/holidays",
    response={201: HolidayOut, **ERRORS},
    url_name="appointment_holiday_add",
)
def add_holiday(request: HttpRequest, payload: HolidayIn) -> Status[PublicHoliday]:
    """Add a public holiday (admin: MANAGE_CATALOGUES). Refused (422): a day that is
    already a holiday, no name. Audit: appointments.holiday.added."""
    holiday = services.add_holiday(
        actor=request_actor(request), day=payload.date, name=payload.name
    )
    return Status(201, holiday)


@router.delete(
    "/appointments/holidays/{holiday_id}",
    response={204: None, **ERRORS},
    url_name="appointment_holiday_remove",
)
def remove_holiday(request: HttpRequest, holiday_id: int) -> Status[None]:
    """Remove a public holiday (admin: MANAGE_CATALOGUES). Audit: appointments.holiday.removed."""
    actor = request_actor(request)
    services.remove_holiday(
        actor=actor, holiday=selectors.access_holiday(actor, holiday_id)
    )
    return Status(204, None)


@router.get(
    "/appointments/{appointment_id}",
    response={200: AppointmentDetailOut, **ERRORS},
    url_name="appointment_detail",
)
def detail(request: HttpRequest, appointment_id: int) -> Appointment:
    """An appointment or proposal with its checks, the refusals still blocking its
    approval and its extension ballot."""
    return selectors.access_appointment(request_actor(request), appointment_id)


@router.post(
    "/appointments/{appointment_id}/approve",
    response={200: AppointmentDetailOut, **ERRORS},
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
    response={200: AppointmentDetailOut, **ERRORS},
    url_name="appointment_refuse",
)
def refuse(request: HttpRequest, appointment_id: int, payload: RefuseIn) -> Appointment:
    """Refuse a proposal with the reason. Audit: appointments.appointment.refused."""
    actor = request_actor(request)
    return services.refuse(
        actor=actor, appointment=selectors.access_appointment(actor, appointment_id),
        reason=payload.reason,
    )  # fmt: skip


@router.post(
    "/appointments/{appointment_id}/withdraw",
    response={200: AppointmentDetailOut, **ERRORS},
    url_name="appointment_withdraw",
)
def withdraw(
    request: HttpRequest, appointment_id: int, payload: WithdrawIn
) -> Appointment:
    """Withdraw a proposal with the reason. Refused (422): a proposal already decided or
    withdrawn, no reason. Audit: appointments.appointment.withdrawn."""
    actor = request_actor(request)
    return services.withdraw(
        actor=actor, appointment=selectors.access_appointment(actor, appointment_id),
        reason=payload.reason,
    )  # fmt: skip


@router.post(
    "/appointments/{appointment_id}/override",
    response={200: AppointmentDetailOut, **ERRORS},
    url_name="appointment_override",
)
def override(
    request: HttpRequest, appointment_id: int, payload: OverrideIn
) -> Appointment:
    """A head (OVERRIDE_RULES) sets aside refusals of an open proposal marked overridable,
    with a written justification (at least 20 characters). Refused (422, on `codes`): a
    code that is not a refusal of the proposal, a rule that cannot be set aside. Audit:
    appointments.appointment.overridden (codes and justification)."""
    actor = request_actor(request)
    return services.override(
        actor=actor, appointment=selectors.access_appointment(actor, appointment_id),
        codes=payload.codes, justification=payload.justification,
    )  # fmt: skip


@router.post(
    "/appointments/{appointment_id}/ballot",
    response={200: AppointmentDetailOut, **ERRORS},
    url_name="appointment_ballot",
)
def record_ballot(
    request: HttpRequest, appointment_id: int, payload: BallotIn
) -> Appointment:
    """Record the collective's secret ballot on a proposed extension to retirement age
    (more than half agreeing passes; exactly half goes to the head); recording it again
    replaces it. Refused (422): a proposal that is not an extension, no voters, more
    ballots than voters. Audit: appointments.ballot.recorded."""
    actor = request_actor(request)
    appointment = selectors.access_appointment(actor, appointment_id)
    services.record_ballot(
        actor=actor, appointment=appointment, held_on=payload.held_on,
        voters=payload.voters, agree=payload.agree, disagree=payload.disagree,
    )  # fmt: skip
    return appointment


@router.post(
    "/appointments/{appointment_id}/ballot/decide",
    response={200: AppointmentDetailOut, **ERRORS},
    url_name="appointment_ballot_decide",
)
def decide_tie(
    request: HttpRequest, appointment_id: int, payload: TieIn
) -> Appointment:
    """A head (OVERRIDE_RULES) decides an extension ballot where exactly half agree, with
    the reasons. Refused (422): no ballot recorded, a ballot not tied, no reasons. Audit:
    appointments.ballot.decided."""
    actor = request_actor(request)
    appointment = selectors.access_appointment(actor, appointment_id)
    services.decide_tied_ballot(
        actor=actor, appointment=appointment, agree=payload.decision == "agree",
        note=payload.note,
    )  # fmt: skip
    return appointment


@router.post(
    "/appointments/{appointment_id}/renew",
    response={201: AppointmentDetailOut, **ERRORS},
    url_name="appointment_renew",
)
def renew(
    request: HttpRequest, appointment_id: int, payload: RenewIn
) -> Status[Appointment]:
    """Propose the reappointment (or the extension to retirement age) of the holder of an
    approved term; the checks run and are stored, and the new proposal is returned.
    Refused (422): a renewal already proposed. Audit: appointments.appointment.proposed."""
    actor = request_actor(request)
    proposal = services.propose_renewal(
        actor=actor, term=selectors.access_term(actor, appointment_id),
        kind=payload.kind, process_started=payload.process_started, note=payload.note,
    )  # fmt: skip
    return Status(201, proposal)
