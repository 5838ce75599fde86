"""Pages to record a disqualifier on a person and to rate a unit for a year."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from canbo.core.errors import InvalidInput
from canbo.core.forms_util import add_service_errors, flash_errors
from canbo.core.http import AuthedRequest
from canbo.evaluation import inputs
from canbo.evaluation.forms import DisqualificationForm, PartyRatingForm, UnitRatingForm
from canbo.evaluation.selectors import access_sheet, decides_above
from canbo.org.selectors import access_unit
from canbo.people.selectors import access_person
from canbo.policy.access import Capability


def _page(
    request: AuthedRequest,
    title: str,
    subject: str,
    form: forms.Form,
    status: int = 200,
) -> HttpResponse:
    context = {"title": title, "subject": subject, "form": form}
    return render(request, "evaluation/input_form.html", context, status=status)


def disqualification(request: AuthedRequest, person_pk: int) -> HttpResponse:
    """Record a disqualifier (EVAL-03) on a person, from their profile."""
    person = access_person(request.actor, person_pk)
    if not request.actor.covers(
        Capability.OPEN_PERIODS, person.unit_path, person.unit_id
    ):
        raise Http404
    title = _("Record a case of not completing the tasks")
    initial = {"year": timezone.localdate().year}
    form = DisqualificationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            inputs.record_disqualification(
                actor=request.actor, person=person, **form.cleaned_data
            )
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Recorded."))
            return redirect("people:detail", person.pk)
    status = 422 if form.errors else 200
    return _page(request, title, person.full_name, form, status)


def unit_rating(request: AuthedRequest, unit_pk: int) -> HttpResponse:
    """Rate a unit for a year (Decree 233 art. 7), by the head above it."""
    unit = access_unit(request.actor, unit_pk)
    if not decides_above(request.actor, unit):
        raise Http404
    form = UnitRatingForm(
        request.POST or None, initial={"year": timezone.localdate().year}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            inputs.rate_unit(
                actor=request.actor, unit=unit, year=data["year"], score=data["score"],
                facts=form.facts(), level=data["level"],
                recognised_excellent=data["recognised_excellent"], decision_ref=data["decision_ref"],
            )  # fmt: skip
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The unit is rated."))
            return redirect("org:detail", unit.pk)
    status = 422 if form.errors else 200
    return _page(request, _("Rate the unit for a year"), unit.name, form, status)


@require_POST
def party_rating(request: AuthedRequest, sheet_pk: int) -> HttpResponse:
    """Rate a Party member from their published year sheet (QĐ 366)."""
    sheet = access_sheet(request.actor, sheet_pk)
    if not request.actor.covers(
        Capability.DECIDE_LEVELS, sheet.unit_path, sheet.unit_id
    ):
        raise Http404
    form = PartyRatingForm(request.POST)
    if form.is_valid():
        try:
            inputs.rate_party_member(
                actor=request.actor, person=sheet.person, year=sheet.period.start.year,
                level=form.cleaned_data["level"], note=form.cleaned_data["note"],
            )  # fmt: skip
        except InvalidInput as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("The Party member rating is recorded."))
    else:
        messages.error(request, _("Choose one of the four levels."))
    return redirect("evaluation:sheet", sheet.pk)
