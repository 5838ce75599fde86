"""The training endpoints of /api/v1: records, standards, gaps per unit, targets.

The same services and scopes as the pages: lists hold what the caller may see;
records are entered by careers managers (personnel) of the person's unit. An
object outside your scope is 404; one you may see but not change is 403; a
stale `version` is 409.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from ninja import Query, Router, Schema, Status
from pydantic import Field

from canbo.api.auth import request_actor
from canbo.api.lookups import (
    job_position_ref,
    patch_values,
    person_ref,
    post_ref,
    unit_ref,
)
from canbo.api.pagination import paginate
from canbo.api.routers.tasks import conflicts_as_409
from canbo.api.schemas.common import (
    ERRORS,
    MAX_INT,
    CodeRef,
    ErrorOut,
    InSchema,
    ObjectId,
    PageFilter,
    PersonRef,
    Ref,
    UnitRef,
)
from canbo.core.errors import NotAllowed
from canbo.org.models import Post, Unit
from canbo.policy.access import Capability
from canbo.training import messages, selectors, services
from canbo.training.models import Kind, Standard, Target, Training

router = Router(tags=["training"])
TARGET_FIELDS = (
    "id", "unit", "name", "population", "kind", "level", "threshold_percent", "year",
    "basis", "version",
)  # fmt: skip
VERSION_DOC = "The version you last read; if the object changed since, 409 and nothing is written."
Level = Annotated[str, Field(max_length=16)]
Version = Annotated[int, Field(ge=1, le=MAX_INT, description=VERSION_DOC)]


class TrainingOut(Schema):
    id: int
    person: PersonRef
    unit: UnitRef
    kind: str
    level: str
    field: str
    institution: str
    start_date: date | None
    end_date: date
    full_time: bool
    hours: int | None
    certificate_number: str
    certificate_date: date | None
    has_certificate_file: bool
    version: int

    @staticmethod
    def resolve_has_certificate_file(obj: Training) -> bool:
        return bool(obj.certificate_file)


class TrainingPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[TrainingOut]


class TrainingFilter(PageFilter):
    unit: ObjectId | None = Field(None, description="Only this unit and those below.")
    kind: Kind | None = None
    year: int | None = Field(None, ge=1950, le=2100, description="Year it ended.")
    person: ObjectId | None = None


class TrainingIn(InSchema):
    person: ObjectId
    kind: Kind
    level: Annotated[str, Field(max_length=16)] = ""
    field: Annotated[str, Field(max_length=200)] = ""
    institution: Annotated[str, Field(max_length=200)] = ""
    start_date: date | None = None
    end_date: date
    full_time: bool = False
    hours: Annotated[int, Field(ge=0, le=MAX_INT)] | None = None
    certificate_number: Annotated[str, Field(max_length=100)] = ""
    certificate_date: date | None = None
    note: Annotated[str, Field(max_length=2000)] = ""


class TrainingPatch(InSchema):
    """The fields to change; those not sent keep their value."""

    kind: Kind | None = None
    level: Level | None = None
    field: Annotated[str, Field(max_length=200)] | None = None
    institution: Annotated[str, Field(max_length=200)] | None = None
    start_date: date | None = None
    end_date: date | None = None
    full_time: bool | None = None
    hours: Annotated[int, Field(ge=0, le=MAX_INT)] | None = None
    certificate_number: Annotated[str, Field(max_length=100)] | None = None
    certificate_date: date | None = None
    note: Annotated[str, Field(max_length=2000)] | None = None
    version: Version | None = None


RECORD_NULLABLE = frozenset({"start_date", "hours", "certificate_date", "version"})


class StandardOut(Schema):
    id: int
    post: CodeRef | None
    job_position: CodeRef | None
    unit: UnitRef | None = Field(description="Empty for the whole province.")
    degree: str
    theory: str
    state_management: str
    language: str
    it: str
    course_hours: int
    basis: str
    version: int


class StandardIn(InSchema):
    post: Ref | None = Field(None, description="A post id or code; or a job position.")
    job_position: Ref | None = Field(None, description="A job position id or code.")
    unit: Ref | None = Field(
        None,
        description="Where it holds, with the units below; empty for the whole province.",
    )
    degree: Level = ""
    theory: Level = ""
    state_management: Level = ""
    language: Level = ""
    it: Level = ""
    course_hours: Annotated[int, Field(ge=0, le=MAX_INT)] = 0
    basis: Annotated[str, Field(max_length=200)] = ""


class StandardPatch(InSchema):
    """The minimums to change (the post, job position and unit stay)."""

    degree: Level | None = None
    theory: Level | None = None
    state_management: Level | None = None
    language: Level | None = None
    it: Level | None = None
    course_hours: Annotated[int, Field(ge=0, le=MAX_INT)] | None = None
    basis: Annotated[str, Field(max_length=200)] | None = None
    version: Version | None = None


class StandardPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[StandardOut]


class GapOut(Schema):
    code: str
    kind: str
    required: str
    held: str
    message: str


class HolderOut(Schema):
    person: PersonRef
    unit: UnitRef
    post: CodeRef | None
    job_position: CodeRef | None
    standard_id: int
    gaps: list[GapOut]


class HolderPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[HolderOut]


class TargetOut(Schema):
    id: int
    unit: UnitRef
    name: str
    population: str
    posts: list[CodeRef]
    kind: str
    level: str
    threshold_percent: int
    year: int | None
    basis: str
    version: int
    counted: int = Field(description="People in the population.")
    achieved: int = Field(description="Of them, those who qualify.")
    share: float | None = Field(description="Percentage that qualify.")
    met: bool
    needed: int = Field(description="How many more must qualify to meet the target.")


class TargetPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[TargetOut]


Percent = Annotated[int, Field(ge=0, le=MAX_INT)]
PostRefs = list[Ref]
POSTS_DOC = "Post ids or codes: only for the population “posts”."


class TargetIn(InSchema):
    name: Annotated[str, Field(max_length=200)]
    unit: Ref = Field(description="The unit counted, with the units below it.")
    population: Target.Population
    posts: PostRefs = Field(default_factory=list, description=POSTS_DOC)
    kind: Kind = Field(description="A qualification (not a short course).")
    level: Level = Field(description="The lowest level that counts.")
    threshold_percent: Percent = Field(description="Share to reach, 1 to 100.")
    year: Annotated[int, Field(ge=2000, le=2100)] | None = None
    basis: Annotated[str, Field(max_length=200)] = ""


class TargetPatch(InSchema):
    """The fields to change; those not sent keep their value."""

    name: Annotated[str, Field(max_length=200)] | None = None
    unit: Ref | None = None
    population: Target.Population | None = None
    posts: PostRefs | None = Field(None, description=POSTS_DOC)
    kind: Kind | None = None
    level: Level | None = None
    threshold_percent: Percent | None = None
    year: Annotated[int, Field(ge=2000, le=2100)] | None = None
    basis: Annotated[str, Field(max_length=200)] | None = None
    version: Version | None = None


TARGET_NULLABLE = frozenset({"year", "version"})


@router.get(
    "/training/records", response={200: TrainingPage, **ERRORS}, url_name="training_records"
)  # fmt: skip
def list_records(
    request: HttpRequest, filters: Query[TrainingFilter]
) -> dict[str, Any]:
    """Training records you may see (your scope and your own), newest first."""
    actor = request_actor(request)
    unit = None
    if filters.unit is not None:
        unit = Unit.objects.filter(pk=filters.unit).first()
        if unit is None:
            raise Http404
    found = selectors.record_list(
        actor,
        selectors.RecordFilter(
            unit=unit, kind=filters.kind or "", year=filters.year,
            person_id=filters.person,
        ),
    )  # fmt: skip
    return paginate(found, filters)


@router.post(
    "/training/records", response={201: TrainingOut, **ERRORS}, url_name="training_record_create"
)  # fmt: skip
def create_record(request: HttpRequest, payload: TrainingIn) -> Status[Training]:
    """Enter a degree, certificate or short course. Audit: training.record.created."""
    actor = request_actor(request)
    person = person_ref(actor, payload.person)
    values = payload.model_dump(exclude={"person"})
    record = services.record_training(actor=actor, person=person, **values)
    return Status(201, record)


@router.patch(
    "/training/records/{record_id}", response={200: TrainingOut, **ERRORS, 409: ErrorOut},
    url_name="training_record_update",
)  # fmt: skip
def update_record(
    request: HttpRequest, record_id: int, payload: TrainingPatch
) -> Training:
    """Correct a record: only the fields sent change, with the same checks as
    entering it (422 naming the field). A record outside your careers scope is
    404; one you may see but not manage is 403. A higher degree, theory or state
    management level raises the CV. Audit: training.record.updated."""
    actor = request_actor(request)
    record = selectors.access_record(actor, record_id)
    values = patch_values(payload, RECORD_NULLABLE)
    version = values.pop("version", None)
    with conflicts_as_409(messages.CHANGED):
        return services.update_training(
            actor=actor, record=record, version=version, **values
        )


@router.delete(
    "/training/records/{record_id}", response={204: None, **ERRORS},
    url_name="training_record_delete",
)  # fmt: skip
def delete_record(request: HttpRequest, record_id: int) -> Status[None]:
    """Delete a record entered by mistake (the CV keeps its level). Outside your
    careers scope 404; visible but not yours to manage 403. Audit:
    training.record.deleted."""
    actor = request_actor(request)
    record = selectors.access_record(actor, record_id)
    services.delete_training(actor=actor, record=record)
    return Status(204, None)


CERTIFICATE_FILE = {
    "responses": {
        "200": {
            "description": "The certificate file, as an attachment.",
            "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


@router.get(
    "/training/records/{record_id}/certificate", response=ERRORS,
    url_name="training_record_certificate", openapi_extra=CERTIFICATE_FILE,
)  # fmt: skip
def record_certificate(request: HttpRequest, record_id: int) -> HttpResponse:
    """Download the certificate file of a record you may see (your careers
    scope, or your own record). 404 when the record has no file."""
    found = selectors.certificate_of(request_actor(request), record_id)
    response = HttpResponse(found.content, content_type=found.content_type)
    response["Content-Disposition"] = content_disposition_header(True, found.name)
    return response


@router.get(
    "/training/standards", response={200: StandardPage, **ERRORS}, url_name="training_standards"
)  # fmt: skip
def list_standards(request: HttpRequest, filters: Query[PageFilter]) -> dict[str, Any]:
    """Province-wide standards and those of the units in your careers scope."""
    found = selectors.standard_list(request_actor(request)).order_by("unit_path", "id")
    return paginate(found, filters)


def _refs(values: dict[str, Any]) -> dict[str, Any]:
    """The post and job position references of a standard, as objects (or None)."""
    post, job = values.get("post"), values.get("job_position")
    return {
        "post": post_ref(post) if post is not None else None,
        "job_position": job_position_ref(job) if job is not None else None,
    }


@router.post(
    "/training/standards", response={201: StandardOut, **ERRORS},
    url_name="training_standard_create",
)  # fmt: skip
def create_standard(request: HttpRequest, payload: StandardIn) -> Status[Standard]:
    """Set the minimums of a post or of a job position (exactly one), in a unit
    and below or (without a unit) province-wide. A unit's: careers managers of
    it or admins; province-wide: admins (403 otherwise). Refused (422 on the
    field): both or neither of post and job position, a level that does not
    exist, hours outside 0–1,000, a second standard for the same post or job
    position and unit. Audit: training.standard.created."""
    actor = request_actor(request)
    if not selectors.can_add_standards(actor):
        raise NotAllowed
    values = payload.model_dump()
    unit = unit_ref(actor, values["unit"]) if values["unit"] is not None else None
    standard = services.save_standard(
        actor=actor, unit=unit, **_refs(values),
        **{name: values[name] for name in services.STANDARD_FIELDS},
    )  # fmt: skip
    return Status(201, standard)


@router.patch(
    "/training/standards/{standard_id}",
    response={200: StandardOut, **ERRORS, 409: ErrorOut},
    url_name="training_standard_update",
)  # fmt: skip
def update_standard(
    request: HttpRequest, standard_id: int, payload: StandardPatch
) -> Standard:
    """Correct the minimums of a standard: only the fields sent change, with the
    same checks as setting it. A standard you may not see is 404; one you may
    see but not change (a province-wide one, unless you are an admin) is 403.
    Audit: training.standard.updated."""
    actor = request_actor(request)
    standard = selectors.access_standard(actor, standard_id)
    values = patch_values(payload, frozenset({"version"}))
    version = values.pop("version", None)
    with conflicts_as_409(messages.CHANGED):
        return services.save_standard(
            actor=actor, standard=standard, version=version, **values
        )


def _gap_out(line: selectors.GapLine) -> dict[str, Any]:
    text = str(messages.GAP[line.code]) % {"required": line.required, "held": line.held}
    return {**line.__dict__, "message": text}


@router.get(
    "/training/units/{unit_id}/gaps", response={200: HolderPage, **ERRORS},
    url_name="training_unit_gaps",
)  # fmt: skip
def unit_gaps(
    request: HttpRequest, unit_id: int, filters: Query[PageFilter]
) -> dict[str, Any]:
    """Holders of posts with a standard in the unit and below, each with their gaps."""
    actor = request_actor(request)
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None or not actor.covers(Capability.VIEW_CAREERS, unit.path, unit.pk):
        raise Http404
    holders = selectors.holders_with_standards(actor, unit=unit).select_related(
        "person", "unit", "post", "job_position"
    )
    page = paginate(holders, filters)
    rows = selectors.gap_rows(page["results"], today=timezone.localdate())
    page["results"] = [
        {
            "person": row.assignment.person,
            "unit": row.assignment.unit,
            "post": row.assignment.post,
            "job_position": row.assignment.job_position,
            "standard_id": row.standard.pk,
            "gaps": [_gap_out(line) for line in row.gaps],
        }
        for row in rows
    ]
    return page


@router.get(
    "/training/targets", response={200: TargetPage, **ERRORS}, url_name="training_targets"
)  # fmt: skip
def list_targets(request: HttpRequest, filters: Query[PageFilter]) -> dict[str, Any]:
    """Targets of the units in your scope, with their progress today."""
    found = selectors.targets_visible_to(request_actor(request)).prefetch_related(
        "posts"
    )
    page = paginate(found.order_by("unit_path", "name", "id"), filters)
    page["results"] = [
        _target_out(row) for row in selectors.target_rows(page["results"])
    ]
    return page


def _target_out(row: selectors.TargetRow) -> dict[str, Any]:
    return {
        **{name: getattr(row.target, name) for name in TARGET_FIELDS},
        "posts": list(row.target.posts.all()),
        "counted": row.progress.population,
        "achieved": row.progress.achieved,
        "share": row.progress.share,
        "met": row.progress.met,
        "needed": row.progress.needed,
    }


def _with_progress(target: Target) -> dict[str, Any]:
    fresh = Target.objects.select_related("unit").prefetch_related("posts")
    return _target_out(selectors.target_rows([fresh.get(pk=target.pk)])[0])


def _posts(refs: list[int | str]) -> list[Post]:
    return [post_ref(ref, "posts") for ref in refs]


@router.post(
    "/training/targets", response={201: TargetOut, **ERRORS},
    url_name="training_target_create",
)  # fmt: skip
def create_target(request: HttpRequest, payload: TargetIn) -> Status[dict[str, Any]]:
    """Set a target for a unit and the units below it: at least the given share
    of the population holds the level. Needs careers management of the unit
    (403; a unit outside your scope is 422 on "unit"). Refused (422 on the
    field): an empty name, a short course or a level that does not exist, a
    share outside 1–100, posts missing for the population "posts" or given for
    another. Audit: training.target.created."""
    actor = request_actor(request)
    values = payload.model_dump()
    unit = unit_ref(actor, values.pop("unit"))
    posts = _posts(values.pop("posts"))
    target = services.save_target(actor=actor, unit=unit, posts=posts, **values)
    return Status(201, _with_progress(target))


@router.patch(
    "/training/targets/{target_id}", response={200: TargetOut, **ERRORS, 409: ErrorOut},
    url_name="training_target_update",
)  # fmt: skip
def update_target(
    request: HttpRequest, target_id: int, payload: TargetPatch
) -> dict[str, Any]:
    """Correct a target: only the fields sent change ("posts" replaces the list;
    send [] when leaving the population "posts"), with the same checks as
    setting it; a new "unit" moves it, which needs
    careers management of both units. A target outside your scope is 404; one
    you may see but not change is 403. Audit: training.target.updated."""
    actor = request_actor(request)
    target = selectors.access_target(actor, target_id)
    values = patch_values(payload, TARGET_NULLABLE)
    version = values.pop("version", None)
    unit = unit_ref(actor, values.pop("unit")) if "unit" in values else target.unit
    posts = (
        _posts(values.pop("posts")) if "posts" in values else list(target.posts.all())
    )
    with conflicts_as_409(messages.CHANGED):
        saved = services.save_target(
            actor=actor, unit=unit, target=target, posts=posts, version=version,
            **values,
        )  # fmt: skip
    return _with_progress(saved)
