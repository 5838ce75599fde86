"""Reads of the audit log, scoped to the auditor's units."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from canbo.core.actor import Actor
from canbo.core.models import AuditEntry
from canbo.org.models import PATH_STEP
from canbo.policy.access import Capability
from canbo.policy.text import fold


def audit_visible_to(actor: Actor) -> QuerySet[AuditEntry]:
    """Return the audit entries about units in the actor's VIEW_AUDIT scope.

    Entries tied to no unit (e.g. a failed login for an unknown name) are shown
    only to those whose scope starts at a root unit.
    """
    query = Q(pk__in=[])
    for grant in actor.grants_for(Capability.VIEW_AUDIT):
        if grant.subtree:
            query |= Q(unit_path__pathprefix=grant.unit_path)
            if len(grant.unit_path) == PATH_STEP + 1:
                query |= Q(unit_path="")
        else:
            query |= Q(unit_path=grant.unit_path)
    return AuditEntry.objects.filter(query)


@dataclass(frozen=True)
class AuditFilter:
    q: str = ""
    action: str = ""
    user: str = ""
    since: date | None = None
    until: date | None = None


def search_audit(actor: Actor, filters: AuditFilter) -> QuerySet[AuditEntry]:
    """Return the actor's visible entries matching the filters, newest first."""
    entries = audit_visible_to(actor)
    if filters.action:
        entries = entries.filter(action__startswith=filters.action)
    if filters.user:
        entries = entries.filter(actor_name__icontains=filters.user.strip())
    if filters.since:
        entries = entries.filter(at__date__gte=filters.since)
    if filters.until:
        entries = entries.filter(at__date__lte=filters.until)
    if filters.q:
        text = filters.q.strip()
        entries = entries.filter(
            Q(object_search__contains=fold(text)) | Q(object_id=text)
        )
    return entries.order_by("-at", "-id")


def history_of(obj_type: str, obj_id: int, *, limit: int = 50) -> QuerySet[AuditEntry]:
    """Return the audit entries of one object, newest first (caller checked access)."""
    return AuditEntry.objects.filter(
        object_type=obj_type, object_id=str(obj_id)
    ).order_by("-at", "-id")[:limit]
