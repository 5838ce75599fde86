"""The discipline endpoints of /api/v1: discipline records (list, open a review,
read, record the decision) and the regular raises due in a quarter. The same
services and scopes as the pages (canbo/discipline)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field

from canbo.api.auth import request_actor
from canbo.api.lookups import patch_values, person_ref, unit_ref
from canbo.api.schemas.common import ERRORS, InSchema, ObjectId, PageFilter, Ref
from canbo.discipline import explain, raises, selectors, services
from canbo.discipline.models import Discipline
from canbo.people.models import Person
from canbo.policy.salary import next_quarter, quarter_bounds

router = Router(tags=["discipline"])


class RecordOut(Schema):
    id: int
    person: int = Field(validation_alias="person_id")
    person_name: str = Field(validation_alias="person.full_name")
    unit: int = Field(validation_alias="unit_id")
    stage: str
    form: str
    violation: str
    violation_date: date
    duty_related: bool
    severity: str
    review_started: date
    decision_ref: str
    decision_date: date | None
    effective_from: date | None
    effective_until: date | None
    note: str
    version: int


class RecordPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[RecordOut]


class RecordFilter(PageFilter):
    unit: Ref | None = Field(None, description="Records of this unit and below.")
    stage: Discipline.Stage | None = None
    form: Discipline.Form | None = None
    year: int | None = Field(None, ge=1950, le=2100)
    person: ObjectId | None = None


class ReviewIn(InSchema):
    person: ObjectId
    violation: str = Field(max_length=4000)
    violation_date: date
    review_started: date
    duty_related: bool = True
    severity: Discipline.Severity = Discipline.Severity.NONE
    note: str = Field("", max_length=4000)


class DecisionIn(InSchema):
    version: int = Field(ge=1)
    form: Discipline.Form
    decision_ref: str = Field(max_length=100)
    decision_date: date
    effective_from: date | None = None
    note: str | None = Field(None, max_length=4000)


class CloseIn(InSchema):
    version: int = Field(ge=1, description="The record's version you last read.")
    note: str = Field(
        max_length=4000, description="Why the review ends without discipline."
    )


class CorrectIn(InSchema):
    version: int = Field(ge=1, description="The record's version you last read.")
    violation: str | None = Field(None, max_length=4000)
    violation_date: date | None = None
    review_started: date | None = None
    duty_related: bool | None = None
    severity: Discipline.Severity | None = None
    note: str | None = Field(None, max_length=4000)
    form: Discipline.Form | None = Field(None, description="Decided records only.")
    decision_ref: str | None = Field(
        None, max_length=100, description="Decided records only."
    )
    decision_date: date | None = Field(None, description="Decided records only.")
    effective_from: date | None = Field(
        None, description="Decided records only; null: from the decision date."
    )


# Fields of CorrectIn that may be set to null.
CORRECT_NULLABLE = frozenset({"effective_from"})


class DelayOut(Schema):
    code: str
    months: int
    year: int | None
    form: str | None
    decided: date | None
    reason: str


class RaiseOut(Schema):
    person: int
    person_name: str
    unit: int
    unit_name: str
    civil_service_rank: str
    salary_step: int | None
    step_since: date
    interval_months: int
    regular: date
    due: date
    delay_months: int
    delays: list[DelayOut]


class RaisePage(Schema):
    count: int
    page: int
    page_size: int
    year: int
    quarter: int
    results: list[RaiseOut]


class RaiseFilter(PageFilter):
    year: int | None = Field(
        None, ge=1950, le=2100, description="Default: next quarter."
    )
    quarter: int | None = Field(None, ge=1, le=4)
    unit: Ref | None = Field(None, description="People of this unit and below.")


@router.get(
    "/discipline/records",
    response={200: RecordPage, **ERRORS},
    url_name="discipline_list",
)
def list_records(request: HttpRequest, filters: Query[RecordFilter]) -> dict[str, Any]:
    """Discipline records in your scope (and your own), newest review first."""
    actor = request_actor(request)
    unit = unit_ref(actor, filters.unit) if filters.unit is not None else None
    found = selectors.discipline_list(
        actor,
        selectors.RecordFilter(
            unit=unit, stage=filters.stage or "", form=filters.form or "",
            year=filters.year, person_id=filters.person,
        ),
    )  # fmt: skip
    count = found.count()
    start = (filters.page - 1) * filters.page_size
    results = list(found[start : start + filters.page_size]) if start < count else []
    return {"count": count, "page": filters.page, "page_size": filters.page_size,
            "results": results}  # fmt: skip


@router.post(
    "/discipline/records",
    response={201: RecordOut, **ERRORS},
    url_name="discipline_open",
)
def open_review(request: HttpRequest, payload: ReviewIn) -> Status[Discipline]:
    """Open a disciplinary review. Audit: discipline.record.opened."""
    actor = request_actor(request)
    person = person_ref(actor, payload.person)
    values = payload.model_dump(exclude={"person"})
    return Status(201, services.open_review(actor=actor, person=person, **values))


@router.get(
    "/discipline/records/{record_id}", response={200: RecordOut, **ERRORS},
    url_name="discipline_detail",
)  # fmt: skip
def get_record(request: HttpRequest, record_id: int) -> Discipline:
    """One discipline record."""
    return selectors.access_discipline(request_actor(request), record_id)


@router.patch(
    "/discipline/records/{record_id}", response={200: RecordOut, **ERRORS},
    url_name="discipline_correct",
)  # fmt: skip
def correct(request: HttpRequest, record_id: int, payload: CorrectIn) -> Discipline:
    """Correct a record's facts (only the fields sent change; the decision's fields
    on a decided record only). The same checks as when it was opened or decided
    apply again (422, naming the field) and the period's end is recomputed; a
    stale `version` is refused (422 on "version"). Audit: discipline.record.corrected."""
    actor = request_actor(request)
    record = selectors.access_discipline(actor, record_id)
    values = patch_values(payload, CORRECT_NULLABLE)
    version = values.pop("version")
    return services.correct(actor=actor, record=record, version=version, values=values)


@router.post(
    "/discipline/records/{record_id}/close", response={200: RecordOut, **ERRORS},
    url_name="discipline_close",
)  # fmt: skip
def close(request: HttpRequest, record_id: int, payload: CloseIn) -> Discipline:
    """Close a review without discipline (stage "dropped"). Refused (422) without
    a reason on "note", for a record no longer under review, or a stale
    `version`. Audit: discipline.record.dropped."""
    actor = request_actor(request)
    record = selectors.access_discipline(actor, record_id)
    return services.close_without_discipline(
        actor=actor, record=record, **payload.model_dump()
    )


@router.post(
    "/discipline/records/{record_id}/decision", response={200: RecordOut, **ERRORS},
    url_name="discipline_decide",
)  # fmt: skip
def decide(request: HttpRequest, record_id: int, payload: DecisionIn) -> Discipline:
    """Record the decision of a review; the period's end is computed.
    Audit: discipline.record.decided."""
    actor = request_actor(request)
    record = selectors.access_discipline(actor, record_id)
    return services.decide(actor=actor, record=record, **payload.model_dump())


def _raise_out(person: Person, due: raises.Due) -> dict[str, Any]:
    found = due.next
    return {
        "person": person.pk, "person_name": person.full_name, "unit": person.unit_id,
        "unit_name": person.unit.name, "civil_service_rank": person.civil_service_rank,
        "salary_step": person.salary_step, "step_since": person.salary_step_since,
        "interval_months": person.salary_interval_months, "regular": found.regular,
        "due": found.due, "delay_months": found.delay_months,
        "delays": [
            {"code": d.code, "months": d.months, "year": d.year,
             "form": d.form.value if d.form else None, "decided": d.decided,
             "reason": explain.delay_reason(d)}
            for d in found.delays
        ],
    }  # fmt: skip


@router.get(
    "/discipline/raises", response={200: RaisePage, **ERRORS}, url_name="raises_due"
)
def raises_due(request: HttpRequest, filters: Query[RaiseFilter]) -> dict[str, Any]:
    """Regular raises due in a quarter (the next one by default), by due date, with
    their delays explained."""
    actor = request_actor(request)
    year, quarter = next_quarter(timezone.localdate())
    year, quarter = filters.year or year, filters.quarter or quarter
    unit = unit_ref(actor, filters.unit) if filters.unit is not None else None
    start, end = quarter_bounds(year, quarter)
    due = raises.raises_due(actor, start=start, end=end, unit=unit)
    first = (filters.page - 1) * filters.page_size
    page = due[first : first + filters.page_size]
    people = Person.objects.select_related("unit").in_bulk([d.person_id for d in page])
    return {
        "count": len(due), "page": filters.page, "page_size": filters.page_size,
        "year": year, "quarter": quarter,
        "results": [_raise_out(people[d.person_id], d) for d in page],
    }  # fmt: skip
