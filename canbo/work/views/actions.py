"""The actions on a task: each a POST calling one service with the task version."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from canbo.core.errors import InvalidInput, NotAllowed
from canbo.core.forms_util import add_service_errors
from canbo.core.http import AuthedRequest
from canbo.work import messages as texts
from canbo.work import selectors, services
from canbo.work.forms import (
    DecideExtensionForm,
    ExcuseForm,
    ExtensionForm,
    ProgressForm,
    ProposalForm,
    ReviewForm,
    SubmitForm,
)
from canbo.work.models import Task
from canbo.work.views.detail import is_assignee, is_assigner, render_detail

Call = Callable[[forms.Form, Task], object]


def _run(
    request: AuthedRequest,
    pk: int,
    *,
    name: str,
    form: forms.Form,
    call: Call,
    done: str,
    assigner: bool,
) -> HttpResponse:
    """Check who may act, validate, call the service; errors re-render the task page.

    A stale version answers 409 with the conflict message; other refusals 422.
    """
    task = selectors.access_task(request.actor, pk)
    allowed = is_assigner if assigner else is_assignee
    if not allowed(request.actor, task):
        raise Http404
    if form.is_valid():
        try:
            call(form, task)
        except InvalidInput as error:
            add_service_errors(
                form, error, {"requested_deadline": "requested_deadline"}
            )
        except NotAllowed:
            raise Http404 from None
        else:
            messages.success(request, done)
            return redirect("work:detail", task.pk)
    conflict = str(texts.CONFLICT) in form.non_field_errors()
    task = selectors.access_task(request.actor, pk)
    return render_detail(
        request, task, bound={name: form}, status=409 if conflict else 422
    )


def _version(form: forms.Form) -> int | None:
    value = form.cleaned_data.get("version")
    return int(value) if value is not None else None


@require_POST
def progress(request: AuthedRequest, pk: int) -> HttpResponse:
    def call(form: forms.Form, task: Task) -> object:
        return services.update_progress(
            actor=request.actor,
            task=task,
            progress=form.cleaned_data["progress"],
            version=_version(form),
        )

    form = ProgressForm(request.POST)
    return _run(request, pk, name="progress", form=form, call=call,
                done=_("Progress saved."), assigner=False)  # fmt: skip


@require_POST
def submit(request: AuthedRequest, pk: int) -> HttpResponse:
    def call(form: forms.Form, task: Task) -> object:
        data = form.cleaned_data
        return services.submit_product(
            actor=request.actor,
            task=task,
            quantity=data["quantity"],
            today=timezone.localdate(),
            note=data["note"],
            files=data["attachments"],
            links=data["links"],
            version=_version(form),
        )

    form = SubmitForm(request.POST, request.FILES)
    return _run(request, pk, name="submit", form=form, call=call,
                done=_("Product submitted for review."), assigner=False)  # fmt: skip


@require_POST
def extend(request: AuthedRequest, pk: int) -> HttpResponse:
    def call(form: forms.Form, task: Task) -> object:
        return services.request_extension(
            actor=request.actor,
            task=task,
            new_deadline=form.cleaned_data["requested_deadline"],
            reason=form.cleaned_data["reason"],
            now=timezone.now(),
            version=_version(form),
        )

    form = ExtensionForm(request.POST)
    return _run(request, pk, name="extension", form=form, call=call,
                done=_("Extension requested."), assigner=False)  # fmt: skip


@require_POST
def review(request: AuthedRequest, pk: int) -> HttpResponse:
    def call(form: forms.Form, task: Task) -> object:
        data = form.cleaned_data
        return services.review_product(
            actor=request.actor,
            task=task,
            accept=data["decision"] == "accept",
            reason=data["reason"],
            meets_quality=data["meets_quality"],
            excused=data["excused"],
            version=_version(form),
        )

    form = ReviewForm(request.POST)
    return _run(request, pk, name="review", form=form, call=call,
                done=_("Review recorded."), assigner=True)  # fmt: skip


@require_POST
def excuse(request: AuthedRequest, pk: int) -> HttpResponse:
    def call(form: forms.Form, task: Task) -> object:
        return services.excuse_delay(
            actor=request.actor,
            task=task,
            reason=form.cleaned_data["reason"],
            version=_version(form),
        )

    form = ExcuseForm(request.POST)
    return _run(request, pk, name="excuse", form=form, call=call,
                done=_("Delay marked as due to an objective cause."), assigner=True)  # fmt: skip


@require_POST
def proposal(request: AuthedRequest, pk: int) -> HttpResponse:
    def call(form: forms.Form, task: Task) -> object:
        return services.decide_proposal(
            actor=request.actor,
            task=task,
            approve=form.cleaned_data["decision"] == "approve",
            version=_version(form),
        )

    form = ProposalForm(request.POST)
    return _run(request, pk, name="proposal", form=form, call=call,
                done=_("Proposal decided."), assigner=True)  # fmt: skip


@require_POST
def decide_extension(request: AuthedRequest, pk: int, ext: int) -> HttpResponse:
    def call(form: forms.Form, task: Task) -> object:
        return services.decide_extension(
            actor=request.actor,
            extension=selectors.access_extension(request.actor, task, ext),
            approve=form.cleaned_data["decision"] == "approve",
            now=timezone.now(),
            note=form.cleaned_data["note"],
            version=_version(form),
        )

    form = DecideExtensionForm(request.POST)
    return _run(request, pk, name="decide", form=form, call=call,
                done=_("Extension request decided."), assigner=True)  # fmt: skip
