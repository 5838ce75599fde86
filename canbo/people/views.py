from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from canbo.core.errors import InvalidInput, NotAllowed
from canbo.core.forms_util import add_service_errors
from canbo.core.http import AuthedRequest
from canbo.evaluation.selectors import published_history
from canbo.org.models import Unit
from canbo.org.selectors import access_unit, units_visible_to
from canbo.people import selectors, services
from canbo.people.career_panels import career_panels
from canbo.people.forms import PersonForm, StaffFilterForm
from canbo.policy.access import Capability
from canbo.policy.retirement import age_on, months_until, retirement_date

PAGE_SIZE = 50
PERSON_FORM_FIELDS = [name for name in PersonForm.base_fields if name != "unit_code"]


def staff_list(request: AuthedRequest) -> HttpResponse:
    actor = request.actor
    if not actor.can_anywhere(Capability.VIEW_PEOPLE):
        raise Http404
    data = request.GET.copy()
    if "subtree" not in data and "unit" not in data:
        data["subtree"] = "1"
    form = StaffFilterForm(data)
    filters = selectors.StaffFilter()
    unit = None
    if form.is_valid():
        cleaned = form.cleaned_data
        unit = access_unit(actor, cleaned["unit"]) if cleaned["unit"] else None
        filters = selectors.StaffFilter(
            unit=unit,
            subtree=cleaned["subtree"],
            category=cleaned["category"],
            post_id=cleaned["post"].pk if cleaned["post"] else None,
            sex=cleaned["sex"],
            age_band=cleaned["age_band"],
            q=cleaned["q"],
        )
    people = selectors.staff_list(actor, filters, today=timezone.localdate())
    # Page through ids only (an index-only scan, even deep in the list), then load
    # the fifty rows of the page with their units and current posts.
    page = Paginator(people.values_list("pk", flat=True), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = selectors.people_in_order(list(page.object_list))  # type: ignore[assignment]
    context = {
        "form": form,
        "page": page,
        "unit": unit,
        "today": timezone.localdate(),
        "can_create": actor.can_anywhere(Capability.EDIT_PEOPLE)
        and not actor.read_only,
    }
    template = (
        "people/person_list.html#results" if request.htmx else "people/person_list.html"
    )
    return render(request, template, context)


def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    actor = request.actor
    person = selectors.access_person(actor, pk)
    today = timezone.localdate()
    retires_on = retirement_date(person.birth_date, person.sex)  # type: ignore[arg-type]
    context = {
        "person": person,
        "age": age_on(person.birth_date, today),
        "retires_on": retires_on,
        "months_to_retirement": months_until(retires_on, today),
        "assignments": selectors.assignments_of(person),
        "relatives": selectors.relatives_of(person),
        "history": selectors.person_history(person),
        "evaluations": published_history(person.pk)[:36],
        "career_panels": career_panels(actor, person),
        "can_record_disqualification": not actor.read_only
        and actor.covers(Capability.OPEN_PERIODS, person.unit_path, person.unit_id),
        "can_edit": selectors.can_edit_person(actor, person),
        "today": today,
    }
    return render(request, "people/person_detail.html", context)


def resolve_unit(
    request: AuthedRequest, form: Any, field: str = "unit_code"
) -> Unit | None:
    code = form.cleaned_data[field].strip()
    unit = (
        units_visible_to(request.actor, Capability.EDIT_PEOPLE)
        .filter(code=code)
        .first()
    )
    if unit is None:
        form.add_error(
            field,
            _("Unknown unit code “%(code)s”, or it is outside your scope.")
            % {"code": code},
        )
    return unit


def _person_values(form: PersonForm) -> dict[str, Any]:
    data = form.cleaned_data
    values = {name: data[name] for name in PERSON_FORM_FIELDS}
    for name in (
        "religion",
        "birthplace",
        "hometown",
        "phone",
        "email",
        "civil_service_rank",
        "major",
    ):
        values[name] = values[name] or ""
    return values


@require_http_methods(["GET", "POST"])
def create(request: AuthedRequest) -> HttpResponse:
    actor = request.actor
    if actor.read_only or not actor.can_anywhere(Capability.EDIT_PEOPLE):
        raise Http404
    initial: dict[str, Any] = {"is_active": True, "ethnicity": "Kinh"}
    if "unit" in request.GET:
        initial["unit_code"] = access_unit(actor, int(request.GET["unit"])).code
    form = PersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        unit = resolve_unit(request, form)
        if unit is not None:
            try:
                person = services.create_person(
                    actor=actor, unit=unit, **_person_values(form)
                )
            except InvalidInput as error:
                add_service_errors(form, error)
            except NotAllowed:
                form.add_error("unit_code", _("You may not add staff to this unit."))
            else:
                messages.success(request, _("Staff record created."))
                return redirect("people:detail", person.pk)
    return render(
        request,
        "people/person_form.html",
        {"form": form, "person": None},
        status=422 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def edit(request: AuthedRequest, pk: int) -> HttpResponse:
    actor = request.actor
    person = selectors.access_person(actor, pk, for_write=True)
    initial = {name: getattr(person, name) for name in PERSON_FORM_FIELDS} | {
        "unit_code": person.unit.code
    }
    form = PersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        unit = resolve_unit(request, form)
        if unit is not None:
            try:
                services.update_person(
                    actor=actor, person=person, unit=unit, **_person_values(form)
                )
            except InvalidInput as error:
                add_service_errors(form, error)
            except NotAllowed:
                form.add_error(
                    "unit_code", _("You may not move this record to that unit.")
                )
            else:
                messages.success(request, _("Changes saved."))
                return redirect("people:detail", person.pk)
    status = 422 if form.errors else 200
    return render(
        request,
        "people/person_form.html",
        {"form": form, "person": person},
        status=status,
    )
