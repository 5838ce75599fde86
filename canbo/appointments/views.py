"""Appointments pages: the due lists, proposals with their checks, renewals,
extension ballots, selection rounds and public holidays."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from canbo.appointments import checks, forms, selectors, services
from canbo.appointments import messages as texts
from canbo.appointments.models import Appointment, ExtensionBallot, PublicHoliday
from canbo.core.errors import InvalidInput
from canbo.core.forms_util import add_service_errors, flash_errors
from canbo.core.http import AuthedRequest, require_anywhere
from canbo.policy.access import Capability

VIEW = Capability.VIEW_CAREERS
MANAGE = Capability.MANAGE_CAREERS
OVERRIDE = Capability.OVERRIDE_RULES
PAGE_SIZE = 25


def home(request: AuthedRequest) -> HttpResponse:
    """Terms ending in 6 months, retirements in 24 months per unit, open proposals."""
    require_anywhere(request.actor, VIEW)
    actor, today = request.actor, timezone.localdate()
    form = forms.UnitFilterForm(request.GET or None, actor=actor)
    unit = form.cleaned_data.get("unit") if form.is_valid() else None
    terms = Paginator(
        selectors.terms_ending(actor, today=today, unit=unit), PAGE_SIZE
    ).get_page(request.GET.get("tpage"))
    retiring = Paginator(
        selectors.retirements(actor, today=today, unit=unit), PAGE_SIZE
    ).get_page(request.GET.get("rpage"))
    proposals = Paginator(selectors.open_proposals(actor, unit), PAGE_SIZE).get_page(
        request.GET.get("ppage")
    )
    context = {
        "form": form,
        "terms": terms,
        "notices": selectors.notices(terms.object_list, today),
        "retiring": retiring,
        "retire_dates": selectors.retirement_dates(retiring.object_list),
        "by_unit": selectors.retirements_by_unit(actor, today=today, unit=unit),
        "proposals": proposals,
        "can_manage": actor.can_anywhere(MANAGE),
        "can_admin": actor.can_anywhere(Capability.MANAGE_CATALOGUES),
    }
    return render(request, "appointments/home.html", context)


def propose(request: AuthedRequest) -> HttpResponse:
    require_anywhere(request.actor, MANAGE)
    actor = request.actor
    initial = {
        "person": request.GET.get("person"),
        "process_started": timezone.localdate(),
    }
    form = forms.ProposalForm(request.POST or None, actor=actor, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = selectors.person_for_proposal(actor, data["person"])
            proposal = services.propose(
                actor=actor, person=person, post=data["post"], unit=data["unit"],
                kind=data["kind"], source=data["source"],
                process_started=data["process_started"], note=data["note"],
            )  # fmt: skip
        except Http404:
            form.add_error(
                "person", _("No staff record with this number in your scope.")
            )
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            return redirect("appointments:detail", proposal.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "appointments/propose.html", {"form": form}, status=status)


def _check_rows(appointment: Appointment) -> list[dict[str, Any]]:
    """One row per rule looked at: ✓ or its reasons, overridable marked."""
    result = checks.loaded(appointment.checks)
    rows = []
    for rule in result.rules:
        found = [c for c in result.checks if c.rule == rule]
        rows.append(
            {
                "rule": texts.RULES.get(rule, rule),
                "article": texts.article(rule),
                "ok": not found,
                "items": [
                    {
                        "code": c.code,
                        "text": texts.explain(c.code, c.params),
                        "severity": c.severity,
                        "overridable": c.overridable,
                        "overridden": c.code in appointment.overridden,
                    }
                    for c in found
                ],
            }
        )
    return rows


def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    actor = request.actor
    appointment = selectors.access_appointment(actor, pk)
    result = checks.loaded(appointment.checks)
    is_open = appointment.status == Appointment.Status.PROPOSED
    can_manage = is_open and actor.covers(
        MANAGE, appointment.unit_path, appointment.unit_id
    )
    can_override = is_open and actor.covers(
        OVERRIDE, appointment.unit_path, appointment.unit_id
    )
    overridable = [
        (c.code, texts.explain(c.code, c.params))
        for c in result.refusals
        if c.overridable
    ]
    ballot = selectors.ballot_of(appointment)
    context = {
        "a": appointment,
        "rows": _check_rows(appointment),
        "blocking": [
            texts.explain(c.code, c.params)
            for c in result.blocking(appointment.overridden)
        ],
        "can_manage": can_manage,
        "can_override": can_override and bool(overridable),
        "approve_form": forms.ApproveForm(
            initial={"decision_date": timezone.localdate()}
        ),
        "override_form": forms.OverrideForm(choices=overridable),
        "reason_form": forms.ReasonForm(),
        "ballot": ballot,
        "ballot_form": forms.BallotForm(initial={"held_on": timezone.localdate()}),
        "tie_form": forms.TieForm(),
        "can_decide_tie": can_override
        and ballot is not None
        and ballot.outcome == ExtensionBallot.Outcome.HEAD_DECIDES
        and not ballot.head_decision,
    }
    return render(request, "appointments/detail.html", context)


def _act(
    request: AuthedRequest,
    pk: int,
    form: Any,
    action: Any,
    capability: Capability = MANAGE,
) -> HttpResponse:
    """Run `action(appointment, cleaned_data)` on a valid form; refusals go back as
    messages. Without `capability` over the appointment's unit: 404."""
    appointment = selectors.access_appointment(request.actor, pk)
    if not request.actor.covers(capability, appointment.unit_path, appointment.unit_id):
        raise Http404
    if form.is_valid():
        try:
            action(appointment, form.cleaned_data)
        except InvalidInput as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("Saved."))
    else:
        for field, problems in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for problem in problems:
                messages.error(request, f"{label}: {problem}" if label else problem)
    return redirect("appointments:detail", appointment.pk)


@require_POST
def approve(request: AuthedRequest, pk: int) -> HttpResponse:
    return _act(
        request, pk, forms.ApproveForm(request.POST),
        lambda a, d: services.approve(
            actor=request.actor, appointment=a, decision_ref=d["decision_ref"],
            decision_date=d["decision_date"],
        ),
    )  # fmt: skip


@require_POST
def override(request: AuthedRequest, pk: int) -> HttpResponse:
    codes = request.POST.getlist("codes")
    form = forms.OverrideForm(request.POST, choices=[(c, c) for c in codes])
    return _act(
        request, pk, form,
        lambda a, d: services.override(
            actor=request.actor, appointment=a, codes=d["codes"],
            justification=d["justification"],
        ),
        OVERRIDE,
    )  # fmt: skip


@require_POST
def close(request: AuthedRequest, pk: int) -> HttpResponse:
    def run(a: Appointment, d: dict[str, Any]) -> None:
        act = services.refuse if d["action"] == "refused" else services.withdraw
        act(actor=request.actor, appointment=a, reason=d["reason"])

    return _act(request, pk, forms.ReasonForm(request.POST), run)


@require_POST
def ballot(request: AuthedRequest, pk: int) -> HttpResponse:
    return _act(
        request, pk, forms.BallotForm(request.POST),
        lambda a, d: services.record_ballot(actor=request.actor, appointment=a, **d),
    )  # fmt: skip


@require_POST
def decide_tie(request: AuthedRequest, pk: int) -> HttpResponse:
    def run(a: Appointment, d: dict[str, Any]) -> None:
        services.decide_tied_ballot(
            actor=request.actor,
            appointment=a,
            agree=d["decision"] == "agree",
            note=d["note"],
        )

    return _act(request, pk, forms.TieForm(request.POST), run, OVERRIDE)


def renew(request: AuthedRequest, pk: int) -> HttpResponse:
    """Propose the reappointment (or extension) of an ending term."""
    term = selectors.access_term(request.actor, pk)
    if not request.actor.covers(MANAGE, term.unit_path, term.unit_id):
        raise Http404
    result = checks.run(
        person=term.person, post=term.post, kind=Appointment.Kind.REAPPOINTMENT,
        source=term.source, on=timezone.localdate(), term_start=term.term_start,
        term_end=term.term_end, unit_path=term.unit_path,
    )  # fmt: skip
    suggested = (
        Appointment.Kind.EXTENSION
        if any(c.code == "extension_instead" for c in result.checks)
        else Appointment.Kind.REAPPOINTMENT
    )
    initial = {"kind": suggested, "process_started": timezone.localdate()}
    form = forms.RenewalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.propose_renewal(
                actor=request.actor, term=term, **form.cleaned_data
            )
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            return redirect("appointments:detail", proposal.pk)
    notice = selectors.notices([term], timezone.localdate()).get(term.pk)
    context = {"term": term, "form": form, "notice": notice, "suggested": suggested}
    status = 422 if request.method == "POST" else 200
    return render(request, "appointments/renew.html", context, status=status)


# --- selection rounds -----------------------------------------------------------------


def rounds(request: AuthedRequest) -> HttpResponse:
    require_anywhere(request.actor, VIEW)
    actor = request.actor
    can_manage = actor.can_anywhere(MANAGE)
    form = forms.RoundForm(request.POST or None, actor=actor) if can_manage else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                selection = services.open_round(actor=actor, **form.cleaned_data)
            except InvalidInput as error:
                add_service_errors(form, error)
            else:
                return redirect("appointments:round", selection.pk)
    page = Paginator(
        selectors.rounds_visible_to(actor).order_by("-announced_on", "-id"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    status = 422 if request.method == "POST" else 200
    return render(
        request, "appointments/rounds.html", {"page": page, "form": form}, status=status
    )


def round_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    actor = request.actor
    selection = selectors.access_round(actor, pk)
    can_manage = selection.status == "open" and actor.covers(
        MANAGE, selection.unit_path, selection.unit_id
    )
    form = forms.CandidateForm(request.POST or None, parts=selection.part_names())
    if request.method == "POST":
        if not can_manage:
            raise Http404
        if form.is_valid():
            try:
                number = form.cleaned_data.get("person")
                person = (
                    selectors.person_for_proposal(actor, number) if number else None
                )
                services.add_candidate(
                    actor=actor, selection=selection, person=person,
                    external_name=form.cleaned_data.get("external_name", ""),
                    scores=form.scores(),
                )  # fmt: skip
            except Http404:
                form.add_error(
                    "person", _("No staff record with this number in your scope.")
                )
            except InvalidInput as error:
                add_service_errors(form, error)
            else:
                return redirect("appointments:round", selection.pk)
    context = {
        "round": selection,
        "parts": selection.part_names(),
        "candidates": selectors.candidates_of(selection),
        "form": form,
        "winner_form": forms.WinnerForm(
            initial={"process_started": timezone.localdate()}
        ),
        "can_manage": can_manage,
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "appointments/round.html", context, status=status)


@require_POST
def choose_winner(request: AuthedRequest, pk: int) -> HttpResponse:
    candidate = selectors.access_candidate(request.actor, pk)
    selection = candidate.round
    if not request.actor.covers(MANAGE, selection.unit_path, selection.unit_id):
        raise Http404
    form = forms.WinnerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the date the process started."))
        return redirect("appointments:round", candidate.round_id)
    try:
        proposal = services.choose_winner(
            actor=request.actor, candidate=candidate, **form.cleaned_data
        )
    except InvalidInput as error:
        flash_errors(request, error)
        return redirect("appointments:round", candidate.round_id)
    return redirect("appointments:detail", proposal.pk)


# --- public holidays --------------------------------------------------------------------


def holidays(request: AuthedRequest) -> HttpResponse:
    require_anywhere(request.actor, VIEW)
    can_edit = request.actor.can_anywhere(Capability.MANAGE_CATALOGUES)
    form = forms.HolidayForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                services.add_holiday(
                    actor=request.actor, day=form.cleaned_data["date"],
                    name=form.cleaned_data["name"],
                )  # fmt: skip
            except InvalidInput as error:
                add_service_errors(form, error, {"date": "date"})
            else:
                return redirect("appointments:holidays")
    context = {
        "holidays": PublicHoliday.objects.all(),
        "form": form,
        "can_edit": can_edit,
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "appointments/holidays.html", context, status=status)


@require_POST
def remove_holiday(request: AuthedRequest, pk: int) -> HttpResponse:
    if not request.actor.can_anywhere(Capability.MANAGE_CATALOGUES):
        raise Http404
    holiday = PublicHoliday.objects.filter(pk=pk).first()
    if holiday is None:
        raise Http404
    services.remove_holiday(actor=request.actor, holiday=holiday)
    return redirect("appointments:holidays")
