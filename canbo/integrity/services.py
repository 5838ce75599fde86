"""Writes of the integrity analytics: starting and running the detectors,
reviewing their findings, registering template texts. Each mutation is one
transaction and writes the audit log. A new run never replaces an earlier one:
the inspector keeps seeing what was flagged, when, and what was concluded."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from canbo.core.actor import Actor
from canbo.core.audit import diff, log_action, snapshot
from canbo.core.errors import InvalidInput, NotAllowed
from canbo.integrity import detectors
from canbo.integrity.models import Detector, Finding, Run, TemplateText
from canbo.org.models import Unit
from canbo.policy.access import Capability
from canbo.policy.similarity import words

logger = logging.getLogger(__name__)
MIN_YEAR, MAX_YEAR = 2000, 2100
MIN_TEMPLATE_WORDS = 10
_SETTING_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")
REVIEW_FIELDS = ("status", "review_note", "reviewed_by", "reviewed_at")


def _require(actor: Actor, unit_path: str, unit_id: int) -> None:
    if actor.read_only or not actor.covers(
        Capability.RUN_ANALYTICS, unit_path, unit_id
    ):
        raise NotAllowed


def _detectors(actor: Actor, unit: Unit, chosen: Iterable[str]) -> list[str]:
    picked = [d for d in detectors.RUNNABLE if d in set(chosen)]
    unknown = set(chosen) - set(detectors.RUNNABLE)
    if unknown or not picked:
        raise InvalidInput.single("detectors", _("Choose at least one analysis."))
    if Detector.FAVOURITISM in picked and not actor.covers(
        Capability.VIEW_FAVOURITISM, unit.path, unit.pk
    ):
        raise NotAllowed
    return picked


def _other_setting(key: str, value: Any) -> bool:
    """A setting no module declares (see detectors.Threshold): kept as given when
    it is a plain name and a plain value; the detector reading it checks it."""
    return bool(_SETTING_NAME.fullmatch(key)) and (
        isinstance(value, int | float) or (isinstance(value, str) and len(value) <= 40)
    )


def _thresholds(picked: list[str], given: Mapping[str, Any]) -> dict[str, Any]:
    """The thresholds of the chosen detectors: the values given, else the
    defaults of the thresholds they declare."""
    known = {t.key: t for d in picked for t in detectors.thresholds_of(d)}
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    for key in sorted(set(given) - set(known)):
        if _other_setting(key, given[key]):
            values[key] = given[key]
        else:
            errors[key] = [_("Unknown setting.")]
    for key, threshold in known.items():
        raw = given.get(key)
        value = threshold.default if raw is None or raw == "" else raw
        try:
            number = float(value)
        except (TypeError, ValueError):
            errors[key] = [_("Enter a number.")]
            continue
        if not threshold.minimum <= number <= threshold.maximum:
            errors[key] = [
                _("Enter a value from %(min)s to %(max)s.")
                % {"min": threshold.minimum, "max": threshold.maximum}
            ]
            continue
        values[key] = float(int(number)) if threshold.integer else number
    if errors:
        raise InvalidInput(errors)
    return values


@transaction.atomic
def start_run(
    *,
    actor: Actor,
    unit: Unit,
    year: int,
    detectors: Iterable[str],
    thresholds: Mapping[str, Any] | None = None,
) -> Run:
    """Queue a run of the chosen detectors over `unit`'s subtree and `year`; it
    runs in the background (progress on the run). Audit: integrity.run.started."""
    _require(actor, unit.path, unit.pk)
    picked = _detectors(actor, unit, list(detectors))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidInput.single("year", _("Enter a year from 2000 to 2100."))
    used = _thresholds(picked, thresholds or {})
    run = Run.objects.create(
        detectors=picked, unit=unit, unit_path=unit.path, year=year,
        thresholds=used, status=Run.Status.QUEUED, started_by=actor.user,
        progressed_at=timezone.now(),
    )  # fmt: skip
    log_action(
        "integrity.run.started", actor=actor, obj=run, unit_path=unit.path,
        data={"year": year, "detectors": picked, "thresholds": used},
    )  # fmt: skip
    transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_id: int) -> None:
    from canbo.integrity.tasks import run_detectors

    run_detectors.enqueue(run_id)


STALLED = "stalled"  # the message of a run failed for want of progress
WORKING = (Run.Status.QUEUED, Run.Status.RUNNING)


class RunAbandonedError(Exception):
    """The run was marked failed (stalled) while this worker still held it."""


def _update(run_id: int, **values: Any) -> None:
    Run.objects.filter(pk=run_id).update(**values)


def _progressed(run_id: int, **values: Any) -> None:
    """Record progress of a running run; stop the work if it was given up on."""
    moved = Run.objects.filter(pk=run_id, status=Run.Status.RUNNING).update(
        progressed_at=timezone.now(), **values
    )
    if not moved:
        raise RunAbandonedError(run_id)


def execute_run(run_id: int) -> Run | None:
    """Run each detector of a queued run, write its findings in bulk, keep the
    progress, the figures (texts read, seconds) and the status up to date.
    Return None if the run was not waiting (already taken by another worker).
    A run given up on meanwhile (`fail_stalled_runs`) stays failed: its worker
    stops at its next progress report and writes nothing more."""
    now = timezone.now()
    claimed = Run.objects.filter(pk=run_id, status=Run.Status.QUEUED).update(
        status=Run.Status.RUNNING, started_at=now, progressed_at=now, progress=0
    )
    if not claimed:
        return None
    run = Run.objects.select_related("unit").get(pk=run_id)
    run.stats = {}
    share = 100 // max(1, len(run.detectors))
    found = 0
    try:
        for n, name in enumerate(run.detectors):
            found += _execute_one(run, name, base=n * share, share=share)
    except RunAbandonedError:
        logger.warning("integrity run %s was given up on while it ran", run_id)
        run.refresh_from_db()
        return run
    except Exception as error:
        logger.exception("integrity run %s failed", run_id)
        Run.objects.filter(pk=run_id, status=Run.Status.RUNNING).update(
            status=Run.Status.FAILED, finished_at=timezone.now(),
            message=str(error)[:255], stats=run.stats,
        )  # fmt: skip
        run.refresh_from_db()
        return run
    Run.objects.filter(pk=run_id, status=Run.Status.RUNNING).update(
        status=Run.Status.DONE, progress=100, finished_at=timezone.now(),
        progressed_at=timezone.now(), findings_count=found, stats=run.stats,
        message="",
    )  # fmt: skip
    run.refresh_from_db()
    return run


def _execute_one(run: Run, name: str, *, base: int, share: int) -> int:
    module = detectors.load(name)
    if module is None:
        run.stats[name] = {"skipped": True}
        return 0

    def progress(percent: int) -> None:
        done = base + share * max(0, min(100, percent)) // 100
        _progressed(run.pk, progress=min(99, done), message=name)

    progress(0)
    started = time.perf_counter()
    findings: list[Finding] = module.detect(run, progress)
    with transaction.atomic():
        _progressed(run.pk)  # still ours: else no findings are written
        Finding.objects.bulk_create(findings, batch_size=1000)
    figures = dict(run.stats.get(name) or {})
    figures["findings"] = len(findings)
    figures["seconds"] = round(time.perf_counter() - started, 1)
    run.stats[name] = figures
    _progressed(run.pk, stats=run.stats)
    return len(findings)


def stalled_after() -> timedelta:
    """INTEGRITY_RUN_STALLED_MINUTES (default 30): how long a queued or running
    run may go without progress before it is marked failed."""
    return timedelta(minutes=getattr(settings, "INTEGRITY_RUN_STALLED_MINUTES", 30))


def fail_stalled_runs(*, now: datetime) -> int:
    """Mark failed the runs queued or running with no progress for longer than
    `stalled_after()` (their worker died, or none took them): their page stops
    polling and says so, and they can be started again. Return how many.
    A queued run is only waiting its turn while a worker is seen working (some
    run progressed within that time): it is failed once none is.
    Audit: integrity.run.stalled, one entry per run. Meant for the periodic jobs."""
    cutoff = now - stalled_after()
    last = Coalesce("progressed_at", "started_at", "created_at")
    working = Run.objects.filter(progressed_at__gte=cutoff).exists()
    stuck = [Run.Status.RUNNING] if working else list(WORKING)
    stalled = list(
        Run.objects.filter(status__in=stuck)
        .alias(last=last)
        .filter(last__lt=cutoff)
        .values_list("pk", flat=True)
    )
    failed = 0
    for run_id in stalled:  # a handful at most: the runs of one deployment
        with transaction.atomic():
            run = (
                Run.objects.select_for_update()
                .filter(pk=run_id, status__in=stuck)
                .alias(last=last)
                .filter(last__lt=cutoff)
                .first()
            )
            if run is None:  # it moved on meanwhile
                continue
            before = run.status
            run.status = Run.Status.FAILED
            run.message = STALLED
            run.finished_at = now
            run.save(update_fields=["status", "message", "finished_at"])
            log_action(
                "integrity.run.stalled", actor=None, obj=run, unit_path=run.unit_path,
                changes={"status": [before, run.status]},
                data={"progress": run.progress, "last_progress": str(run.progressed_at
                      or run.started_at or run.created_at)},
            )  # fmt: skip
            failed += 1
    return failed


def failure_message(run: Run) -> str:
    """Why a failed run failed, in the active language."""
    if run.message == STALLED:
        minutes = int(stalled_after().total_seconds() // 60)
        return _(
            "It made no progress for %(minutes)s minutes: the background worker "
            "stopped or never took it. Start it again."
        ) % {"minutes": minutes}
    return run.message


@transaction.atomic
def review_finding(
    *, actor: Actor, finding: Finding, status: str, note: str
) -> Finding:
    """Confirm or dismiss a finding (or reopen it), with a note. A finding is a
    signal; the reviewer's conclusion is what counts.
    Audit: integrity.finding.reviewed."""
    _require(actor, finding.unit_path, finding.unit_id)
    if finding.detector == Detector.FAVOURITISM and not actor.covers(
        Capability.VIEW_FAVOURITISM, finding.unit_path, finding.unit_id
    ):
        raise NotAllowed
    errors: dict[str, list[str]] = {}
    if status not in Finding.Status.values:
        errors["status"] = [_("Choose confirmed, dismissed or to review.")]
    note = note.strip()
    if status != Finding.Status.OPEN and not note:
        errors["note"] = [_("Say what the review found.")]
    if errors:
        raise InvalidInput(errors)
    before = snapshot(finding, REVIEW_FIELDS)
    finding.status = status
    finding.review_note = note
    finding.reviewed_by = actor.user
    finding.reviewed_at = timezone.now()
    finding.save(update_fields=list(REVIEW_FIELDS))
    log_action(
        "integrity.finding.reviewed", actor=actor, obj=finding,
        unit_path=finding.unit_path, person_id=finding.person_id,
        changes=diff(before, snapshot(finding, REVIEW_FIELDS)),
    )  # fmt: skip
    return finding


@transaction.atomic
def register_template(
    *, actor: Actor, unit: Unit, title: str, text: str
) -> TemplateText:
    """Register a model text an agency circulated: copying it is then reported
    on its own ("template"), in the unit and below it.
    Audit: integrity.template.created."""
    _require(actor, unit.path, unit.pk)
    errors: dict[str, list[str]] = {}
    title, text = title.strip(), text.strip()
    if not title:
        errors["title"] = [_("Give the template a title.")]
    if len(words(text)) < MIN_TEMPLATE_WORDS:
        errors["text"] = [
            _("A template needs at least %(n)s words.") % {"n": MIN_TEMPLATE_WORDS}
        ]
    if errors:
        raise InvalidInput(errors)
    template = TemplateText.objects.create(
        unit=unit, unit_path=unit.path, title=title, text=text, created_by=actor.user
    )
    log_action(
        "integrity.template.created", actor=actor, obj=template, unit_path=unit.path,
        data={"title": title},
    )  # fmt: skip
    return template


@transaction.atomic
def delete_template(*, actor: Actor, template: TemplateText) -> None:
    """Remove a template text; earlier findings keep their evidence.
    Audit: integrity.template.deleted."""
    _require(actor, template.unit_path, template.unit_id)
    log_action(
        "integrity.template.deleted", actor=actor, obj=template,
        unit_path=template.unit_path, data={"title": template.title},
    )  # fmt: skip
    template.delete()
