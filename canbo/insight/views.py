"""Dashboard pages: a unit's dashboard (drillable), the refresh of its stored
figures, and the comparison with equivalent posts."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from canbo.core.http import AuthedRequest, require_anywhere
from canbo.evaluation.models import Sheet
from canbo.insight import charts, selectors, services
from canbo.insight.forms import CompareForm, DashboardForm
from canbo.insight.panels import panels
from canbo.insight.selectors import Dashboard
from canbo.policy.access import Capability

VIEW = Capability.VIEW_DASHBOARDS
CHART_ROWS = 30  # the chart shows the first holders; the table has them all


def home(request: AuthedRequest) -> HttpResponse:
    """The dashboard of a unit and its subtree for a year (default: the actor's
    highest unit in scope, this year)."""
    actor = request.actor
    require_anywhere(actor, VIEW)
    form = DashboardForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    unit = (
        selectors.access_unit(actor, data["unit"])
        if data.get("unit")
        else selectors.default_unit(actor)
    )
    year = data.get("year") or today.year
    board = services.board_for(actor, unit, year, today=today)
    polled = request.htmx and request.htmx.target == "computing"
    if board.pending or polled:
        return _computing(request, board, polled=bool(polled))
    progress = selectors.progress(actor, unit, year, data.get("period"))
    context = {
        "form": form,
        "unit": unit,
        "year": year,
        "years": list(range(today.year, today.year - 6, -1)),
        "board": board,
        "crumbs": selectors.breadcrumbs(actor, unit),
        "progress": progress,
        "periods": selectors.periods_for(actor, unit, year),
        "steps": [
            (
                status,
                label,
                progress.counts.get(status, 0),
                progress.waiting.get(status, []),
            )
            for status, label in Sheet.Status.choices
        ],
        "due": selectors.coming_due(actor, unit, board, today=today),
        "own_people": selectors.own_people(actor, unit, year),
        "may_refresh": services.may_refresh(actor, unit),
        **panels(board.figures),
    }
    return render(request, "insight/home.html", context)


def _computing(
    request: AuthedRequest, board: Dashboard, *, polled: bool
) -> HttpResponse:
    """The page shown while the worker computes a large unit's first figures:
    htmx polls it and reloads the dashboard once they are there; without
    JavaScript, the page says to reload."""
    if polled and not board.pending:
        return HttpResponse(headers={"HX-Refresh": "true"})
    template = "insight/_computing.html" if polled else "insight/computing.html"
    context = {"unit": board.unit, "year": board.year, "board": board}
    return render(request, template, context)


@require_POST
def refresh(request: AuthedRequest, unit_pk: int) -> HttpResponse:
    """Queue a recomputation of the stored figures of a unit and year."""
    actor = request.actor
    require_anywhere(actor, VIEW)
    unit = selectors.access_unit(actor, unit_pk)
    if not services.may_refresh(actor, unit):
        raise Http404  # no refresh button was shown: as for a missing page
    form = DashboardForm(request.POST)
    data = form.cleaned_data if form.is_valid() else {}
    year = data.get("year") or timezone.localdate().year
    services.request_refresh(actor=actor, unit=unit, year=year)
    messages.success(
        request,
        _("The figures are being recomputed; reload the page in a moment to see them."),
    )
    query = urlencode({"unit": unit.pk, "year": year})
    return redirect(f"{reverse('insight:home')}?{query}")


def compare(request: AuthedRequest) -> HttpResponse:
    """The holders of a post or job position across the units in scope, ranked
    by their published annual score, then KPI."""
    actor = request.actor
    require_anywhere(actor, VIEW)
    form = CompareForm(request.GET or None)
    today = timezone.localdate()
    rows: list[selectors.Compared] = []
    chosen = None
    year = today.year - 1
    if form.is_valid():
        data = form.cleaned_data
        year = data.get("year") or year
        chosen = data.get("post") or data.get("position")
        rows = selectors.compare(
            actor, year=year, post=data.get("post"), position=data.get("position")
        )
    chart = charts.hbars(
        [
            (f"{r.rank}. {r.assignment.person.full_name}", float(r.score))
            for r in rows
            if r.score is not None
        ][:CHART_ROWS],
        title=_("Annual score of the holders"),
        table_id="ranking-table",
        empty=_("No published annual result."),
        maximum=100,
    )
    context = {
        "form": form,
        "rows": rows,
        "chosen": chosen,
        "year": year,
        "chart": chart,
    }
    return render(request, "insight/compare.html", context)
