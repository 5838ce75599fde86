"""Navigation shared by every page: the areas of canbo the user may open."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise, cached_property
from django.utils.translation import gettext_lazy as _

from canbo.policy.access import Capability


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    capability: Capability | None = None

    def url(self) -> str:
        return reverse(self.url_name)


NAVIGATION = (
    NavItem(_("Organisation"), "org:tree", Capability.VIEW_UNITS),
    NavItem(_("Staff"), "people:list", Capability.VIEW_PEOPLE),
    NavItem(_("Tasks"), "work:my_tasks"),
    NavItem(_("Product catalogues"), "catalogues:list"),
    NavItem(_("Evaluation"), "evaluation:home"),
    NavItem(_("Dashboards"), "insight:home", Capability.VIEW_DASHBOARDS),
    NavItem(_("Evaluation integrity"), "integrity:home", Capability.VIEW_INTEGRITY),
    NavItem(_("Reports"), "reports:home", Capability.VIEW_DASHBOARDS),
    NavItem(_("Planning"), "planning:home", Capability.VIEW_CAREERS),
    NavItem(_("Rotation"), "rotation:home", Capability.VIEW_CAREERS),
    NavItem(_("Appointments"), "appointments:home", Capability.VIEW_CAREERS),
    NavItem(_("Trust votes"), "trust:home", Capability.VIEW_CAREERS),
    NavItem(_("Discipline"), "discipline:home", Capability.VIEW_CAREERS),
    NavItem(_("Training"), "training:home", Capability.VIEW_CAREERS),
    NavItem(_("Import"), "imports:list", Capability.IMPORT_DATA),
    NavItem(_("Users"), "accounts:users", Capability.MANAGE_USERS),
    NavItem(_("Audit log"), "core:audit", Capability.VIEW_AUDIT),
)


class Bell:
    """The unread-notification count, read (one query) only if a template shows it."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    @cached_property
    def unread(self) -> int:
        from canbo.work.notifications import unread_count

        user = self.request.user
        return unread_count(user) if user.is_authenticated else 0


def navigation(request: HttpRequest) -> dict[str, Any]:
    actor = getattr(request, "actor", None)
    if actor is None or not request.user.is_authenticated:
        return {"nav_items": []}
    items = [
        {"label": item.label, "url": item.url()}
        for item in NAVIGATION
        if item.capability is None or actor.can_anywhere(item.capability)
    ]
    return {"nav_items": items, "bell": Bell(request)}
