"""Rotation pages: the due list, plans of position changes, circumstances, leader rotations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from canbo.core.errors import InvalidInput
from canbo.core.forms_util import add_service_errors, flash_errors
from canbo.core.http import AuthedRequest, require_anywhere
from canbo.org.models import JobPosition
from canbo.people.models import Assignment
from canbo.policy.access import Capability
from canbo.policy.rotation import DueStatus
from canbo.rotation import forms as rf
from canbo.rotation import selectors, services
from canbo.rotation.messages import explain_flag
from canbo.rotation.models import RotationPlan

PAGE_SIZE = 25
VIEW = Capability.VIEW_CAREERS
MANAGE = Capability.MANAGE_CAREERS


def _form_page(
    request: AuthedRequest, title: str, subject: str, form: forms.Form, back: str
) -> HttpResponse:
    context = {"title": title, "subject": subject, "form": form, "back": back}
    status = 422 if form.errors else 200
    return render(request, "rotation/form.html", context, status=status)


def home(request: AuthedRequest) -> HttpResponse:
    require_anywhere(request.actor, VIEW)
    context = {
        "can_manage": request.actor.can_anywhere(MANAGE),
        "plans": selectors.plans_visible_to(request.actor)[:5],
    }
    return render(request, "rotation/home.html", context)


def due(request: AuthedRequest) -> HttpResponse:
    """People past or near the period of their position (Luật PCTN art. 25)."""
    require_anywhere(request.actor, VIEW)
    form = rf.DueFilterForm(request.GET or None, actor=request.actor)
    data = form.cleaned_data if form.is_valid() else {}
    window = data.get("window")
    filters = selectors.DueFilter(
        unit=data.get("unit"),
        status=DueStatus(data["status"]) if data.get("status") else None,
        window_months=6 if window is None else window,
    )
    today = timezone.localdate()
    rows = selectors.due_list(request.actor, filters, today=today)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "rows": selectors.due_rows(list(page.object_list), today=today),
        "can_manage": request.actor.can_anywhere(MANAGE),
    }
    template = "rotation/due.html#results" if request.htmx else "rotation/due.html"
    return render(request, template, context)


def positions(request: AuthedRequest) -> HttpResponse:
    require_anywhere(request.actor, VIEW)
    context = {
        "positions": selectors.subject_positions(),
        "can_edit": request.actor.can_anywhere(Capability.MANAGE_CATALOGUES),
    }
    return render(request, "rotation/positions.html", context)


def position_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    """Set a job position's period (catalogue data: the administrator's)."""
    require_anywhere(request.actor, Capability.MANAGE_CATALOGUES)
    position = get_object_or_404(JobPosition, pk=pk)
    initial = {
        "rotation_months": position.rotation_months,
        "rotation_basis": position.rotation_basis,
    }
    form = rf.PeriodForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_rotation_period(
                actor=request.actor, job_position=position,
                months=form.cleaned_data["rotation_months"], basis=form.cleaned_data["rotation_basis"],
            )  # fmt: skip
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("rotation:positions")
    return _form_page(
        request, _("Rotation period"), position.name, form, "rotation:positions"
    )


def plans(request: AuthedRequest) -> HttpResponse:
    require_anywhere(request.actor, VIEW)
    can_manage = request.actor.can_anywhere(MANAGE)
    form = rf.PlanForm(actor=request.actor, initial={"year": timezone.localdate().year})
    context = {
        "plans": selectors.plans_visible_to(request.actor).order_by(
            "-year", "unit__path"
        ),
        "form": form if can_manage else None,
    }
    return render(request, "rotation/plans.html", context)


def plan_create(request: AuthedRequest) -> HttpResponse:
    require_anywhere(request.actor, MANAGE)
    form = rf.PlanForm(request.POST or None, actor=request.actor)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.create_plan(actor=request.actor, **form.cleaned_data)
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            return redirect("rotation:plan", plan.pk)
    return _form_page(request, _("New rotation plan"), "", form, "rotation:plans")


def plan(request: AuthedRequest, pk: int) -> HttpResponse:
    found = selectors.access_plan(request.actor, pk)
    manage = selectors.can_manage(request.actor, found.unit_path, found.unit_id)
    items = list(selectors.plan_items(found))
    for item in items:
        item.reasons = [explain_flag(code) for code in item.flags]  # type: ignore[attr-defined]
    context = {
        "plan": found,
        "items": items,
        "can_manage": manage,
        "execute_form": rf.ExecuteForm(initial={"on": timezone.localdate()}),
    }
    return render(request, "rotation/plan.html", context)


@require_POST
def plan_publish(request: AuthedRequest, pk: int) -> HttpResponse:
    found = selectors.access_plan(request.actor, pk, for_write=True)
    try:
        services.publish_plan(
            actor=request.actor, plan=found, today=timezone.localdate()
        )
    except InvalidInput as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The plan is published."))
    return redirect("rotation:plan", found.pk)


def change_add(request: AuthedRequest, assignment_pk: int) -> HttpResponse:
    """Add a due person to a draft plan of their agency."""
    require_anywhere(request.actor, MANAGE)
    assignment = get_object_or_404(
        Assignment.objects.select_related("person", "unit", "job_position"),
        pk=assignment_pk,
    )
    person = assignment.person
    if not selectors.can_manage(request.actor, person.unit_path, person.unit_id):
        raise Http404
    drafts = selectors.plans_visible_to(request.actor).filter(
        status=RotationPlan.Status.DRAFT
    )
    form = rf.AddChangeForm(
        request.POST or None, plans=drafts, actor=request.actor,
        initial={"plan": drafts.first(), "target_unit": assignment.unit},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            change = services.add_to_plan(
                actor=request.actor, assignment=assignment, **form.cleaned_data
            )
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Added to the plan."))
            return redirect("rotation:plan", change.plan_id)
    subject = f"{person.full_name} · {assignment.job_position} · {assignment.unit}"
    return _form_page(
        request, _("Add to a rotation plan"), subject, form, "rotation:due"
    )


@require_POST
def change_execute(request: AuthedRequest, pk: int) -> HttpResponse:
    change = selectors.access_change(request.actor, pk, for_write=True)
    form = rf.ExecuteForm(request.POST)
    if form.is_valid():
        try:
            services.execute_change(
                actor=request.actor, change=change, **form.cleaned_data
            )
        except InvalidInput as error:
            flash_errors(request, error)
        else:
            messages.success(
                request, _("The change is carried out; the new assignment is recorded.")
            )
    else:
        messages.error(request, _("Enter the effective date."))
    return redirect("rotation:plan", change.plan_id)


@require_POST
def change_cancel(request: AuthedRequest, pk: int) -> HttpResponse:
    change = selectors.access_change(request.actor, pk, for_write=True)
    try:
        if change.plan.status == RotationPlan.Status.DRAFT:
            services.remove_from_plan(actor=request.actor, change=change)
        else:
            services.cancel_change(actor=request.actor, change=change)
    except InvalidInput as error:
        flash_errors(request, error)
    return redirect("rotation:plan", change.plan_id)


def circumstances(request: AuthedRequest, person_pk: int) -> HttpResponse:
    """A person's circumstances that postpone a change (Decree 59 art. 38)."""
    person = selectors.access_person_careers(request.actor, person_pk)
    manage = selectors.can_manage(request.actor, person.unit_path, person.unit_id)
    form = rf.CircumstanceForm(request.POST or None) if manage else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                services.record_circumstance(
                    actor=request.actor, person=person, **form.cleaned_data
                )
            except InvalidInput as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Recorded."))
                return redirect("rotation:circumstances", person.pk)
    context: dict[str, Any] = {
        "person": person,
        "items": selectors.circumstances_of(person),
        "form": form,
        "today": timezone.localdate(),
    }
    status = 422 if form is not None and form.errors else 200
    return render(request, "rotation/circumstances.html", context, status=status)


@require_POST
def circumstance_end(request: AuthedRequest, pk: int) -> HttpResponse:
    found = selectors.access_circumstance(request.actor, pk)
    try:
        services.end_circumstance(
            actor=request.actor, circumstance=found, end=timezone.localdate()
        )
    except InvalidInput as error:
        flash_errors(request, error)
    return redirect("rotation:circumstances", found.person_id)


def rotations(request: AuthedRequest) -> HttpResponse:
    require_anywhere(request.actor, VIEW)
    found = selectors.rotations_visible_to(request.actor).order_by("planned_end", "id")
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "can_manage": request.actor.can_anywhere(MANAGE)}
    return render(request, "rotation/rotations.html", context)


def rotation_create(request: AuthedRequest, person_pk: int) -> HttpResponse:
    person = selectors.access_person_careers(request.actor, person_pk, for_write=True)
    form = rf.RotationForm(
        request.POST or None, actor=request.actor, initial={"from_unit": person.unit}
    )
    if request.method == "POST" and form.is_valid():
        try:
            rotation = services.create_rotation(
                actor=request.actor, person=person, **form.cleaned_data
            )
        except InvalidInput as error:
            add_service_errors(form, error, {"person": "", "start": "start"})
        else:
            return redirect("rotation:rotation", rotation.pk)
    return _form_page(
        request, _("New leader rotation"), person.full_name, form, "rotation:rotations"
    )


def rotation(request: AuthedRequest, pk: int) -> HttpResponse:
    found = selectors.access_rotation(request.actor, pk)
    manage = selectors.can_manage(request.actor, found.unit_path, found.from_unit_id)
    context = {
        "rotation": found,
        "can_manage": manage,
        "evaluate_form": rf.EvaluateForm(initial={"on": timezone.localdate()})
        if manage
        else None,
        "place_form": rf.PlacementForm(
            actor=request.actor, initial={"on": timezone.localdate()}
        )
        if manage
        else None,
    }
    return render(request, "rotation/rotation.html", context)


def rotation_evaluate(request: AuthedRequest, pk: int) -> HttpResponse:
    found = selectors.access_rotation(request.actor, pk, for_write=True)
    form = rf.EvaluateForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluate_rotation(
                actor=request.actor, rotation=found, **form.cleaned_data
            )
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            return redirect("rotation:rotation", found.pk)
    return _form_page(
        request, _("Evaluate the rotation"), str(found), form, "rotation:rotations"
    )


def rotation_close(request: AuthedRequest, pk: int) -> HttpResponse:
    found = selectors.access_rotation(request.actor, pk, for_write=True)
    form = rf.PlacementForm(request.POST or None, actor=request.actor)
    if request.method == "POST" and form.is_valid():
        try:
            services.close_rotation(
                actor=request.actor, rotation=found, **form.cleaned_data
            )
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            return redirect("rotation:rotation", found.pk)
    return _form_page(
        request,
        _("Placement after the rotation"),
        str(found),
        form,
        "rotation:rotations",
    )
