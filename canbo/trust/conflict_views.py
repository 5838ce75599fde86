"""Relatives' conflicts (Luật PCTN 36/2018 art. 20.3): the report and the set-aside."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from canbo.core.errors import InvalidInput, NotAllowed
from canbo.core.forms_util import add_service_errors
from canbo.core.http import AuthedRequest, require_anywhere
from canbo.org.models import Unit
from canbo.org.selectors import units_visible_to
from canbo.people.conflicts import Case, conflict_cases
from canbo.people.models import Person
from canbo.people.selectors import people_visible_to
from canbo.policy.access import Capability
from canbo.policy.relatives import ARTICLE
from canbo.trust import conflicts as service

PAGE_SIZE = 25


def conflicts(request: AuthedRequest) -> HttpResponse:
    """Existing cases in the actor's scope: a unit's head or deputy head with a
    close relative in a personnel, accounting, cashier or storekeeper post."""
    actor = request.actor
    require_anywhere(actor, Capability.VIEW_CAREERS)
    today = timezone.localdate()
    page = Paginator(conflict_cases(actor, today=today), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "cases": [Case(*row) for row in page.object_list],
        "article": ARTICLE,
        "can_override": not actor.read_only
        and actor.can_anywhere(Capability.OVERRIDE_RULES),
    }
    return render(request, "trust/conflicts.html", context)


class WaiverForm(forms.Form):
    unit = forms.CharField(label=gettext_lazy("Unit code"), max_length=32)
    leader = forms.CharField(
        label=gettext_lazy("Citizen ID (CCCD) of the head or deputy head"),
        max_length=12,
    )
    relative = forms.CharField(
        label=gettext_lazy("Citizen ID (CCCD) of the relative"), max_length=12
    )
    justification = forms.CharField(
        label=gettext_lazy("Justification"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Why the rule is set aside here; kept in the audit log."
        ),
    )


def _person(request: AuthedRequest, form: WaiverForm, field: str) -> Person | None:
    ref = form.cleaned_data[field].strip()
    person = (
        people_visible_to(request.actor).filter(citizen_id=ref).first()
        if ref.isdigit()
        else None
    )
    if person is None:
        form.add_error(field, _("No staff record with this citizen ID in your scope."))
    return person


def _initial(request: AuthedRequest) -> dict[str, str]:
    initial: dict[str, str] = {}
    ids = {k: request.GET.get(k, "") for k in ("unit", "leader", "relative")}
    if ids["unit"].isdigit():
        unit = units_visible_to(request.actor).filter(pk=int(ids["unit"])).first()
        if unit is not None:
            initial["unit"] = unit.code
    for key in ("leader", "relative"):
        if ids[key].isdigit():
            person = people_visible_to(request.actor).filter(pk=int(ids[key])).first()
            if person is not None:
                initial[key] = person.citizen_id
    return initial


@require_http_methods(["GET", "POST"])
def waive(request: AuthedRequest) -> HttpResponse:
    """A head sets the relatives' rule aside for one leader and one relative."""
    actor = request.actor
    if actor.read_only or not actor.can_anywhere(Capability.OVERRIDE_RULES):
        raise Http404
    if request.method == "POST":
        form = WaiverForm(request.POST)
        if form.is_valid():
            code = form.cleaned_data["unit"].strip()
            unit: Unit | None = units_visible_to(actor).filter(code=code).first()
            if unit is None:
                form.add_error(
                    "unit", _("Unknown unit code, or it is outside your scope.")
                )
            leader = _person(request, form, "leader")
            relative = _person(request, form, "relative")
            if unit is not None and leader is not None and relative is not None:
                try:
                    service.waive_conflict(
                        actor=actor,
                        unit=unit,
                        leader=leader,
                        relative=relative,
                        justification=form.cleaned_data["justification"],
                    )
                except InvalidInput as error:
                    add_service_errors(form, error)
                except NotAllowed:
                    form.add_error(
                        "unit", _("You may not set rules aside in this unit.")
                    )
                else:
                    messages.success(
                        request, _("The relatives' rule is set aside; it is audited.")
                    )
                    return redirect("trust:conflicts")
    else:
        form = WaiverForm(initial=_initial(request))
    context = {"form": form, "article": ARTICLE}
    status = 422 if form.errors else 200
    return render(request, "trust/waive.html", context, status=status)
