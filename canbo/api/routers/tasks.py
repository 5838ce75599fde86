"""Actions on one task: progress, submission, review, extensions, excuse, proposal.

Each takes the task's `version` as last read: if someone changed the task
since, the answer is 409 with a conflict message and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Status
from ninja.errors import HttpError

from canbo.api.auth import request_actor
from canbo.api.routers.work import task_detail
from canbo.api.schemas.common import ERRORS, ErrorOut
from canbo.api.schemas.work import (
    ExcuseIn,
    ExtensionDecisionIn,
    ExtensionIn,
    ProgressIn,
    ProposalDecisionIn,
    ReviewIn,
    SubmissionIn,
    TaskDetailOut,
)
from canbo.core.errors import InvalidInput
from canbo.work import messages, selectors, services

router = Router(tags=["tasks"])
RESPONSES: dict[int, Any] = {200: TaskDetailOut, **ERRORS, 409: ErrorOut}
CREATED: dict[int, Any] = {201: TaskDetailOut, **ERRORS, 409: ErrorOut}


@contextmanager
def conflicts_as_409(message: object = messages.CONFLICT) -> Iterator[None]:
    """Turn the services' stale-version refusal (`message`) into 409 Conflict."""
    try:
        yield
    except InvalidInput as error:
        conflict = str(message)
        if conflict in error.errors.get("", []):
            raise HttpError(409, conflict) from error
        raise


def _act(
    request: HttpRequest, task_id: int, action: Callable[..., Any], **values: Any
) -> TaskDetailOut:
    """Run a service on the task the actor may see (404 otherwise); return it anew."""
    actor = request_actor(request)
    task = selectors.access_task(actor, task_id)
    with conflicts_as_409():
        action(actor=actor, task=task, **values)
    return task_detail(selectors.access_task(actor, task_id))


@router.post("/tasks/{task_id}/progress", response=RESPONSES, url_name="task_progress")
def update_progress(
    request: HttpRequest, task_id: int, payload: ProgressIn
) -> TaskDetailOut:
    """Report how far the work has gone (assignee). Audit: work.task.progressed."""
    return _act(request, task_id, services.update_progress, **payload.model_dump())


@router.post("/tasks/{task_id}/submissions", response=CREATED, url_name="task_submit")
def submit_product(
    request: HttpRequest, task_id: int, payload: SubmissionIn
) -> Status[TaskDetailOut]:
    """Hand in the product with links as evidence (assignee); files go through the task's page.

    Audit: work.task.submitted.
    """
    detail = _act(
        request, task_id, services.submit_product, today=timezone.localdate(),
        **payload.model_dump(),
    )  # fmt: skip
    return Status(201, detail)


@router.post("/tasks/{task_id}/review", response=RESPONSES, url_name="task_review")
def review_product(
    request: HttpRequest, task_id: int, payload: ReviewIn
) -> TaskDetailOut:
    """Accept the latest submission or return it with a reason (assigner).

    Audit: work.task.accepted / work.task.returned.
    """
    return _act(request, task_id, services.review_product, **payload.model_dump())


@router.post("/tasks/{task_id}/extensions", response=CREATED, url_name="task_extension")
def request_extension(
    request: HttpRequest, task_id: int, payload: ExtensionIn
) -> Status[TaskDetailOut]:
    """Ask for a later deadline before the current one passes (assignee).

    Audit: work.extension.requested.
    """
    detail = _act(
        request, task_id, services.request_extension, now=timezone.now(),
        new_deadline=payload.requested_deadline, reason=payload.reason,
        version=payload.version,
    )  # fmt: skip
    return Status(201, detail)


@router.post(
    "/tasks/{task_id}/extensions/{extension_id}/decision",
    response=RESPONSES,
    url_name="task_extension_decision",
)
def decide_extension(
    request: HttpRequest, task_id: int, extension_id: int, payload: ExtensionDecisionIn
) -> TaskDetailOut:
    """Approve (the deadline moves) or refuse an extension request (assigner).

    Audit: work.extension.approved / work.extension.refused.
    """
    actor = request_actor(request)
    task = selectors.access_task(actor, task_id)
    extension = task.extensions.filter(pk=extension_id).first()
    if extension is None:
        raise Http404
    with conflicts_as_409():
        services.decide_extension(
            actor=actor, extension=extension, approve=payload.approve,
            now=timezone.now(), note=payload.note, version=payload.version,
        )  # fmt: skip
    return task_detail(selectors.access_task(actor, task_id))


@router.post(
    "/tasks/{task_id}/excuse-delay", response=RESPONSES, url_name="task_excuse_delay"
)
def excuse_delay(
    request: HttpRequest, task_id: int, payload: ExcuseIn
) -> TaskDetailOut:
    """Mark a late completion as due to an objective cause: no deduction (assigner).

    Audit: work.task.delay_excused.
    """
    return _act(request, task_id, services.excuse_delay, **payload.model_dump())


@router.post(
    "/tasks/{task_id}/proposal-decision",
    response=RESPONSES,
    url_name="task_proposal_decision",
)
def decide_proposal(
    request: HttpRequest, task_id: int, payload: ProposalDecisionIn
) -> TaskDetailOut:
    """Approve a task a staff member proposed (it becomes assigned) or turn it down.

    Audit: work.task.approved / work.task.cancelled.
    """
    return _act(request, task_id, services.decide_proposal, **payload.model_dump())
