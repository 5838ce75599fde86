"""Assignments and relatives of a staff record."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from canbo.core.errors import InvalidInput, NotAllowed
from canbo.core.forms_util import add_service_errors
from canbo.core.http import AuthedRequest
from canbo.people import selectors, services
from canbo.people.forms import AssignmentForm, RelativeForm
from canbo.people.models import Assignment, Person, Relative
from canbo.people.views import resolve_unit

# The assignment fields a form edits; the unit is entered by its code.
ASSIGNMENT_FORM_FIELDS = tuple(f for f in services.ASSIGNMENT_FIELDS if f != "unit")


def _form_page(
    request: AuthedRequest,
    form: forms.Form,
    person: Person,
    title: str,
    delete: tuple[str, Assignment | Relative] | None = None,
) -> HttpResponse:
    """Render the form for a part of a record; 422 when it carries errors."""
    context = {"form": form, "person": person, "title": title}
    if delete is not None:
        context |= {"delete_url": delete[0], "obj": delete[1]}
    return render(
        request, "people/record_form.html", context, status=422 if form.errors else 200
    )


def _assignment_values(form: AssignmentForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {name: data[name] for name in ASSIGNMENT_FORM_FIELDS}


def _save_assignment(
    request: AuthedRequest,
    form: AssignmentForm,
    person: Person,
    assignment: Assignment | None,
) -> bool:
    unit = resolve_unit(request, form)
    if unit is None:
        return False
    try:
        if assignment is None:
            services.create_assignment(
                actor=request.actor,
                person=person,
                unit=unit,
                **_assignment_values(form),
            )
        else:
            services.update_assignment(
                actor=request.actor,
                assignment=assignment,
                unit=unit,
                **_assignment_values(form),
            )
    except InvalidInput as error:
        add_service_errors(form, error, {"unit": "unit_code"})
        return False
    except NotAllowed:
        form.add_error("unit_code", _("You may not assign staff to this unit."))
        return False
    return True


@require_http_methods(["GET", "POST"])
def assignment_create(request: AuthedRequest, pk: int) -> HttpResponse:
    person = selectors.access_person(request.actor, pk, for_write=True)
    form = AssignmentForm(
        request.POST or None,
        initial={"unit_code": person.unit.code, "is_primary": True},
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _save_assignment(request, form, person, None)
    ):
        messages.success(request, _("Assignment added."))
        return redirect("people:detail", person.pk)
    return _form_page(request, form, person, _("Add assignment"))


@require_http_methods(["GET", "POST"])
def assignment_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    assignment = selectors.access_assignment(request.actor, pk, for_write=True)
    initial = {name: getattr(assignment, name) for name in ASSIGNMENT_FORM_FIELDS}
    form = AssignmentForm(
        request.POST or None, initial=initial | {"unit_code": assignment.unit.code}
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _save_assignment(request, form, assignment.person, assignment)
    ):
        messages.success(request, _("Changes saved."))
        return redirect("people:detail", assignment.person_id)
    return _form_page(
        request,
        form,
        assignment.person,
        _("Edit assignment"),
        ("people:assignment_delete", assignment),
    )


@require_POST
def assignment_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    assignment = selectors.access_assignment(request.actor, pk, for_write=True)
    person_id = assignment.person_id
    services.delete_assignment(actor=request.actor, assignment=assignment)
    messages.success(request, _("Assignment removed."))
    return redirect("people:detail", person_id)


def _save_relative(
    request: AuthedRequest,
    form: RelativeForm,
    person: Person,
    relative: Relative | None,
) -> bool:
    try:
        if relative is None:
            services.add_relative(
                actor=request.actor, person=person, **form.cleaned_data
            )
        else:
            services.update_relative(
                actor=request.actor, relative=relative, **form.cleaned_data
            )
    except InvalidInput as error:
        add_service_errors(form, error)
        return False
    return True


@require_http_methods(["GET", "POST"])
def relative_create(request: AuthedRequest, pk: int) -> HttpResponse:
    person = selectors.access_person(request.actor, pk, for_write=True)
    form = RelativeForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save_relative(request, form, person, None)
    ):
        messages.success(request, _("Relative declared."))
        return redirect("people:detail", person.pk)
    return _form_page(request, form, person, _("Declare a relative"))


@require_http_methods(["GET", "POST"])
def relative_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    relative = selectors.access_relative(request.actor, pk, for_write=True)
    initial = {name: getattr(relative, name) for name in services.RELATIVE_FIELDS}
    form = RelativeForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save_relative(request, form, relative.person, relative)
    ):
        messages.success(request, _("Changes saved."))
        return redirect("people:detail", relative.person_id)
    return _form_page(
        request,
        form,
        relative.person,
        _("Edit relative"),
        ("people:relative_delete", relative),
    )


@require_POST
def relative_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    relative = selectors.access_relative(request.actor, pk, for_write=True)
    person_id = relative.person_id
    services.delete_relative(actor=request.actor, relative=relative)
    messages.success(request, _("Relative removed."))
    return redirect("people:detail", person_id)
