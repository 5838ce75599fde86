from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_GET, require_POST

from canbo.core.errors import InvalidInput, NotAllowed
from canbo.core.forms_util import add_service_errors
from canbo.core.http import AuthedRequest
from canbo.imports import selectors, services
from canbo.imports.forms import ImportForm
from canbo.imports.models import ImportJob
from canbo.imports.template_file import FILE_NAME, build_template
from canbo.org.selectors import job_positions, posts

SHOWN_ROWS = 500  # errors and row changes listed on the job page
ACTION_LABELS = {
    "create": pgettext_lazy("import row", "New"),
    "update": pgettext_lazy("import row", "Changed"),
    "unchanged": pgettext_lazy("import row", "Unchanged"),
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_importer(request: AuthedRequest) -> None:
    if not services.can_import(request.actor):
        raise Http404


def _kinds(request: AuthedRequest) -> list[tuple[str, str]]:
    """Return the kinds of file the user may import, as (value, label)."""
    return [
        (value, str(label))
        for value, label in ImportJob.Kind.choices
        if services.can_import(request.actor, value)
    ]


def _list_page(
    request: AuthedRequest, form: ImportForm, status: int = 200
) -> HttpResponse:
    context = {
        "form": form,
        "jobs": selectors.jobs_for(request.actor),
        "template_kinds": _kinds(request),
    }
    return render(request, "imports/job_list.html", context, status=status)


@require_GET
def job_list(request: AuthedRequest) -> HttpResponse:
    _require_importer(request)
    form = ImportForm(
        initial={"kind": ImportJob.Kind.STAFF, "dry_run": True}, kinds=_kinds(request)
    )
    return _list_page(request, form)


@require_POST
def create(request: AuthedRequest) -> HttpResponse:
    _require_importer(request)
    form = ImportForm(request.POST, request.FILES, kinds=_kinds(request))
    if form.is_valid():
        try:
            job = services.start_import(
                actor=request.actor,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                dry_run=form.cleaned_data["dry_run"],
            )
        except InvalidInput as error:
            add_service_errors(form, error)
        except NotAllowed:
            form.add_error("kind", _("You may not import this kind of file."))
        else:
            return redirect("imports:detail", job.pk)
    return _list_page(request, form, status=422)


@require_GET
def template(request: AuthedRequest, kind: str) -> HttpResponse:
    _require_importer(request)
    if kind not in ImportJob.Kind.values or not services.can_import(
        request.actor, kind
    ):
        raise Http404
    capability = services.EDIT_CAPABILITY[ImportJob.Kind(kind)]
    content = build_template(
        kind,
        units=selectors.units_for_template(request.actor, capability),
        posts=list(posts()),
        positions=list(job_positions()),
    )
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{FILE_NAME[kind]}"'
    return response


def _job_context(job: ImportJob) -> dict[str, Any]:
    changes = [
        {
            **change,
            "action_label": ACTION_LABELS.get(change["action"], change["action"]),
        }
        for change in job.changes[:SHOWN_ROWS]
    ]
    return {
        "job": job,
        "errors": job.errors[:SHOWN_ROWS],
        "hidden_errors": max(0, len(job.errors) - SHOWN_ROWS),
        "changes": changes,
        "hidden_changes": max(0, len(job.changes) - SHOWN_ROWS),
        "can_apply": job.dry_run and job.status == ImportJob.Status.PREVIEWED,
    }


@require_GET
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    _require_importer(request)
    job = selectors.access_job(request.actor, pk)
    if request.htmx:
        return render(request, "imports/job_detail.html#status", _job_context(job))
    return render(request, "imports/job_detail.html", _job_context(job))


@require_POST
def apply(request: AuthedRequest, pk: int) -> HttpResponse:
    _require_importer(request)
    job = selectors.access_job(request.actor, pk)
    try:
        new = services.apply_previewed(actor=request.actor, job=job)
    except (InvalidInput, NotAllowed) as error:
        reason = (
            next(iter(error.errors.values()))[0]
            if isinstance(error, InvalidInput)
            else None
        )
        messages.error(request, reason or _("You may not import this kind of file."))
        return redirect("imports:detail", job.pk)
    return redirect("imports:detail", new.pk)
