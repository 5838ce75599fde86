"""Writes of the insight app: refreshing the precomputed dashboard figures."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import asdict
from datetime import date, datetime, timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone

from canbo.core.actor import Actor
from canbo.core.audit import log_action
from canbo.core.errors import NotAllowed
from canbo.insight import selectors
from canbo.insight.figures import compute
from canbo.insight.models import Snapshot
from canbo.insight.selectors import Dashboard
from canbo.org.models import Unit
from canbo.policy.access import Capability

# Who may ask for fresh figures: those who run the analytics or open the periods.
REFRESHERS = (Capability.RUN_ANALYTICS, Capability.OPEN_PERIODS)


def may_refresh(actor: Actor, unit: Unit) -> bool:
    return not actor.read_only and any(
        actor.covers(cap, unit.path, unit.pk) for cap in REFRESHERS
    )


def refresh_snapshot(unit_id: int, year: int, *, today: date | None = None) -> Snapshot:
    """Compute the figures of a unit's subtree for a year and store them (the
    background task's work; the whole subtree, unscoped). They are as of the
    moment their reading began: a computation that began earlier and ends
    later (another worker's) does not overwrite them."""
    unit = Unit.objects.get(pk=unit_id)
    today = today or timezone.localdate()
    read_at = timezone.now()
    started = time.monotonic()
    figures = compute(unit, year, today=today)
    reader = selectors.subtree_reader(unit)
    figures["due"] = asdict(selectors.count_due(reader, unit, today=today))
    took = int(1000 * (time.monotonic() - started))
    with transaction.atomic():
        snapshot, _created = Snapshot.objects.select_for_update().get_or_create(
            unit=unit, year=year, defaults={"unit_path": unit.path}
        )
        stored = snapshot.computed_at
        if stored is not None and stored >= read_at and snapshot.figures:
            return snapshot  # newer figures are there already
        snapshot.unit_path = unit.path
        snapshot.figures = figures
        snapshot.computed_at = read_at
        snapshot.duration_ms = took
        if snapshot.requested_at is None or snapshot.requested_at <= read_at:
            snapshot.requested_at = None  # else one asked for later is still due
        snapshot.save()
    return snapshot


# Stored figures older than this are recomputed in the background (when viewed,
# and by the periodic jobs).
STALE_AFTER = timedelta(hours=24)
# A recomputation queued this long ago and not done is queued again (the worker
# may have stopped); until then, views and periodic runs do not queue another.
REQUEUE_AFTER = timedelta(minutes=10)


def queue_refresh(unit: Unit, year: int, *, now: datetime | None = None) -> bool:
    """Queue a recomputation of the unit's figures for the year unless one is
    already waiting; return whether one was queued."""
    now = now or timezone.now()
    with transaction.atomic():
        snapshot, created = Snapshot.objects.select_for_update().get_or_create(
            unit=unit, year=year, defaults={"unit_path": unit.path, "requested_at": now}
        )
        if not created:
            waiting = snapshot.requested_at
            if waiting is not None and now - waiting < REQUEUE_AFTER:
                return False
            snapshot.requested_at = now
            snapshot.save(update_fields=["requested_at"])
        transaction.on_commit(partial(_enqueue, unit.pk, year))
    return True


def board_for(actor: Actor, unit: Unit, year: int, *, today: date) -> Dashboard:
    """The dashboard for a page or the API: the stored figures when the actor
    may see them (queueing a refresh when they are older than STALE_AFTER); for
    a large subtree without any, a pending board while the worker computes them;
    otherwise live figures within the actor's scope."""
    found = selectors.stored(actor, unit, year)
    if found is not None:
        if found.as_of is not None and timezone.now() - found.as_of > STALE_AFTER:
            queue_refresh(unit, year)
        return found
    if selectors.covers_subtree(actor, unit) and selectors.is_large(unit):
        queue_refresh(unit, year)
        # An immediate task backend has computed them already.
        return selectors.stored(actor, unit, year) or selectors.pending(unit, year)
    return selectors.live(actor, unit, year, today=today)


def precompute(root: Unit, years: Iterable[int], *, today: date) -> int:
    """Compute now the figures of the large units in `root`'s subtree, down to
    selectors.PRECOMPUTE_DEPTH levels, for each year (the generator and the
    demo set-up: the first view is then instant); return how many."""
    done = 0
    for unit in selectors.large_units(root):
        for year in years:
            refresh_snapshot(unit.pk, year, today=today)
            done += 1
    return done


def refresh_due_snapshots(now: datetime) -> int:
    """The periodic job: queue the stored figures older than STALE_AFTER of this
    year and the last, and the first figures of large units lacking them; return
    how many were queued (each at most once a REQUEUE_AFTER)."""
    year = timezone.localtime(now).year
    years = (year - 1, year)
    stale = Snapshot.objects.filter(
        year__in=years, computed_at__lt=now - STALE_AFTER
    ).select_related("unit")
    queued = sum(queue_refresh(s.unit, s.year, now=now) for s in stale)
    have = set(
        Snapshot.objects.filter(year=year, computed_at__isnull=False).values_list(
            "unit_id", flat=True
        )
    )
    for root in Unit.objects.filter(parent__isnull=True):
        for unit in selectors.large_units(root):
            if unit.pk not in have:
                queued += queue_refresh(unit, year, now=now)
    return queued


def request_refresh(*, actor: Actor, unit: Unit, year: int) -> None:
    """Queue a refresh of the unit's figures for the year (audited)."""
    if not may_refresh(actor, unit):
        raise NotAllowed
    with transaction.atomic():
        log_action(
            "insight.snapshot.refresh_requested",
            actor=actor,
            obj=unit,
            unit_path=unit.path,
            data={"year": year},
        )
        transaction.on_commit(lambda: _enqueue(unit.pk, year))


def _enqueue(unit_id: int, year: int) -> None:
    from canbo.insight.tasks import refresh

    refresh.enqueue(unit_id, year)


def refresh_after_publishing(unit_path: str, year: int) -> None:
    """After a period is published: queue a refresh of the stored snapshots of
    that year whose unit holds the period's unit (cheap when there are none)."""
    prefixes = [unit_path[:i] for i in range(9, len(unit_path) + 1, 9)]
    units = Snapshot.objects.filter(unit_path__in=prefixes, year=year)
    for unit_id in units.values_list("unit_id", flat=True):
        transaction.on_commit(partial(_enqueue, unit_id, year))
