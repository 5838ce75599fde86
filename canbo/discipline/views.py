"""Discipline pages: the list, a record, a new review, the decision, a correction,
and the regular raises due in a quarter."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from canbo.core.actor import Actor
from canbo.core.errors import InvalidInput
from canbo.core.forms_util import add_service_errors, flash_errors
from canbo.core.http import AuthedRequest, require_anywhere
from canbo.discipline import explain, raises, selectors, services
from canbo.discipline.forms import (
    CloseForm,
    CorrectForm,
    DecisionForm,
    RaiseFilterForm,
    RecordFilterForm,
    ReviewForm,
)
from canbo.discipline.models import Discipline
from canbo.org.selectors import filter_units
from canbo.people.models import Person
from canbo.policy.access import Capability
from canbo.policy.salary import next_quarter, quarter_bounds

PAGE_SIZE = 25


def _may_manage(actor: Actor, record: Discipline) -> bool:
    return not actor.read_only and actor.covers(
        Capability.MANAGE_CAREERS, record.unit_path, record.unit_id
    )


def home(request: AuthedRequest) -> HttpResponse:
    """The records in scope, filtered by unit subtree, stage, form and year."""
    actor = request.actor
    require_anywhere(actor, Capability.VIEW_CAREERS)
    units = filter_units(actor, Capability.VIEW_CAREERS)
    form = RecordFilterForm(request.GET or None, units=units)
    filters = selectors.RecordFilter()
    if form.is_valid():
        filters = selectors.RecordFilter(**form.cleaned_data)
    listed = selectors.discipline_list(actor, filters)
    context = {
        "form": form,
        "records": Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page")),
    }
    status = 422 if form.errors else 200
    return render(request, "discipline/home.html", context, status=status)


def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    actor = request.actor
    record = selectors.access_discipline(actor, pk)
    manage = _may_manage(actor, record)
    review = record.stage == Discipline.Stage.REVIEW
    initial = {"version": record.version, "decision_date": timezone.localdate()}
    context = {
        "record": record,
        "effects": explain.effects(record),
        "can_manage": manage,
        "decision_form": DecisionForm(initial=initial) if manage and review else None,
        "close_form": CloseForm(initial=initial) if manage and review else None,
    }
    return render(request, "discipline/detail.html", context)


@require_http_methods(["GET", "POST"])
def new(request: AuthedRequest, person_pk: int) -> HttpResponse:
    """Open a disciplinary review of a person in the actor's scope."""
    person = selectors.access_person_to_discipline(request.actor, person_pk)
    form = ReviewForm(
        request.POST or None, initial={"review_started": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            record = services.open_review(
                actor=request.actor, person=person, **form.cleaned_data
            )
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The disciplinary review is open."))
            return redirect("discipline:detail", record.pk)
    status = 422 if form.errors else 200
    context = {"person": person, "form": form}
    return render(request, "discipline/review_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def decide(request: AuthedRequest, pk: int) -> HttpResponse:
    record = selectors.access_discipline(request.actor, pk, for_write=True)
    initial = {"version": record.version, "decision_date": timezone.localdate()}
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide(actor=request.actor, record=record, **form.cleaned_data)
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("discipline:detail", record.pk)
    status = 422 if form.errors else 200
    context = {"record": record, "form": form}
    return render(request, "discipline/decision_form.html", context, status=status)


@require_POST
def close(request: AuthedRequest, pk: int) -> HttpResponse:
    record = selectors.access_discipline(request.actor, pk, for_write=True)
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the review ends without discipline."))
        return redirect("discipline:detail", record.pk)
    try:
        services.close_without_discipline(
            actor=request.actor, record=record, **form.cleaned_data
        )
    except InvalidInput as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The review is closed without discipline."))
    return redirect("discipline:detail", record.pk)


def _values(record: Discipline) -> dict[str, Any]:
    names = services.CORRECTABLE
    return {"version": record.version, **{n: getattr(record, n) for n in names}}


@require_http_methods(["GET", "POST"])
def edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Correct a record (versioned: a change made meanwhile is refused)."""
    record = selectors.access_discipline(request.actor, pk, for_write=True)
    decided = record.stage == Discipline.Stage.DECIDED
    form = CorrectForm(request.POST or None, initial=_values(record), decided=decided)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        version = values.pop("version")
        try:
            services.correct(
                actor=request.actor, record=record, version=version, values=values
            )
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The record is corrected."))
            return redirect("discipline:detail", record.pk)
    status = 422 if form.errors else 200
    context = {"record": record, "form": form}
    return render(request, "discipline/edit.html", context, status=status)


def salary(request: AuthedRequest) -> HttpResponse:
    """The regular raises due in a quarter (the next one by default), by due date."""
    actor = request.actor
    require_anywhere(actor, Capability.VIEW_CAREERS)
    year, quarter = next_quarter(timezone.localdate())
    units = filter_units(actor, Capability.VIEW_CAREERS)
    data = request.GET if "year" in request.GET else None
    form = RaiseFilterForm(
        data, units=units, initial={"year": year, "quarter": quarter}
    )
    unit = None
    if form.is_valid():
        year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
        unit = form.cleaned_data["unit"]
    start, end = quarter_bounds(year, quarter)
    due = raises.raises_due(actor, start=start, end=end, unit=unit)
    page = Paginator(due, PAGE_SIZE).get_page(request.GET.get("page"))
    people = Person.objects.select_related("unit").in_bulk(
        [line.person_id for line in page.object_list]
    )
    context = {
        "form": form,
        "page": page,
        "rows": [explain.raise_row(people[d.person_id], d.next) for d in page],
        "quarter": quarter,
        "year": year,
        "start": start,
        "end": end,
    }
    return render(
        request, "discipline/salary.html", context, status=422 if form.errors else 200
    )
