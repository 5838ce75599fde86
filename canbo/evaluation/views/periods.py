"""Evaluation home, periods: open, follow, publish, reopen."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from canbo.core.actor import Actor
from canbo.core.errors import InvalidInput, NotAllowed
from canbo.core.forms_util import add_service_errors, flash_errors
from canbo.core.http import AuthedRequest
from canbo.evaluation import periods, selectors
from canbo.evaluation.forms import OpenPeriodForm, ReopenForm
from canbo.evaluation.models import Period, Sheet
from canbo.evaluation.year import propose_year
from canbo.org.models import Unit
from canbo.policy.access import Capability


def _open_form(request: AuthedRequest) -> OpenPeriodForm | None:
    units = selectors.units_to_open(request.actor)
    if not request.actor.can_anywhere(Capability.OPEN_PERIODS):
        return None
    data = request.POST if request.method == "POST" else None
    return OpenPeriodForm(data, units=units, initial={"day": timezone.localdate()})


def home(request: AuthedRequest) -> HttpResponse:
    """My sheets, the periods I can follow, and opening a period."""
    actor = request.actor
    form = _open_form(request)
    if request.method == "POST":
        if form is None:
            raise NotAllowed
        if form.is_valid():
            try:
                period = periods.open_period(actor=actor, **form.cleaned_data)
            except InvalidInput as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, _("The period is open; its sheets are being created.")
                )
                return redirect("evaluation:period", period.pk)
    listed = selectors.periods_visible_to(actor).order_by("-start", "unit_path")
    context = {
        "sheets": selectors.my_sheets(actor)[:24],
        "periods": Paginator(listed, 25).get_page(request.GET.get("page")),
        "form": form,
    }
    status = 422 if form is not None and form.errors else 200
    return render(request, "evaluation/home.html", context, status=status)


def period(request: AuthedRequest, pk: int) -> HttpResponse:
    """A period's progress and its sheets; polls while the sheets are created."""
    actor = request.actor
    found = selectors.access_period(actor, pk)
    listed = selectors.period_sheets(actor, found)
    status = request.GET.get("status", "")
    if status in Sheet.Status.values:
        listed = listed.filter(status=status)
    sheets = Paginator(listed, 50)
    progress = selectors.progress(actor, found)
    context = {
        "period": found,
        "progress": progress,
        "steps": progress.steps(),
        "branches": selectors.progress_by_branch(actor, found),
        "status_filter": status,
        "statuses": Sheet.Status.choices,
        "sheets": sheets.get_page(request.GET.get("page")),
        "can_publish": _may_open(actor, found) and not actor.read_only,
        "reopen_form": ReopenForm(),
        "rate_units": _units_to_rate(actor, found),
        "ties": selectors.tied_by_quota(actor, found),
        "can_attach": found.status == Period.Status.OPEN and _may_attach(actor, found),
    }
    if request.htmx and found.status == Period.Status.OPENING:
        return render(request, "evaluation/_opening.html", context)
    return render(request, "evaluation/period.html", context)


def _units_to_rate(actor: Actor, period: Period) -> list[Unit]:
    """The period's unit and the units just below it that the actor may rate."""
    if period.kind != Period.Kind.YEAR:
        return []
    units = [period.unit, *period.unit.children.filter(is_active=True).order_by("name")]
    return [u for u in units if selectors.decides_above(actor, u)]


def _may_open(actor: Actor, period: Period) -> bool:
    return actor.covers(Capability.OPEN_PERIODS, period.unit_path, period.unit_id)


def _may_attach(actor: Actor, period: Period) -> bool:
    return not actor.read_only and any(
        actor.covers(c, period.unit_path, period.unit_id)
        for c in (Capability.DECIDE_LEVELS, Capability.OPEN_PERIODS)
    )


def _on_period(
    request: AuthedRequest,
    pk: int,
    call: Callable[[Period], str],
    may: Callable[[Actor, Period], bool] = _may_open,
) -> HttpResponse:
    """Run one action on a period and come back to it with its outcome: 404 for
    those who may not act, the refusals as messages."""
    found = selectors.access_period(request.actor, pk)
    if not may(request.actor, found):
        raise Http404
    try:
        done = call(found)
    except NotAllowed:
        raise Http404 from None
    except InvalidInput as error:
        flash_errors(request, error)
    else:
        messages.success(request, done)
    return redirect("evaluation:period", pk)


@require_POST
def classify_year(request: AuthedRequest, pk: int) -> HttpResponse:
    """Work out the year's scores and proposed levels (quotas, head cap)."""

    def call(period: Period) -> str:
        count = propose_year(actor=request.actor, period=period)
        return _("Levels proposed for %(count)d sheets.") % {"count": count}

    return _on_period(request, pk, call)


@require_POST
def publish(request: AuthedRequest, pk: int) -> HttpResponse:
    def call(period: Period) -> str:
        periods.publish_period(actor=request.actor, period=period)
        return _("The results are published and the period is locked.")

    return _on_period(request, pk, call)


@require_POST
def reopen(request: AuthedRequest, pk: int) -> HttpResponse:
    def call(period: Period) -> str:
        form = ReopenForm(request.POST)
        if not form.is_valid():
            raise InvalidInput.single("reason", _("Give the reason for reopening."))
        periods.reopen_period(
            actor=request.actor, period=period, reason=form.cleaned_data["reason"]
        )
        return _("The period is open again.")

    return _on_period(request, pk, call)


@require_POST
def upload_minutes(request: AuthedRequest, pk: int) -> HttpResponse:
    """Attach the collective meeting's minutes to an open period."""

    def call(period: Period) -> str:
        upload = request.FILES.get("minutes")
        if upload is None:
            raise InvalidInput.single("minutes", _("Choose the file of the minutes."))
        periods.attach_minutes(actor=request.actor, period=period, upload=upload)
        return _("The minutes are attached.")

    return _on_period(request, pk, call, may=_may_attach)


def minutes(request: AuthedRequest, pk: int) -> HttpResponseBase:
    """Serve the minutes to those who may see the period, never by a raw URL."""
    found = selectors.access_period(request.actor, pk)
    if not found.minutes:
        raise Http404
    try:
        handle = found.minutes.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=found.minutes_name)
