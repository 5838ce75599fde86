"""Planning pages: pools, a pool and its candidates, the 9-box grid, the annual
review, the record of changes and the structure targets."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from canbo.core.errors import InvalidInput, NotAllowed
from canbo.core.forms_util import add_service_errors, flash_errors
from canbo.core.http import AuthedRequest, require_anywhere
from canbo.org.models import Unit
from canbo.org.selectors import filter_units
from canbo.people.selectors import search_q
from canbo.planning import messages as texts
from canbo.planning import selectors, services
from canbo.planning.forms import (
    CandidateForm,
    PoolFilter,
    PoolForm,
    PotentialForm,
    RemoveForm,
    ReviewApplyForm,
    ReviewFilter,
    TargetsForm,
)
from canbo.planning.models import PlanningCandidate, PlanningPool
from canbo.policy.access import Capability
from canbo.policy.planning import Check

PAGE_SIZE = 25
PEOPLE_SHOWN = 200


def _can_manage(request: AuthedRequest) -> bool:
    actor = request.actor
    return not actor.read_only and actor.can_anywhere(Capability.MANAGE_CAREERS)


def _structure_context(pools: Any, unit: Unit | None) -> dict[str, Any]:
    today = timezone.localdate()
    targets, record = selectors.targets_for(unit)
    found = selectors.pools_structure(pools, targets, today)
    return {"structure": found, "targets": targets, "defaults": record is None}


def home(request: AuthedRequest) -> HttpResponse:
    """Pools of the actor's scope, filtered, with their structure against targets."""
    actor = request.actor
    require_anywhere(actor, Capability.VIEW_CAREERS)
    filters = PoolFilter(request.GET or None)
    filters.fields["unit"].queryset = filter_units(actor, Capability.VIEW_CAREERS)  # type: ignore[attr-defined]
    values = filters.cleaned_data if filters.is_valid() else {}
    unit = values.get("unit")
    post = values.get("post")
    pools = selectors.pool_list(
        actor,
        unit=unit,
        term_start=values.get("term_start"),
        post_id=post.pk if post else None,
    )
    page = Paginator(pools, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filters": filters,
        "page": page,
        "can_manage": _can_manage(request),
        **_structure_context(pools, unit),
    }
    return render(request, "planning/home.html", context)


@require_http_methods(["GET", "POST"])
def pool_new(request: AuthedRequest) -> HttpResponse:
    actor = request.actor
    if not _can_manage(request):
        raise Http404
    form = PoolForm(request.POST or None)
    form.fields["unit"].queryset = selectors.manageable_units(actor)  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        try:
            pool = services.create_pool(actor=actor, **form.cleaned_data)
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Planning pool created."))
            return redirect("planning:pool", pool.pk)
    status = 422 if form.errors else 200
    return render(request, "planning/pool_form.html", {"form": form}, status=status)


def _candidate_form(request: AuthedRequest, pool: PlanningPool) -> CandidateForm:
    """The add form: validates against everyone the officer manages; lists the
    people of the pool's unit (or the search results), at most PEOPLE_SHOWN."""
    form = CandidateForm(request.POST if request.method == "POST" else None)
    people = selectors.manageable_people(request.actor).select_related("unit")
    field = form.fields["person"]
    field.queryset = people  # type: ignore[attr-defined]
    if request.method == "POST":
        return form
    query = request.GET.get("q", "").strip()
    shown = (
        people.filter(search_q(query))
        if query
        else people.filter(unit_path__pathprefix=pool.unit_path)
    )
    shown = shown.exclude(
        planning_entries__pool=pool,
        planning_entries__status=PlanningCandidate.Status.ACTIVE,
    )
    field.queryset = people.filter(  # type: ignore[attr-defined]
        pk__in=Subquery(shown.order_by("sort_name", "id").values("pk")[:PEOPLE_SHOWN])
    )
    return form


@require_http_methods(["GET", "POST"])
def pool(request: AuthedRequest, pk: int) -> HttpResponse:
    """A pool: candidates with their facts, the add form, the record of changes."""
    actor = request.actor
    found = selectors.access_pool(actor, pk)
    can_manage = not actor.read_only and actor.covers(
        Capability.MANAGE_CAREERS, found.unit_path, found.unit_id
    )
    if request.method == "POST" and not can_manage:
        raise Http404
    form = _candidate_form(request, found) if can_manage else None
    today = timezone.localdate()
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            candidate = services.add_candidate(
                actor=actor,
                pool=found,
                person=form.cleaned_data["person"],
                on=today,
                justification=form.cleaned_data["justification"],
            )
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s added to planning.") % {"name": candidate.person.full_name},
            )
            return redirect("planning:pool", found.pk)
    rows = selectors.candidate_rows(selectors.pool_candidates(found), today)
    for row in rows:
        row.flags = [texts.check_text(c) for c in _shown_checks(row)]
    targets, record = selectors.targets_for(found.unit)
    context = {
        "pool": found,
        "rows": [r for r in rows if r.candidate.status == "active"],
        "removed": [r for r in rows if r.candidate.status != "active"],
        "form": form,
        "can_manage": can_manage,
        "changes": selectors.pool_changes(found)[:50],
        "structure": selectors.pools_structure(
            PlanningPool.objects.filter(pk=found.pk), targets, today
        ),
        "targets": targets,
        "defaults": record is None,
        "query": request.GET.get("q", ""),
    }
    status = 422 if form is not None and form.errors else 200
    return render(request, "planning/pool.html", context, status=status)


def _shown_checks(row: selectors.CandidateRow) -> list[Any]:
    """The checks a reader should see beside a candidate today: the flags of
    discipline, trust, KHTNV and age (the quotas do not apply to someone in)."""
    checks: list[Check] = []
    for flag in row.discipline:
        checks.append(Check(flag.code, "flag"))
    if row.trust is not None and row.trust.outcome in ("review", "dismiss"):
        checks.append(Check("low_trust", "refuse"))
    if row.failed_years:
        years = ", ".join(str(y) for y in sorted(row.failed_years))
        checks.append(Check("khtnv", "flag", params={"years": years}))
    if row.years_left < 5:
        checks.append(
            Check("under_one_term", "refuse",
                  params={"years": row.years_left, "retirement": row.retirement})
        )  # fmt: skip
    elif row.years_left < 10:
        checks.append(
            Check("under_two_terms", "flag",
                  params={"years": row.years_left, "retirement": row.retirement})
        )  # fmt: skip
    return checks


@require_POST
def candidate_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    candidate = selectors.access_candidate(request.actor, pk, for_write=True)
    form = RemoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for the removal."))
        return redirect("planning:pool", candidate.pool_id)
    try:
        services.remove_candidate(
            actor=request.actor,
            candidate=candidate,
            reason=form.cleaned_data["reason"],
            on=timezone.localdate(),
        )
    except InvalidInput as error:
        flash_errors(request, error)
    except NotAllowed:
        raise Http404 from None
    else:
        messages.success(
            request,
            _("%(name)s removed from planning.") % {"name": candidate.person.full_name},
        )
    return redirect("planning:pool", candidate.pool_id)


@require_POST
def candidate_potential(request: AuthedRequest, pk: int) -> HttpResponse:
    candidate = selectors.access_candidate(request.actor, pk, for_write=True)
    form = PotentialForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Potential is 1 (low), 2 (medium) or 3 (high)."))
        return redirect("planning:pool", candidate.pool_id)
    try:
        services.set_potential(
            actor=request.actor,
            candidate=candidate,
            potential=form.cleaned_data["potential"],
        )
    except InvalidInput as error:
        flash_errors(request, error)
    except NotAllowed:
        raise Http404 from None
    else:
        messages.success(request, _("Potential saved."))
    target = request.POST.get("next")
    if target == "nine-box":
        return redirect("planning:nine_box", candidate.pool_id)
    return redirect("planning:pool", candidate.pool_id)


def nine_box(request: AuthedRequest, pk: int) -> HttpResponse:
    """The 3×3 grid of a pool: performance (mean of the last 3 annual scores) ×
    potential (entered by the officer)."""
    actor = request.actor
    found = selectors.access_pool(actor, pk)
    rows = selectors.candidate_rows(
        selectors.pool_candidates(found).filter(status="active"), timezone.localdate()
    )
    grid, unplaced = selectors.nine_box_grid(rows)
    can_manage = not actor.read_only and actor.covers(
        Capability.MANAGE_CAREERS, found.unit_path, found.unit_id
    )
    context = {
        "pool": found,
        "grid": grid,
        "unplaced": unplaced,
        "can_manage": can_manage,
        "potential_form": PotentialForm(),
    }
    return render(request, "planning/nine_box.html", context)


def _default_unit(request: AuthedRequest) -> Unit | None:
    return selectors.visible_units(request.actor).order_by("depth", "path").first()


def review(request: AuthedRequest) -> HttpResponse:
    """The annual review for a unit subtree and a year: who should leave planning
    and why, and a form to apply it with the review's decision number."""
    actor = request.actor
    require_anywhere(actor, Capability.VIEW_CAREERS)
    today = timezone.localdate()
    default = _default_unit(request)
    data = request.GET.copy()
    if default is not None:
        data.setdefault("unit", str(default.pk))
    data.setdefault("year", str(today.year - 1))
    filters = ReviewFilter(data)
    filters.fields["unit"].queryset = filter_units(actor, Capability.VIEW_CAREERS)  # type: ignore[attr-defined]
    rows: list[selectors.ReviewRow] = []
    apply_form = None
    unit = year = None
    if filters.is_valid():
        unit, year = filters.cleaned_data["unit"], filters.cleaned_data["year"]
        rows = selectors.review_rows(actor, unit, year)
        if not actor.read_only and actor.covers(
            Capability.MANAGE_CAREERS, unit.path, unit.pk
        ):
            apply_form = _apply_form(None, rows, unit.pk, year)
    context = {
        "filters": filters,
        "rows": [(r, _reason_lines(r, year or 0)) for r in rows],
        "apply_form": apply_form,
        "unit": unit,
        "year": year,
    }
    return render(request, "planning/review.html", context)


def _reason_lines(row: selectors.ReviewRow, year: int) -> list[str]:
    return [
        texts.review_text(code, year=year, retirement=row.retirement)
        for code in row.reasons
    ]


def _apply_form(
    data: Any, rows: list[selectors.ReviewRow], unit_id: int, year: int
) -> ReviewApplyForm:
    form = ReviewApplyForm(
        data,
        initial={
            "unit": unit_id,
            "year": year,
            "candidates": [r.candidate.pk for r in rows],
        },
    )
    form.fields["candidates"].choices = [  # type: ignore[attr-defined]
        (r.candidate.pk, r.candidate.person.full_name) for r in rows
    ]
    return form


@require_POST
def review_apply(request: AuthedRequest) -> HttpResponse:
    actor = request.actor
    if not _can_manage(request):
        raise Http404
    unit = (
        selectors.manageable_units(actor)
        .filter(pk=_number(request.POST.get("unit")) or 0)
        .first()
    )
    year = _number(request.POST.get("year"))
    if unit is None or year is None:
        messages.error(request, _("Choose a unit in your scope and a year."))
        return redirect("planning:review")
    rows = selectors.review_rows(actor, unit, year)
    form = _apply_form(request.POST, rows, unit.pk, year)
    back = f"{_review_url()}?unit={unit.pk}&year={year}"
    if not form.is_valid():
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, str(problem))
        return redirect(back)
    try:
        result = services.apply_review(
            actor=actor,
            unit=unit,
            year=year,
            decision_ref=form.cleaned_data["decision_ref"],
            on=timezone.localdate(),
            candidate_ids=form.cleaned_data["candidates"],
        )
    except InvalidInput as error:
        flash_errors(request, error)
        return redirect(back)
    n = len(result.removed)
    messages.success(
        request,
        ngettext(
            "Review applied: %(n)d candidate removed from planning.",
            "Review applied: %(n)d candidates removed from planning.",
            n,
        )
        % {"n": n},
    )
    return redirect(back)


def _number(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() and len(text) < 10 else None


def _review_url() -> str:
    return reverse("planning:review")


def changes(request: AuthedRequest) -> HttpResponse:
    """Every addition and removal in the actor's scope, newest first."""
    actor = request.actor
    require_anywhere(actor, Capability.VIEW_CAREERS)
    filters = ReviewFilter(request.GET or None)
    filters.fields["unit"].queryset = filter_units(actor, Capability.VIEW_CAREERS)  # type: ignore[attr-defined]
    filters.fields["unit"].required = False
    filters.fields["year"].required = False
    values = filters.cleaned_data if filters.is_valid() else {}
    found = selectors.change_list(
        actor, unit=values.get("unit"), year=values.get("year")
    )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "planning/changes.html", {"page": page, "filters": filters})


@require_http_methods(["GET", "POST"])
def targets(request: AuthedRequest, unit_id: int) -> HttpResponse:
    """A unit's structure targets: shown to viewers, set by personnel officers."""
    actor = request.actor
    unit = get_object_or_404(selectors.visible_units(actor), pk=unit_id)
    can_manage = not actor.read_only and actor.covers(
        Capability.MANAGE_CAREERS, unit.path, unit.pk
    )
    if request.method == "POST" and not can_manage:
        raise Http404
    current, record = selectors.targets_for(unit)
    own = record if record is not None and record.unit_id == unit.pk else None
    initial = {
        "young_age": current.young_age,
        "old_age": current.old_age,
        "young_min": current.young_min,
        "women_min": current.women_min,
        "ethnic_min": current.ethnic_min,
    }
    form = TargetsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in services.TARGET_FIELDS}
        try:
            services.save_targets(actor, unit=unit, values=values)
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Structure targets saved."))
            return redirect("planning:targets", unit.pk)
    context = {
        "unit": unit,
        "form": form,
        "record": record,
        "own": own,
        "targets": current,
        "can_manage": can_manage,
        "defaults": record is None,
    }
    status = 422 if form.errors else 200
    return render(request, "planning/targets.html", context, status=status)
