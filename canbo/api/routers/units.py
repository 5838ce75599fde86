"""Units of the organisation tree: list, read, create, change."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status

from canbo.api.auth import request_actor
from canbo.api.lookups import patch_values, unit_ref
from canbo.api.pagination import paginate
from canbo.api.schemas.common import ERRORS
from canbo.api.schemas.units import (
    UnitDetailOut,
    UnitFilter,
    UnitIn,
    UnitOut,
    UnitPage,
    UnitPatch,
)
from canbo.api.selectors import unit_search_q
from canbo.org import selectors, services
from canbo.org.models import Unit

router = Router(tags=["units"])


def unit_detail(unit: Unit) -> UnitDetailOut:
    """Return the unit with its headcounts (two grouped queries)."""
    base = UnitOut.model_validate(unit).model_dump()
    return UnitDetailOut(
        **base,
        headcount=selectors.direct_headcount(unit),
        subtree_headcount=selectors.subtree_headcount(unit),
    )


@router.get("/units", response={200: UnitPage, **ERRORS}, url_name="unit_list")
def list_units(request: HttpRequest, filters: Query[UnitFilter]) -> dict[str, Any]:
    """Units in your scope, in tree order."""
    actor = request_actor(request)
    units = selectors.units_visible_to(actor).select_related("parent")
    if filters.parent is not None:
        units = units.filter(parent=unit_ref(actor, filters.parent, "parent"))
    if filters.kind:
        units = units.filter(kind=filters.kind)
    if filters.q.strip():
        units = units.filter(unit_search_q(filters.q))
    return paginate(units.order_by("path"), filters)


@router.get(
    "/units/{unit_id}", response={200: UnitDetailOut, **ERRORS}, url_name="unit_detail"
)
def get_unit(request: HttpRequest, unit_id: int) -> UnitDetailOut:
    """One unit, with its staffing quota and headcounts."""
    return unit_detail(selectors.access_unit(request_actor(request), unit_id))


@router.post("/units", response={201: UnitDetailOut, **ERRORS}, url_name="unit_create")
def create_unit(request: HttpRequest, payload: UnitIn) -> Status[UnitDetailOut]:
    """Create a unit under a parent you administer. Audit: org.unit.created."""
    actor = request_actor(request)
    parent = (
        unit_ref(actor, payload.parent, "parent")
        if payload.parent is not None
        else None
    )
    unit = services.create_unit(
        actor=actor,
        code=payload.code,
        name=payload.name,
        kind=str(payload.kind),
        parent=parent,
        staffing_quota=payload.staffing_quota,
    )
    return Status(201, unit_detail(unit))


@router.patch(
    "/units/{unit_id}", response={200: UnitDetailOut, **ERRORS}, url_name="unit_update"
)
def update_unit(
    request: HttpRequest, unit_id: int, payload: UnitPatch
) -> UnitDetailOut:
    """Change a unit; a new parent moves its whole subtree. Audit: org.unit.updated."""
    actor = request_actor(request)
    unit = selectors.access_unit(actor, unit_id)
    values = patch_values(payload, nullable=frozenset({"parent"}))
    if "parent" in values:
        values["parent"] = (
            unit_ref(actor, values["parent"], "parent")
            if values["parent"] is not None
            else None
        )
    unit = services.update_unit(actor=actor, unit=unit, **values)
    return unit_detail(unit)
