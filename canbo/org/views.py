from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from canbo.core.errors import InvalidInput, NotAllowed
from canbo.core.forms_util import add_service_errors
from canbo.core.http import AuthedRequest
from canbo.core.selectors import history_of
from canbo.org import selectors, services
from canbo.org.forms import UnitForm
from canbo.org.models import Unit
from canbo.policy.access import Capability


def tree(request: AuthedRequest) -> HttpResponse:
    roots = selectors.root_units_for(request.actor)
    if not roots:
        raise Http404
    if len(roots) == 1:
        return redirect("org:detail", roots[0].pk)
    return render(request, "org/tree.html", {"roots": roots})


def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    actor = request.actor
    unit = selectors.access_unit(actor, pk)
    rows = selectors.child_summaries(unit)
    if request.htmx and request.GET.get("fragment") == "children":
        return render(
            request, "org/unit_detail.html#children", {"unit": unit, "rows": rows}
        )
    direct = selectors.direct_headcount(unit)
    context = {
        "unit": unit,
        "rows": rows,
        "ancestors": [
            u
            for u in selectors.ancestors(unit)
            if actor.covers(Capability.VIEW_UNITS, u.path, u.pk)
        ],
        "direct_headcount": direct,
        "subtree_headcount": direct + sum(row.headcount for row in rows),
        "subtree_quota": unit.staffing_quota + sum(row.quota for row in rows),
        "can_edit": actor.covers(Capability.EDIT_UNITS, unit.path, unit.pk)
        and not actor.read_only,
        "history": history_of("org.unit", unit.pk),
    }
    return render(request, "org/unit_detail.html", context)


def _resolve_parent(request: AuthedRequest, form: UnitForm) -> Unit | None:
    code = form.cleaned_data["parent_code"].strip()
    if not code:
        return None
    parent = (
        selectors.units_visible_to(request.actor, Capability.EDIT_UNITS)
        .filter(code=code)
        .first()
    )
    if parent is None:
        form.add_error(
            "parent_code",
            _("Unknown unit code “%(code)s”, or it is outside your scope.")
            % {"code": code},
        )
    return parent


@require_http_methods(["GET", "POST"])
def create(request: AuthedRequest) -> HttpResponse:
    actor = request.actor
    if not actor.can_anywhere(Capability.EDIT_UNITS):
        raise Http404
    parent_code = ""
    if "parent" in request.GET:
        parent_code = selectors.access_unit(
            actor, int(request.GET["parent"]), for_write=True
        ).code
    form = UnitForm(request.POST or None, initial={"parent_code": parent_code})
    if request.method == "POST" and form.is_valid():
        parent = _resolve_parent(request, form)
        if not form.errors:
            try:
                data = form.cleaned_data
                unit = services.create_unit(
                    actor=actor,
                    parent=parent,
                    code=data["code"],
                    name=data["name"],
                    kind=data["kind"],
                    staffing_quota=data["staffing_quota"],
                )
            except InvalidInput as error:
                add_service_errors(form, error, {"parent": "parent_code"})
            except NotAllowed:
                form.add_error(
                    "parent_code", _("You may not add units under this unit.")
                )
            else:
                messages.success(request, _("Unit created."))
                return redirect("org:detail", unit.pk)
    status = 422 if form.errors else 200
    return render(
        request, "org/unit_form.html", {"form": form, "unit": None}, status=status
    )


def _unit_values(form: UnitForm) -> dict[str, object]:
    data = form.cleaned_data
    return {key: data[key] for key in ("code", "name", "kind", "staffing_quota")}


@require_http_methods(["GET", "POST"])
def edit(request: AuthedRequest, pk: int) -> HttpResponse:
    actor = request.actor
    unit = selectors.access_unit(actor, pk, for_write=True)
    initial = {
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "parent_code": unit.parent.code if unit.parent else "",
        "staffing_quota": unit.staffing_quota,
        "is_active": unit.is_active,
    }
    form = UnitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        parent = (
            _resolve_parent(request, form)
            if form.cleaned_data["parent_code"]
            else unit.parent
        )
        if not form.errors:
            try:
                values = _unit_values(form) | {
                    "parent": parent,
                    "is_active": form.cleaned_data["is_active"],
                }
                services.update_unit(actor=actor, unit=unit, **values)
            except InvalidInput as error:
                add_service_errors(form, error, {"parent": "parent_code"})
            except NotAllowed:
                form.add_error("parent_code", _("You may not move the unit there."))
            else:
                messages.success(request, _("Changes saved."))
                return redirect("org:detail", unit.pk)
    status = 422 if form.errors else 200
    return render(
        request, "org/unit_form.html", {"form": form, "unit": unit}, status=status
    )


def catalogues(request: AuthedRequest) -> HttpResponse:
    context = {
        "posts": selectors.posts(),
        "job_positions": selectors.job_positions(),
        "can_edit": request.actor.can_anywhere(Capability.MANAGE_CATALOGUES),
    }
    return render(request, "org/catalogues.html", context)


def job_position_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    job_position = get_object_or_404(selectors.job_positions(), pk=pk)
    context = {
        "job_position": job_position,
        "history": history_of("org.jobposition", job_position.pk),
        "can_edit": request.actor.can_anywhere(Capability.MANAGE_CATALOGUES)
        and not request.actor.read_only,
    }
    return render(request, "org/job_position_detail.html", context)
