"""My tasks, one task, its evidence, and assigning."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Subquery
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from canbo.core.errors import InvalidInput, NotAllowed
from canbo.core.forms_util import add_service_errors
from canbo.core.http import AuthedRequest
from canbo.people.selectors import search_q
from canbo.policy.access import Capability
from canbo.work import selectors, services
from canbo.work.forms import AssignForm, MyTasksFilter, ProposeForm
from canbo.work.models import Task
from canbo.work.views.common import mark_colours
from canbo.work.views.detail import render_detail

PEOPLE_SHOWN = 200


def _propose_form(request: AuthedRequest, data: object = None) -> ProposeForm | None:
    actor = request.actor
    if actor.person_id is None or actor.read_only:
        return None
    form = ProposeForm(data)  # type: ignore[arg-type]
    form.fields["product_type"].queryset = selectors.own_product_types(  # type: ignore[attr-defined]
        actor, timezone.localdate()
    )
    return form


@require_http_methods(["GET", "POST"])
def my_tasks(request: AuthedRequest) -> HttpResponse:
    """The actor's own tasks, by status and month, with a form to propose one."""
    actor = request.actor
    propose = _propose_form(request, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if propose is None:
            raise Http404
        if propose.is_valid():
            task = _propose(request, propose)
            if task is not None:
                messages.success(request, _("Task proposed to your manager."))
                return redirect("work:detail", task.pk)
    filters = MyTasksFilter(request.GET or None)
    tasks = filters.apply(selectors.my_tasks(actor))
    page = Paginator(tasks, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "tasks": mark_colours(list(page.object_list), timezone.now()),
        "filters": filters,
        "propose": propose,
        "can_assign": actor.can_anywhere(Capability.ASSIGN_TASKS)
        and not actor.read_only,
        "can_board": actor.can_anywhere(Capability.VIEW_PEOPLE),
    }
    status = 422 if propose is not None and propose.errors else 200
    return render(request, "work/my_tasks.html", context, status=status)


def _propose(request: AuthedRequest, form: ProposeForm) -> Task | None:
    data = form.cleaned_data
    try:
        return services.propose_task(
            actor=request.actor,
            product_type=data["product_type"],
            quantity=data["quantity"],
            deadline=data["deadline"],
            today=timezone.localdate(),
            title=data["title"],
        )
    except InvalidInput as error:
        add_service_errors(form, error)
    except NotAllowed:
        form.add_error(None, _("You may not propose tasks."))
    return None


def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    task = selectors.access_task(request.actor, pk)
    return render_detail(request, task)


def evidence(request: AuthedRequest, pk: int) -> HttpResponseBase:
    """Serve an evidence file to those who may see its task, never by a raw URL."""
    item = selectors.access_evidence(request.actor, pk)
    if not item.file:
        return redirect(item.link)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=item.name)


def _assign_form(request: AuthedRequest) -> AssignForm:
    actor = request.actor
    today = timezone.localdate()
    form = AssignForm(
        request.POST or None,
        initial={"deadline": today + timedelta(days=5)},
    )
    people = selectors.assignable_people(actor)
    query = request.GET.get("q", "").strip()
    if query:
        people = people.filter(search_q(query))
    form.fields["people"].queryset = people  # type: ignore[attr-defined]
    form.fields["unit"].queryset = selectors.assignable_units(actor)  # type: ignore[attr-defined]
    products = selectors.product_types_in_force(today)
    form.fields["product_type"].queryset = products  # type: ignore[attr-defined]
    # htmx: choosing a product refreshes the default deadline only.
    form.fields["product_type"].widget.attrs.update(
        {"hx-get": reverse("work:assign"), "hx-target": "#id_deadline",
         "hx-select": "#id_deadline", "hx-swap": "outerHTML"}
    )  # fmt: skip
    chosen = products.filter(pk=request.GET.get("product_type") or 0).first()
    if chosen is not None:
        form.initial.update(product_type=chosen.pk)
        form.initial["deadline"] = today + timedelta(days=chosen.default_days)
    return form


def _limit_people(form: AssignForm, posted: list[str]) -> None:
    """Show at most PEOPLE_SHOWN people (and those chosen): search for the others."""
    field = form.fields["people"]
    people = field.queryset  # type: ignore[attr-defined]
    first = people.filter(pk__in=Subquery(people.values("pk")[:PEOPLE_SHOWN]))
    chosen = people.filter(pk__in=[int(x) for x in posted if x.isdigit()])
    field.queryset = first | chosen  # type: ignore[attr-defined]


@require_http_methods(["GET", "POST"])
def assign(request: AuthedRequest) -> HttpResponse:
    """Order a product from one or more persons, or from a unit (ASSIGN_TASKS)."""
    actor = request.actor
    if actor.read_only or not actor.can_anywhere(Capability.ASSIGN_TASKS):
        raise Http404
    form = _assign_form(request)
    if request.method == "POST" and form.is_valid():
        tasks = _assign(request, form)
        if tasks:
            n = len(tasks)
            text = ngettext("%(n)d task assigned.", "%(n)d tasks assigned.", n)
            messages.success(request, text % {"n": n})
            return (
                redirect("work:detail", tasks[0].pk)
                if len(tasks) == 1
                else redirect("work:board")
            )
    _limit_people(form, request.POST.getlist("people"))
    status = 422 if form.errors else 200
    data = form.cleaned_data if form.is_bound else {}
    converted = None
    if data.get("product_type") and data.get("quantity"):
        converted = data["quantity"] * data["product_type"].coefficient
    context = {"form": form, "converted": converted}
    return render(request, "work/assign.html", context, status=status)


def _assign(request: AuthedRequest, form: AssignForm) -> list[Task]:
    data = form.cleaned_data
    try:
        return services.assign_task(
            actor=request.actor,
            product_type=data["product_type"],
            quantity=data["quantity"],
            deadline=data["deadline"],
            today=timezone.localdate(),
            title=data["title"],
            assignees=list(data["people"]),
            unit=data["unit"],
            override_catalogue=data["override_catalogue"],
            description=data["description"],
            priority=data["priority"],
            document_ref=data["document_ref"],
            document_date=data["document_date"],
        )
    except InvalidInput as error:
        add_service_errors(form, error, {"assignees": "people"})
    except NotAllowed:
        form.add_error("people", _("You may not assign tasks there."))
    return []
