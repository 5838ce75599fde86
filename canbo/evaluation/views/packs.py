"""Policy packs: the built-in ones and a province's own, with the open settings marked."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from canbo.core.errors import InvalidInput
from canbo.core.forms_util import add_service_errors
from canbo.core.http import AuthedRequest
from canbo.evaluation.models import StoredPack
from canbo.evaluation.pack_forms import LEADER_LABELS, PackForm
from canbo.evaluation.packs import criteria_text, resolve, save_pack, settings_of
from canbo.org.models import Unit
from canbo.policy.access import Capability
from canbo.policy.packs import BUILT_IN, OPEN_SETTINGS


def pack_list(request: AuthedRequest) -> HttpResponse:
    stored = StoredPack.objects.select_related("unit").order_by("code")
    context = {
        "built_in": BUILT_IN, "stored": stored,
        "can_edit": request.actor.can_anywhere(Capability.MANAGE_PACKS) and not request.actor.read_only,
    }  # fmt: skip
    return render(request, "evaluation/pack_list.html", context)


def pack_detail(request: AuthedRequest, code: str) -> HttpResponse:
    try:
        pack = resolve(code)
    except StoredPack.DoesNotExist:
        raise Http404 from None
    context = {
        "pack": pack, "settings": settings_of(pack), "why": OPEN_SETTINGS,
        "leader_labels": [LEADER_LABELS[c] for c in pack.leader_components],
        "stored": StoredPack.objects.filter(code=code).first(),
    }  # fmt: skip
    return render(request, "evaluation/pack_detail.html", context)


def _units(request: AuthedRequest) -> QuerySet[Unit]:
    scope = request.actor.scope_q(Capability.MANAGE_PACKS, path="path", unit_id="pk")
    return Unit.objects.filter(scope, is_active=True).order_by("path")


def pack_edit(request: AuthedRequest, code: str | None = None) -> HttpResponse:
    """Define a pack (derived from a built-in one) or change one no sheet uses yet."""
    if (
        not request.actor.can_anywhere(Capability.MANAGE_PACKS)
        or request.actor.read_only
    ):
        raise Http404
    stored = StoredPack.objects.filter(code=code).first() if code else None
    if code and stored is None:
        raise Http404
    base = resolve(stored.code if stored else BUILT_IN[0].code)
    initial = {
        "base": stored.base if stored else base.code, "code": stored.code if stored else "",
        "title": stored.title if stored else "", "unit": stored.unit_id if stored else None,
        "valid_from": stored.valid_from if stored else base.valid_from,
        "valid_to": stored.valid_to if stored else None,
        "criteria": criteria_text(base.criteria),
        "leader_components": [str(c) for c in base.leader_components],
        "cadence": base.cadence.value, "quota_percent": base.quota_percent,
        "raised_quota_percent": base.raised_quota_percent, "deduction": base.deduction,
        "head_capped_by_unit": base.head_capped_by_unit,
        "min_months_worked": base.min_months_worked,
    }  # fmt: skip
    form = PackForm(request.POST or None, initial=initial, units=_units(request))
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_pack(
                actor=request.actor, stored=stored, data=form.cleaned_data
            )
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The pack is saved."))
            return redirect("evaluation:pack", saved.code)
    status = 422 if form.errors else 200
    return render(
        request,
        "evaluation/pack_form.html",
        {"form": form, "stored": stored},
        status=status,
    )
