"""Integrity pages: the runs, the findings with their evidence, the template texts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from canbo.core.errors import InvalidInput, NotAllowed
from canbo.core.forms_util import add_service_errors
from canbo.core.http import AuthedRequest, require_anywhere
from canbo.evaluation.models import Period
from canbo.integrity import detectors, selectors, services
from canbo.integrity.forms import (
    PREFIX,
    FindingFilterForm,
    ReviewForm,
    RunForm,
    TemplateForm,
)
from canbo.integrity.models import Detector, Finding, Run
from canbo.org.models import Unit
from canbo.org.selectors import units_visible_to
from canbo.policy.access import Capability
from canbo.policy.similarity import highlight

PAGE_SIZE = 25
TEXT_DETECTORS = (Detector.COPIED, Detector.TEMPLATE)


def _may_run(request: AuthedRequest) -> bool:
    actor = request.actor
    return not actor.read_only and actor.can_anywhere(Capability.RUN_ANALYTICS)


def _counts(findings: Any) -> list[tuple[str, str, int, int, float]]:
    """(detector, label, total, open, share of the largest total) per detector."""
    counts = selectors.counts_by_detector(findings)
    top = max((c["total"] for c in counts.values()), default=0) or 1
    return [
        (value, str(label), c["total"], c["open"], 100 * c["total"] / top)
        for value, label in Detector.choices
        if (c := counts.get(value))
    ]


def home(request: AuthedRequest) -> HttpResponse:
    """The latest runs in scope, the findings per analysis, a form to start a run."""
    require_anywhere(request.actor, Capability.VIEW_INTEGRITY)
    runs = selectors.latest_runs(request.actor)
    last = runs.filter(status=Run.Status.DONE).first()
    last_findings = selectors.finding_list(
        request.actor, selectors.FindingFilter(run_id=last.pk if last else None)
    )
    context = {
        "runs": Paginator(runs, PAGE_SIZE).get_page(request.GET.get("page")),
        "last": last,
        "counts": _counts(last_findings) if last else [],
        "form": RunForm(actor=request.actor) if _may_run(request) else None,
    }
    return render(request, "integrity/home.html", context)


@require_http_methods(["GET", "POST"])
def new_run(request: AuthedRequest) -> HttpResponse:
    """Start a run of the chosen analyses over a unit and a year."""
    if not _may_run(request):
        raise Http404
    form = RunForm(request.POST or None, actor=request.actor, initial=_again(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            run = services.start_run(
                actor=request.actor, unit=data["unit"], year=data["year"],
                detectors=data["detectors"], thresholds=form.thresholds(),
            )  # fmt: skip
        except InvalidInput as error:
            add_service_errors(form, error, {k: f"t_{k}" for k in error.errors})
        except NotAllowed:
            form.add_error("unit", _("This unit is outside your scope."))
        else:
            messages.success(request, _("The analysis has started."))
            return redirect("integrity:run", run.pk)
    status = 422 if form.errors else 200
    return render(request, "integrity/run_form.html", {"form": form}, status=status)


def _again(request: AuthedRequest) -> dict[str, Any]:
    """The settings of an earlier run (`?again=<id>`), to start it again."""
    again = request.GET.get("again", "")
    if request.method != "GET" or not again.isdigit():
        return {}
    earlier = selectors.runs_visible_to(request.actor).filter(pk=int(again)).first()
    if earlier is None:
        return {}
    initial: dict[str, Any] = {
        "unit": earlier.unit_id, "year": earlier.year, "detectors": earlier.detectors,
    }  # fmt: skip
    known = {t.key for d in earlier.detectors for t in detectors.thresholds_of(d)}
    others = []
    for key, value in earlier.thresholds.items():
        if key in known:
            initial[PREFIX + key] = value
        else:
            others.append(f"{key} = {value}")
    if others:
        initial["other"] = "\n".join(others)
    return initial


def run(request: AuthedRequest, pk: int) -> HttpResponse:
    """A run: its progress (polled while it works), settings, figures and findings."""
    found = selectors.access_run(request.actor, pk)
    findings = selectors.finding_list(
        request.actor, selectors.FindingFilter(run_id=found.pk)
    )
    context = {
        "run": found,
        "working": found.status in (Run.Status.QUEUED, Run.Status.RUNNING),
        "current": Detector(found.message).label
        if found.message in Detector.values
        else found.message,
        "counts": _counts(findings),
        "failure": services.failure_message(found)
        if found.status == Run.Status.FAILED
        else "",
        "may_run": _may_run(request),
        "figures": [
            (
                name,
                Detector(name).label if name in Detector.values else name,
                found.stats.get(name) or {},
            )
            for name in found.detectors
        ],
    }
    if request.htmx:
        return render(request, "integrity/run.html#progress", context)
    return render(request, "integrity/run.html", context)


def _finding_filters(
    request: AuthedRequest,
) -> tuple[FindingFilterForm, selectors.FindingFilter]:
    periods = list(selectors.finding_periods(request.actor))
    form = FindingFilterForm(request.GET or None, actor=request.actor, periods=periods)
    if not form.is_valid():
        return form, selectors.FindingFilter()
    data = form.cleaned_data
    unit: Unit | None = None
    nothing = False
    if data["unit"]:
        unit = (
            units_visible_to(request.actor, Capability.VIEW_INTEGRITY)
            .filter(code=data["unit"].strip())
            .first()
        )
        if unit is None:
            form.add_error("unit", _("Unknown unit code, or it is outside your scope."))
            nothing = True
    return form, selectors.FindingFilter(
        detector=data["detector"] or "", unit=unit, status=data["status"] or "",
        period_id=data["period"], run_id=data["run"], nothing=nothing,
    )  # fmt: skip


def findings(request: AuthedRequest) -> HttpResponse:
    """Findings in scope, filtered by analysis, unit, review and period."""
    require_anywhere(request.actor, Capability.VIEW_INTEGRITY)
    form, filters = _finding_filters(request)
    listed = selectors.finding_list(request.actor, filters)
    context = {
        "form": form,
        "findings": Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page")),
    }
    return render(request, "integrity/findings.html", context)


@dataclass(frozen=True)
class Side:
    """One of the two texts of a copied-text finding, cut into marked parts."""

    title: str
    subtitle: str
    parts: list[tuple[str, bool]]


def _sides(finding: Finding) -> list[Side]:
    evidence = finding.evidence
    texts = evidence.get("texts") or []
    if finding.detector not in TEXT_DETECTORS or len(texts) != 2:
        return []
    passages = evidence.get("passages") or []
    ids = [p for p in evidence.get("periods") or [] if isinstance(p, int)]
    periods = {p.pk: str(p) for p in Period.objects.filter(pk__in=ids)}
    people = list(evidence.get("people") or ["", ""])
    labels = [*(periods.get(p, "") for p in evidence.get("periods") or []), "", ""]
    if evidence.get("kind") == "template":
        labels[1] = _("Registered template")
    return [
        Side(str(people[0]), labels[0], highlight(texts[0], [(p[0], p[1]) for p in passages])),
        Side(str(people[1]), labels[1], highlight(texts[1], [(p[2], p[3]) for p in passages])),
    ]  # fmt: skip


def finding(request: AuthedRequest, pk: int) -> HttpResponse:
    """A finding: the statistic, threshold and comparison group, the evidence
    (for copied texts, both texts side by side, shared passages marked) and the
    review form."""
    found = selectors.access_finding(request.actor, pk)
    can_review = selectors.can_review(request.actor, found)
    return _finding_page(request, found, ReviewForm() if can_review else None)


def _finding_page(
    request: AuthedRequest, found: Finding, form: ReviewForm | None, status: int = 200
) -> HttpResponse:
    sides = _sides(found)
    other = {
        k: v
        for k, v in found.evidence.items()
        if k not in {"texts", "passages", "sheets", "people", "periods", "kind"}
    }
    context = {
        "finding": found,
        "sides": sides,
        "other_evidence": other,
        "earlier": selectors.earlier_findings(request.actor, found),
        "form": form,
        "run_visible": selectors.runs_visible_to(request.actor)
        .filter(pk=found.run_id)
        .exists(),
    }
    return render(request, "integrity/finding.html", context, status=status)


@require_POST
def review(request: AuthedRequest, pk: int) -> HttpResponse:
    found = selectors.access_finding(request.actor, pk, for_write=True)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review_finding(
                actor=request.actor, finding=found,
                status=form.cleaned_data["status"], note=form.cleaned_data["note"],
            )  # fmt: skip
        except InvalidInput as error:
            add_service_errors(form, error)
        except NotAllowed:
            raise Http404 from None
        else:
            messages.success(request, _("The review is recorded."))
            return redirect("integrity:finding", found.pk)
    return _finding_page(request, found, form, status=422)


def templates(request: AuthedRequest) -> HttpResponse:
    """The template texts registered in the actor's scope."""
    if not request.actor.can_anywhere(Capability.RUN_ANALYTICS):
        raise Http404
    listed = selectors.templates_visible_to(request.actor).order_by("title", "id")
    context = {
        "templates": Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_edit": _may_run(request),
    }
    return render(request, "integrity/templates.html", context)


@require_http_methods(["GET", "POST"])
def new_template(request: AuthedRequest) -> HttpResponse:
    """Register a model text an agency circulated."""
    if not _may_run(request):
        raise Http404
    form = TemplateForm(request.POST or None, actor=request.actor)
    if request.method == "POST" and form.is_valid():
        try:
            services.register_template(actor=request.actor, **form.cleaned_data)
        except InvalidInput as error:
            add_service_errors(form, error)
        except NotAllowed:
            form.add_error("unit", _("This unit is outside your scope."))
        else:
            messages.success(request, _("The template text is registered."))
            return redirect("integrity:templates")
    status = 422 if form.errors else 200
    return render(
        request, "integrity/template_form.html", {"form": form}, status=status
    )


@require_POST
def delete_template(request: AuthedRequest, pk: int) -> HttpResponse:
    found = selectors.access_template(request.actor, pk)
    try:
        services.delete_template(actor=request.actor, template=found)
    except NotAllowed:
        raise Http404 from None
    messages.success(request, _("The template text is deleted."))
    return redirect("integrity:templates")
