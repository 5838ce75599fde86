"""Submitting products with evidence, and reviewing them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from canbo.core.actor import Actor
from canbo.core.audit import log_action
from canbo.core.errors import InvalidInput, NotAllowed
from canbo.policy.work import evidence_problems, is_late
from canbo.work import messages, notifications
from canbo.work.models import Evidence, Review, Submission, Task
from canbo.work.services.common import (
    is_assignee,
    lock_task,
    refuse,
    refuse_own_task,
    require_assigner,
    save_state,
)


def check_files(files: Sequence[UploadedFile[bytes]], field: str = "files") -> None:
    """Refuse files over EVIDENCE_MAX_BYTES or of a type not in EVIDENCE_EXTENSIONS."""
    errors: list[str] = []
    limit = settings.EVIDENCE_MAX_BYTES
    types = tuple(settings.EVIDENCE_EXTENSIONS)
    for upload in files:
        name = upload.name or ""
        for code in evidence_problems(
            name=name, size=upload.size or 0, max_bytes=limit, extensions=types
        ):
            params = {
                "name": name,
                "limit": limit // (1024 * 1024),
                "types": ", ".join(types),
            }
            errors.append(str(messages.EVIDENCE[code][1]) % params)
    if errors:
        raise InvalidInput({field: errors})


def _store_evidence(
    submission: Submission, files: Sequence[UploadedFile[bytes]], links: Sequence[str]
) -> None:
    for upload in files:
        name = upload.name or "file"
        Evidence.objects.create(
            submission=submission, file=upload, name=name[:255], size=upload.size or 0
        )
    for link in links:
        Evidence.objects.create(submission=submission, link=link, name=link[:255])


@transaction.atomic
def submit_product(
    *,
    actor: Actor,
    task: Task,
    quantity: Decimal,
    today: date,
    note: str = "",
    files: Sequence[UploadedFile[bytes]] = (),
    links: Sequence[str] = (),
    version: int | None = None,
) -> Submission:
    """The assignee hands in the product with its evidence (files or links) for review.

    Files over EVIDENCE_MAX_BYTES or of another type than EVIDENCE_EXTENSIONS are
    refused, and nothing is stored. Audit: work.task.submitted.
    """
    task = lock_task(task, version)
    if actor.read_only or not is_assignee(actor, task):
        raise NotAllowed
    if task.status not in (Task.Status.ASSIGNED, Task.Status.RETURNED):
        raise InvalidInput.single("", _("This task is not waiting for a product."))
    if quantity <= 0:
        raise InvalidInput.single(
            "quantity", str(messages.TASK["quantity_not_positive"][1])
        )
    check_files(files)
    submission = Submission.objects.create(
        task=task,
        quantity=quantity,
        note=note.strip(),
        submitted_by=actor.user,
        submitted_on=today,
    )
    _store_evidence(submission, files, [link.strip() for link in links if link.strip()])
    save_state(task, status=Task.Status.SUBMITTED, progress=100)
    log_action(
        "work.task.submitted",
        actor=actor,
        obj=task,
        unit_path=task.unit_path,
        person_id=task.assignee_id,
        data={"quantity": str(quantity), "on": today.isoformat()},
    )
    notifications.review_requested(task, submission.pk)
    return submission


@transaction.atomic
def review_product(
    *,
    actor: Actor,
    task: Task,
    accept: bool,
    reason: str = "",
    meets_quality: bool = True,
    excused: bool = False,
    version: int | None = None,
) -> Review:
    """Accept the latest submission, or return it (one failed quality review).

    A return whose cause is objective (`excused`) carries no deduction. On
    acceptance the completion date is the submission date; after the deadline it
    is one delay. Audit: work.task.accepted / work.task.returned.
    """
    task = lock_task(task, version)
    require_assigner(actor, task.unit)
    refuse_own_task(actor, task)
    submission = (
        task.submissions.filter(review__isnull=True)
        .order_by("-submitted_at", "-id")
        .first()
    )
    if task.status != Task.Status.SUBMITTED or submission is None:
        raise InvalidInput.single("", _("There is no product waiting for review."))
    if submission.submitted_by_id == actor.user.pk:
        refuse(("own_task",), messages.REVIEW)
    if not accept and not reason.strip():
        raise InvalidInput.single("reason", _("Say why the product is returned."))
    review = Review.objects.create(
        submission=submission,
        decision=Review.Decision.ACCEPTED if accept else Review.Decision.RETURNED,
        meets_quality=meets_quality if accept else False,
        reason=reason.strip(),
        excused=excused and not accept,
        reviewed_by=actor.user,
    )
    if accept:
        _accept(task, submission, meets_quality)
    else:
        save_state(
            task,
            status=Task.Status.RETURNED,
            failed_reviews=task.failed_reviews + (0 if excused else 1),
        )
    log_action(
        "work.task.accepted" if accept else "work.task.returned",
        actor=actor,
        obj=task,
        unit_path=task.unit_path,
        person_id=task.assignee_id,
        data={"reason": review.reason, "excused": review.excused},
    )
    notifications.reviewed(task, review)
    return review


def _accept(task: Task, submission: Submission, meets_quality: bool) -> None:
    save_state(
        task,
        status=Task.Status.ACCEPTED,
        completed_on=submission.submitted_on,
        completed_quantity=submission.quantity,
        meets_quality=meets_quality,
        late=is_late(completed_on=submission.submitted_on, deadline=task.deadline),
    )


@transaction.atomic
def excuse_delay(
    *, actor: Actor, task: Task, reason: str, version: int | None = None
) -> Task:
    """Mark a late completion as due to an objective cause: no deduction. Audit: work.task.delay_excused."""
    task = lock_task(task, version)
    require_assigner(actor, task.unit)
    if not task.late:
        raise InvalidInput.single("", _("This task was not completed late."))
    if not reason.strip():
        raise InvalidInput.single("reason", _("Give the objective cause."))
    save_state(task, delay_excused=True, delay_excuse=reason.strip())
    log_action(
        "work.task.delay_excused",
        actor=actor,
        obj=task,
        unit_path=task.unit_path,
        person_id=task.assignee_id,
        data={"reason": reason.strip()},
    )
    return task
