"""The acting user with their role grants: what every selector and service scopes by."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q

from canbo.policy.access import Capability, Role, can

if TYPE_CHECKING:
    from canbo.accounts.models import User


@dataclass(frozen=True)
class Grant:
    role: Role
    unit_id: int
    unit_path: str
    subtree: bool


@dataclass(frozen=True)
class Actor:
    user: User
    grants: tuple[Grant, ...] = ()
    person_id: int | None = None
    read_only: bool = False
    ip: str | None = None
    roles: frozenset[Role] = field(default=frozenset(), init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "roles", frozenset(g.role for g in self.grants))

    def grants_for(self, capability: Capability) -> tuple[Grant, ...]:
        """Return the grants through which this actor holds `capability`."""
        return tuple(g for g in self.grants if can(g.role, capability))

    def can_anywhere(self, capability: Capability) -> bool:
        return bool(self.grants_for(capability))

    def scope_q(self, capability: Capability, *, path: str, unit_id: str) -> Q:
        """Return a filter selecting rows whose unit lies in this actor's scope.

        `path` names the lookup to the unit's materialized path and `unit_id` the
        lookup to its id, e.g. path="unit_path", unit_id="unit_id" for Person.
        An actor without the capability gets a filter that matches nothing.
        """
        query = Q(pk__in=[])
        for grant in self.grants_for(capability):
            if grant.subtree:
                query |= Q(**{f"{path}__pathprefix": grant.unit_path})
            else:
                query |= Q(**{unit_id: grant.unit_id})
        return query

    def covers(self, capability: Capability, unit_path: str, unit_id: int) -> bool:
        """Return whether the unit with this path and id is in scope for `capability`."""
        for grant in self.grants_for(capability):
            if grant.subtree and unit_path.startswith(grant.unit_path):
                return True
            if grant.unit_id == unit_id:
                return True
        return False


def actor_for(user: User, *, read_only: bool = False, ip: str | None = None) -> Actor:
    """Load the grants of `user` (one query) and return their Actor."""
    from canbo.accounts.models import RoleGrant

    grants = tuple(
        Grant(
            role=Role(g.role),
            unit_id=g.unit_id,
            unit_path=g.unit.path,
            subtree=g.include_subtree,
        )
        for g in RoleGrant.objects.filter(user=user).select_related("unit")
    )
    return Actor(
        user=user, grants=grants, person_id=user.person_id, read_only=read_only, ip=ip
    )
