"""The task page: every field, its history, and the actions each viewer may take."""

from __future__ import annotations

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from canbo.core.actor import Actor
from canbo.core.http import AuthedRequest
from canbo.core.selectors import history_of
from canbo.policy.access import Capability
from canbo.work import selectors
from canbo.work.forms import (
    DecideExtensionForm,
    ExcuseForm,
    ExtensionForm,
    ProgressForm,
    ProposalForm,
    ReviewForm,
    SubmitForm,
)
from canbo.work.models import ExtensionRequest, Task
from canbo.work.selectors import OPEN
from canbo.work.services.common import is_assignee as delivers
from canbo.work.views.common import BADGES, colour_of


def is_assignee(actor: Actor, task: Task) -> bool:
    return not actor.read_only and delivers(actor, task)


def is_assigner(actor: Actor, task: Task) -> bool:
    """ASSIGN_TASKS on the task's unit, and not the assignee (nobody reviews themself)."""
    return (
        not actor.read_only
        and actor.covers(Capability.ASSIGN_TASKS, task.unit_path, task.unit_id)
        and not delivers(actor, task)
    )


def _forms(actor: Actor, task: Task) -> dict[str, forms.Form | None]:
    """Return an empty form for each action this actor may take now."""
    v = {"version": task.version}
    mine, boss = is_assignee(actor, task), is_assigner(actor, task)
    open_ = task.status in OPEN
    return {
        "progress": ProgressForm(initial=v | {"progress": task.progress})
        if mine and open_
        else None,
        "submit": SubmitForm(initial=v | {"quantity": task.quantity})
        if mine and open_
        else None,
        "extension": ExtensionForm(initial=v) if mine and open_ else None,
        "review": ReviewForm(initial=v | {"decision": "accept"})
        if boss and task.status == Task.Status.SUBMITTED
        else None,
        "excuse": ExcuseForm(initial=v)
        if boss and task.late and not task.delay_excused
        else None,
        "proposal": ProposalForm(initial=v)
        if boss and task.status == Task.Status.PROPOSED
        else None,
        "decide": DecideExtensionForm(initial={"decision": "approve"})
        if boss
        else None,
    }


def render_detail(
    request: AuthedRequest,
    task: Task,
    *,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    """Render the task page; `bound` replaces an action's form by the one posted."""
    actor = request.actor
    lists = selectors.task_lists(task)
    action_forms = _forms(actor, task) | (bound or {})
    colour = colour_of(task, timezone.now())
    context = {
        "task": task,
        "colour": colour,
        "badge": BADGES.get(colour, ""),
        "submissions": lists.submissions,
        "extensions": lists.extensions,
        "pending": [
            e for e in lists.extensions if e.status == ExtensionRequest.Status.PENDING
        ],
        "forms": action_forms,
        "history": history_of("work.task", task.pk),
    }
    return render(request, "work/task_detail.html", context, status=status)
