"""Reads of exports: a person sees only the exports they asked for."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from canbo.core.actor import Actor
from canbo.reports.models import Export


def exports_of(actor: Actor) -> QuerySet[Export]:
    """The actor's own exports, newest first."""
    return Export.objects.filter(requested_by=actor.user).order_by("-created_at", "-id")


def access_export(actor: Actor, pk: int) -> Export:
    """Return the export if the actor asked for it; anyone else's, or a missing
    one, is 404 (an export holds people's data in its requester's scope)."""
    export = exports_of(actor).filter(pk=pk).first()
    if export is None:
        raise Http404
    return export
