"""Product types, tasks (list, detail, assign, propose) and per-period figures."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from canbo.api.auth import request_actor
from canbo.api.lookups import job_position_ref, person_ref, unit_ref
from canbo.api.pagination import paginate
from canbo.api.schemas.common import ERRORS
from canbo.api.schemas.work import (
    FiguresFilter,
    PeriodFiguresOut,
    ProductTypeFilter,
    ProductTypeOut,
    ProductTypePage,
    TaskAssignIn,
    TaskDetailOut,
    TaskFilter,
    TaskOut,
    TaskPage,
    TaskProposeIn,
)
from canbo.core.actor import Actor
from canbo.core.errors import InvalidInput
from canbo.org.models import Unit
from canbo.people.selectors import people_visible_to
from canbo.work import selectors, services
from canbo.work.models import ProductType, Task

router = Router(tags=["tasks"])

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


# --- product types: reference data for everyone signed in, not scoped by unit


def _product_types() -> QuerySet[ProductType]:
    return ProductType.objects.select_related(
        "group", "catalogue__job_position", "catalogue__unit"
    ).order_by("catalogue__job_position__code", "-catalogue__version", "code", "id")


@router.get(
    "/product-types",
    response={200: ProductTypePage, **ERRORS},
    url_name="product_type_list",
)
def list_product_types(
    request: HttpRequest, filters: Query[ProductTypeFilter]
) -> dict[str, Any]:
    """Product types of the catalogues, by job position, group and date in force."""
    request_actor(request)
    products = _product_types()
    if filters.job_position:
        ref = filters.job_position.strip()
        position = job_position_ref(int(ref) if ref.isdigit() else ref)
        products = products.filter(catalogue__job_position=position)
    if filters.group:
        products = products.filter(group__code=filters.group.strip())
    if filters.on is not None:
        products = products.filter(
            Q(catalogue__valid_to__isnull=True)
            | Q(catalogue__valid_to__gte=filters.on),
            catalogue__valid_from__lte=filters.on,
        )
    return paginate(products, filters)


@router.get(
    "/product-types/{product_type_id}",
    response={200: ProductTypeOut, **ERRORS},
    url_name="product_type_detail",
)
def get_product_type(request: HttpRequest, product_type_id: int) -> ProductType:
    """One product type with its catalogue and group."""
    request_actor(request)
    product = _product_types().filter(pk=product_type_id).first()
    if product is None:
        raise Http404
    return product


def product_type_ref(pk: int) -> ProductType:
    product = _product_types().filter(pk=pk).first()
    if product is None:
        raise InvalidInput.single(
            "product_type", _("Unknown product type %(ref)s.") % {"ref": pk}
        )
    return product


# --- tasks


def _in_unit(actor: Actor, tasks: QuerySet[Task], unit_id: int, subtree: bool) -> Any:
    unit = unit_ref(actor, unit_id)
    if subtree:
        return tasks.filter(unit_path__startswith=unit.path), unit
    return tasks.filter(unit_id=unit.pk), unit


def _filtered_tasks(actor: Actor, filters: TaskFilter) -> QuerySet[Task]:
    tasks = selectors.tasks_visible_to(actor)
    if filters.assignee is not None:
        tasks = tasks.filter(assignee=person_ref(actor, filters.assignee, "assignee"))
    if filters.unit is not None:
        tasks, _unit = _in_unit(actor, tasks, filters.unit, filters.subtree)
    if filters.status is not None:
        tasks = tasks.filter(status=filters.status)
    if filters.deadline_from is not None:
        tasks = tasks.filter(deadline__gte=filters.deadline_from)
    if filters.deadline_to is not None:
        tasks = tasks.filter(deadline__lte=filters.deadline_to)
    if filters.group:
        tasks = tasks.filter(product_type__group__code=filters.group.strip())
    return tasks


@router.get("/tasks", response={200: TaskPage, **ERRORS}, url_name="task_list")
def list_tasks(request: HttpRequest, filters: Query[TaskFilter]) -> dict[str, Any]:
    """Tasks of the units in your scope and your own tasks, by deadline."""
    tasks = _filtered_tasks(request_actor(request), filters)
    tasks = tasks.select_related("assignee", "unit", "product_type")
    return paginate(tasks.order_by("deadline", "id"), filters)


def task_detail(task: Task) -> TaskDetailOut:
    """Return the task with its submissions (evidence, review) and extension requests."""
    submissions = task.submissions.select_related("review").prefetch_related("evidence")
    return TaskDetailOut.model_validate(
        {
            **TaskOut.model_validate(task).model_dump(),
            "submissions": [
                {
                    "id": s.pk, "quantity": s.quantity, "note": s.note,
                    "submitted_on": s.submitted_on, "evidence": list(s.evidence.all()),
                    "review": getattr(s, "review", None),
                }
                for s in submissions
            ],
            "extensions": list(task.extensions.order_by("requested_at", "id")),
        }
    )  # fmt: skip


# Before /tasks/{task_id}, whose pattern would otherwise take "propose".
@router.post(
    "/tasks/propose", response={201: TaskOut, **ERRORS}, url_name="task_propose"
)
def propose_task(request: HttpRequest, payload: TaskProposeIn) -> Status[Task]:
    """Register a task of your own; it counts once your manager approves it. Audit: work.task.proposed."""
    task = services.propose_task(
        actor=request_actor(request),
        product_type=product_type_ref(payload.product_type),
        quantity=payload.quantity,
        deadline=payload.deadline,
        today=timezone.localdate(),
        title=payload.title,
    )
    return Status(201, task)


@router.get(
    "/tasks/{task_id}", response={200: TaskDetailOut, **ERRORS}, url_name="task_detail"
)
def get_task(request: HttpRequest, task_id: int) -> TaskDetailOut:
    """One task with its submissions, reviews and extension requests."""
    return task_detail(selectors.access_task(request_actor(request), task_id))


@router.post("/tasks", response={201: list[TaskOut], **ERRORS}, url_name="task_assign")
def assign_tasks(request: HttpRequest, payload: TaskAssignIn) -> Status[list[Task]]:
    """Assign a product to one or more people, or to a unit. Audit: work.task.assigned."""
    actor = request_actor(request)
    assignees = [person_ref(actor, pk, "assignees") for pk in payload.assignees]
    unit: Unit | None = None
    if payload.unit is not None:
        unit = unit_ref(actor, payload.unit)
    tasks = services.assign_task(
        actor=actor,
        product_type=product_type_ref(payload.product_type),
        quantity=payload.quantity,
        deadline=payload.deadline,
        today=timezone.localdate(),
        title=payload.title,
        assignees=assignees,
        unit=unit,
        override_catalogue=payload.override_catalogue,
        description=payload.description,
        priority=payload.priority,
        document_ref=payload.document_ref,
        document_date=payload.document_date,
    )
    return Status(201, tasks)


# --- per-period figures


def period_bounds(period: str) -> tuple[date, date]:
    """Return the first and last day of "YYYY-MM" or "YYYY-Qn"; 422 on the field otherwise."""
    month, quarter = MONTH.match(period.strip()), QUARTER.match(period.strip())
    if month:
        year, first = int(month[1]), int(month[2])
        last = first
    elif quarter:
        year, first = int(quarter[1]), 3 * int(quarter[2]) - 2
        last = first + 2
    else:
        raise InvalidInput.single(
            "period",
            _("Write the period as a month (2026-11) or a quarter (2026-Q4)."),
        )
    end = date(year + last // 12, last % 12 + 1, 1)
    return date(year, first, 1), date.fromordinal(end.toordinal() - 1)


@router.get("/figures", response={200: PeriodFiguresOut, **ERRORS}, url_name="figures")
def period_figures(
    request: HttpRequest, filters: Query[FiguresFilter]
) -> dict[str, Any]:
    """Per-period figures of the tasks in your scope: the total and one row per person.

    Computed in the database (assigned, completed, meeting quality, on time, in
    converted products; failed reviews and delays not excused), for the tasks
    whose deadline falls in the month or quarter.
    """
    actor = request_actor(request)
    start, end = period_bounds(filters.period)
    tasks, unit = selectors.tasks_visible_to(actor), None
    if filters.unit is not None:
        tasks, unit = _in_unit(actor, tasks, filters.unit, filters.subtree)
    by_person = selectors.figures_by_person(tasks, start, end)
    ids = sorted(by_person)
    first = (filters.page - 1) * filters.page_size
    page = ids[first : first + filters.page_size]
    names = dict(
        people_visible_to(actor).filter(pk__in=page).values_list("pk", "full_name")
    )
    return {
        "period": filters.period.strip(), "start": start, "end": end, "unit": unit,
        "subtree": filters.subtree,
        "total": selectors.period_figures(tasks, start, end),
        "count": len(ids), "page": filters.page, "page_size": filters.page_size,
        "people": [
            {**vars(by_person[pk]), "person": {"id": pk, "full_name": names.get(pk, "")}}
            for pk in page
        ],
    }  # fmt: skip
