"""Reports pages: the standard annual reports, the exports a person asked for
(with their progress), asking for the export of a list, and the download."""

from __future__ import annotations

from django.core import signing
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from canbo.core.actor import Actor
from canbo.core.errors import InvalidInput
from canbo.core.forms_util import add_service_errors
from canbo.core.http import AuthedRequest, require_anywhere
from canbo.org.selectors import filter_units, units_visible_to
from canbo.policy.access import Capability
from canbo.reports import selectors, services
from canbo.reports.exporters.base import may_export, require_exporter
from canbo.reports.exporters.registry import REGISTRY, exporter_for
from canbo.reports.forms import ReportForm
from canbo.reports.models import Export

PAGE_SIZE = 25


def _report_form(request: AuthedRequest) -> ReportForm:
    actor = request.actor
    kinds = [(e.kind, str(e.title)) for e in REGISTRY.values()
             if e.report and may_export(actor, e)]  # fmt: skip
    units = filter_units(actor, Capability.VIEW_DASHBOARDS)
    data = request.POST if request.method == "POST" else None
    return ReportForm(data, kinds=kinds, units=units)


@require_http_methods(["GET", "POST"])
def home(request: AuthedRequest) -> HttpResponse:
    """The standard annual reports: choose one, a unit and a year, get a file."""
    require_anywhere(request.actor, Capability.VIEW_DASHBOARDS)
    form = _report_form(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        params = {"unit": data["unit"].pk, "year": data["year"] or ""}
        try:
            made = services.request_export(
                actor=request.actor,
                kind=data["kind"],
                params=params,
                fmt=data["format"],
            )
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            return redirect("reports:export", made.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "reports/home.html", {"form": form}, status=status)


def exports(request: AuthedRequest) -> HttpResponse:
    """The exports the person asked for, newest first, with their progress."""
    page = Paginator(selectors.exports_of(request.actor), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for export in page.object_list:
        services.expire_if_due(export)
    context = {"page": page, "polling": any(e.in_progress for e in page.object_list)}
    if request.htmx:
        return render(request, "reports/exports.html#list", context)
    return render(request, "reports/exports.html", context)


@require_http_methods(["GET", "POST"])
def export_new(request: AuthedRequest) -> HttpResponse:
    """Confirm and ask for the export of a list, with the filters of its page."""
    source = request.POST if request.method == "POST" else request.GET
    exporter = exporter_for(source.get("kind", ""))
    if exporter is None:
        raise Http404
    require_exporter(request.actor, exporter)
    params = {name: source.get(name, "") for name in exporter.params}
    params = {name: value for name, value in params.items() if value}
    errors: list[str] = []
    if request.method == "POST":
        try:
            made = services.request_export(
                actor=request.actor, kind=exporter.kind, params=params,
                fmt=source.get("format", Export.Format.XLSX),
            )  # fmt: skip
        except InvalidInput as error:
            errors = [m for problems in error.errors.values() for m in problems]
        else:
            return redirect("reports:export", made.pk)
    context = {
        "exporter": exporter,
        "params": params,
        "described": _described(request.actor, params),
        "errors": errors,
    }
    return render(
        request, "reports/export_new.html", context, status=422 if errors else 200
    )


PARAM_LABELS = {
    "unit": gettext_lazy("Unit"),
    "subtree": gettext_lazy("With subordinate units"),
    "category": gettext_lazy("Category"),
    "post": gettext_lazy("Post"),
    "sex": gettext_lazy("Sex"),
    "age_band": gettext_lazy("Age"),
    "q": gettext_lazy("Search"),
    "status": gettext_lazy("Status"),
    "from": gettext_lazy("From"),
    "month": gettext_lazy("Month"),
    "to": gettext_lazy("To"),
    "period": gettext_lazy("Evaluation period"),
    "year": gettext_lazy("Year"),
    "quarter": gettext_lazy("Quarter"),
    "months": gettext_lazy("Months ahead"),
    "window": gettext_lazy("Due within (months)"),
}


def _described(actor: Actor, params: dict[str, str]) -> list[tuple[str, str]]:
    """The filters as people read them: labels, and a unit's name for its id
    (only for a unit the actor sees: the export itself answers 404 otherwise)."""
    described = []
    for name, value in params.items():
        shown = value
        if name == "unit" and value.isdigit():
            shown = (
                units_visible_to(actor)
                .filter(pk=int(value))
                .values_list("name", flat=True)
                .first()
                or value
            )
        described.append((str(PARAM_LABELS.get(name, name)), shown))
    return described


def export(request: AuthedRequest, pk: int) -> HttpResponse:
    """One export: its progress while it is written, then the download link."""
    found = selectors.access_export(request.actor, pk)
    services.expire_if_due(found)
    context = {"export": found, "link": _link(found)}
    if request.htmx:
        return render(request, "reports/export.html#status", context)
    return render(request, "reports/export.html", context)


def _link(export: Export) -> str:
    if export.status != Export.Status.DONE:
        return ""
    return reverse("reports:download", args=[services.download_token(export)])


def download(request: AuthedRequest, token: str) -> HttpResponseBase:
    """Serve the file of a signed, time-limited link to its requester only.

    Someone else's link, or a tampered one, is 404; an expired link or file is
    410 Gone, and the file is removed.
    """
    try:
        export_id = services.export_for_token(token, request.user.pk)
    except services.LinkExpiredError:
        return _gone()
    except (signing.BadSignature, ValueError):
        raise Http404 from None
    found = selectors.access_export(request.actor, export_id)
    if services.expire_if_due(found):
        return _gone()
    if found.status != Export.Status.DONE or not found.file:
        raise Http404
    return FileResponse(
        found.file.open("rb"), as_attachment=True, filename=found.filename
    )


def _gone() -> HttpResponse:
    message = _(
        "This download link has expired and the file was removed. Ask for the export again."
    )
    return HttpResponse(message, status=410, content_type="text/plain; charset=utf-8")
