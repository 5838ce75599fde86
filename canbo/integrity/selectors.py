"""Reads of the integrity analytics, always through the actor's scope.

Findings are seen with VIEW_INTEGRITY over their unit; favouritism findings name
the deciding head, so only VIEW_FAVOURITISM (personnel, auditors) sees them.
Missing and out-of-scope objects both answer 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from canbo.core.actor import Actor
from canbo.evaluation.models import Period
from canbo.integrity.models import Detector, Finding, Run, TemplateText
from canbo.org.models import Unit
from canbo.policy.access import Capability


def runs_visible_to(actor: Actor) -> QuerySet[Run]:
    return Run.objects.filter(
        actor.scope_q(Capability.VIEW_INTEGRITY, path="unit_path", unit_id="unit_id")
    )


def access_run(actor: Actor, pk: int) -> Run:
    run = (
        runs_visible_to(actor)
        .select_related("unit", "started_by", "period")
        .filter(pk=pk)
        .first()
    )
    if run is None:
        raise Http404
    return run


def latest_runs(actor: Actor) -> QuerySet[Run]:
    return runs_visible_to(actor).select_related("unit", "started_by")


def findings_visible_to(actor: Actor) -> QuerySet[Finding]:
    """The findings of finished runs in the actor's scope (favouritism only with
    its own capability). A run still working, or failed half-way, shows none:
    its findings are not the whole analysis, and running it again makes them
    anew."""
    seen = actor.scope_q(
        Capability.VIEW_INTEGRITY, path="unit_path", unit_id="unit_id"
    ) & ~Q(detector=Detector.FAVOURITISM)
    favouritism = Q(detector=Detector.FAVOURITISM) & actor.scope_q(
        Capability.VIEW_FAVOURITISM, path="unit_path", unit_id="unit_id"
    )
    return Finding.objects.filter(seen | favouritism, run__status=Run.Status.DONE)


def access_finding(actor: Actor, pk: int, *, for_write: bool = False) -> Finding:
    """Return the finding if the actor may see it (or review it); 404 otherwise."""
    if for_write and actor.read_only:
        raise Http404
    findings = findings_visible_to(actor)
    if for_write:
        findings = findings.filter(
            actor.scope_q(Capability.RUN_ANALYTICS, path="unit_path", unit_id="unit_id")
        )
    found = (
        findings.select_related(
            "unit", "period", "person", "other", "run", "reviewed_by"
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def earlier_findings(actor: Actor, finding: Finding) -> QuerySet[Finding]:
    """The same signal in earlier runs (same analysis, person and period), with
    what their reviewers concluded: a re-run does not erase a review."""
    same: dict[str, Any] = {
        "detector": finding.detector,
        "person_id": finding.person_id,  # None matches IS NULL
        "period_id": finding.period_id,
        "unit_id": finding.unit_id,
        "created_at__lte": finding.created_at,
    }
    return (
        findings_visible_to(actor)
        .filter(**same)
        .exclude(run_id=finding.run_id)
        .select_related("reviewed_by")
        .order_by("-created_at", "-id")[:10]
    )


def can_review(actor: Actor, finding: Finding) -> bool:
    return not actor.read_only and actor.covers(
        Capability.RUN_ANALYTICS, finding.unit_path, finding.unit_id
    )


@dataclass(frozen=True)
class FindingFilter:
    detector: str = ""
    unit: Unit | None = None
    status: str = ""
    period_id: int | None = None
    run_id: int | None = None
    nothing: bool = False  # an unknown unit was asked for


def finding_list(actor: Actor, filters: FindingFilter) -> QuerySet[Finding]:
    """Findings in scope, newest first, with what a row shows."""
    findings = findings_visible_to(actor)
    if filters.nothing:
        findings = findings.none()
    if filters.detector in Detector.values:
        findings = findings.filter(detector=filters.detector)
    if filters.unit is not None:
        findings = findings.filter(unit_path__pathprefix=filters.unit.path)
    if filters.status in Finding.Status.values:
        findings = findings.filter(status=filters.status)
    if filters.period_id is not None:
        findings = findings.filter(period_id=filters.period_id)
    if filters.run_id is not None:
        findings = findings.filter(run_id=filters.run_id)
    return findings.select_related("unit", "period", "person", "other").order_by(
        "-created_at", "-id"
    )


def counts_by_detector(findings: QuerySet[Finding]) -> dict[str, dict[str, int]]:
    """{detector: {"total": n, "open": n}} in one grouped query."""
    rows = (
        findings.values("detector")
        .annotate(
            total=Count("id"), open=Count("id", filter=Q(status=Finding.Status.OPEN))
        )
        .order_by()
    )
    return {r["detector"]: {"total": r["total"], "open": r["open"]} for r in rows}


def finding_periods(actor: Actor) -> QuerySet[Period]:
    """The periods that have findings in scope (for the period filter)."""
    ids = findings_visible_to(actor).values("period_id")
    return Period.objects.filter(pk__in=ids).order_by("-start", "kind")[:60]


def templates_visible_to(actor: Actor) -> QuerySet[TemplateText]:
    return TemplateText.objects.filter(
        actor.scope_q(Capability.RUN_ANALYTICS, path="unit_path", unit_id="unit_id")
    ).select_related("unit", "created_by")


def access_template(actor: Actor, pk: int) -> TemplateText:
    if actor.read_only:
        raise Http404
    found = templates_visible_to(actor).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found
