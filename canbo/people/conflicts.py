"""Relatives of a unit's leaders in restricted posts (Luật PCTN 36/2018 art. 20.3).

The selectors behind the check on assignments (canbo/people/services.py) and the
report of existing cases (/trust/conflicts/). A relative is linked to their own
staff record by `Relative.staff_record` (matched on the citizen ID); a link
declared by either of the two counts. The rule itself is
canbo.policy.relatives.relative_conflict; the set-aside (waiver) a head grants
is stored by canbo.trust.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from canbo.core.actor import Actor
from canbo.org.models import ConflictRole
from canbo.people.models import Assignment, Person, Relative
from canbo.policy.access import Capability
from canbo.policy.relatives import (
    ARTICLE,
    LEADER_ROLES,
    RELATIONS,
    RESTRICTED_ROLES,
    relative_conflict,
)


def _open_on(day: date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}end_date__isnull": True}) | Q(
        **{f"{prefix}end_date__gte": day}
    )


def _restricted(prefix: str = "") -> Q:
    return Q(**{f"{prefix}post__conflict_role__in": RESTRICTED_ROLES}) | Q(
        **{f"{prefix}job_position__conflict_role__in": RESTRICTED_ROLES}
    )


@dataclass(frozen=True)
class Conflict:
    unit_id: int
    unit_name: str
    leader_id: int
    leader_name: str
    leader_post: str
    relative_id: int
    relative_name: str
    relation: str  # as declared, see `declared_by_leader`
    declared_by_leader: (
        bool  # the relative is the leader's <relation>, else the reverse
    )
    restricted: str  # the restricted post or job position
    role: str  # ConflictRole
    code: str = "relative_in_restricted_post"

    def message(self) -> str:
        relation = str(Relative.Relation(self.relation).label).lower()
        params = {
            "leader": self.leader_name,
            "post": self.leader_post,
            "unit": self.unit_name,
            "relative": self.relative_name,
            "relation": relation,
            "restricted": self.restricted,
            "article": ARTICLE,
        }
        if self.declared_by_leader:
            pair = _("%(relative)s is declared as %(relation)s of %(leader)s") % params
        else:
            pair = _("%(leader)s is declared as %(relation)s of %(relative)s") % params
        return _(
            "%(pair)s; %(leader)s is %(post)s of %(unit)s and %(relative)s would "
            "hold “%(restricted)s” there. A head or deputy head may not have a "
            "spouse, parent, child or sibling in personnel, accounting, cashier or "
            "storekeeper work in the same unit (%(article)s). A head may set this "
            "aside with a written justification."
        ) % {**params, "pair": pair}


def role_label(role: str) -> Promise | str:
    return ConflictRole(role).label if role in ConflictRole.values else role


def _links(person_id: int) -> list[tuple[int, str, bool]]:
    """(other person's id, relation as declared, declared by `person_id`) for the
    close relatives of the law linked to staff records, both directions."""
    declared = Relative.objects.filter(
        person_id=person_id, relation__in=RELATIONS, staff_record__isnull=False
    ).values_list("staff_record_id", "relation")
    by_others = Relative.objects.filter(
        staff_record_id=person_id, relation__in=RELATIONS
    ).values_list("person_id", "relation")
    links = [(int(pk), rel, True) for pk, rel in declared]
    links += [(int(pk), rel, False) for pk, rel in by_others]
    return [link for link in links if link[0] != person_id]


def _title(assignment: Assignment) -> tuple[str, str]:
    """(title, restricted role) of an assignment's post or job position."""
    for part in (assignment.post, assignment.job_position):
        if part is not None and part.conflict_role in RESTRICTED_ROLES:
            return str(part), part.conflict_role
    return str(assignment.post or assignment.job_position or ""), ""


Links = dict[int, tuple[str, bool]]  # other person's id -> (relation, declared by me)


def _conflict(
    assignment: Assignment,
    leader: tuple[Person, str],
    relative: Person,
    link: tuple[str, bool],
    restricted: tuple[str, str],
) -> Conflict:
    return Conflict(
        unit_id=assignment.unit_id,
        unit_name=assignment.unit.name,
        leader_id=leader[0].pk,
        leader_name=leader[0].full_name,
        leader_post=leader[1],
        relative_id=relative.pk,
        relative_name=relative.full_name,
        relation=link[0],
        declared_by_leader=link[1],
        restricted=restricted[0],
        role=restricted[1],
    )


def _as_leader(
    assignment: Assignment, others: QuerySet[Assignment], links: Links
) -> list[Conflict]:
    """The assignment is a head or deputy head post: relatives in restricted posts."""
    post = assignment.post
    if post is None or post.unit_role not in LEADER_ROLES:
        return []
    found = []
    for other in others.filter(_restricted()):
        restricted = _title(other)
        relation, mine = links[other.person_id]
        check = relative_conflict(
            leader_unit_id=assignment.unit_id,
            leader_unit_role=post.unit_role,
            relation=relation,
            relative_unit_id=other.unit_id,
            relative_conflict_roles=[restricted[1]],
        )
        if check is not None:
            found.append(
                _conflict(
                    assignment,
                    (assignment.person, str(post)),
                    other.person,
                    (relation, mine),
                    restricted,
                )
            )
    return found


def _as_relative(
    assignment: Assignment, others: QuerySet[Assignment], links: Links
) -> list[Conflict]:
    """The assignment is a restricted post: relatives who lead the unit."""
    restricted = _title(assignment)
    if not restricted[1]:
        return []
    found = []
    for other in others.filter(post__unit_role__in=LEADER_ROLES):
        relation, theirs = links[other.person_id]
        if other.post is None:
            continue
        check = relative_conflict(
            leader_unit_id=other.unit_id,
            leader_unit_role=other.post.unit_role,
            relation=relation,
            relative_unit_id=assignment.unit_id,
            relative_conflict_roles=[restricted[1]],
        )
        if check is not None:
            found.append(
                _conflict(assignment, (other.person, str(other.post)),
                          assignment.person, (relation, not theirs), restricted)
            )  # fmt: skip
    return found


def assignment_conflicts(assignment: Assignment, *, today: date) -> list[Conflict]:
    """The art. 20.3 conflicts an assignment would create, in either direction:
    a new head or deputy head post with a relative in a restricted post of the
    unit, or a new restricted post in a unit one of the person's relatives leads.

    An assignment that ended before `today` is history and is not checked.
    """
    if assignment.end_date is not None and assignment.end_date < today:
        return []
    links: Links = {pk: (rel, mine) for pk, rel, mine in _links(assignment.person_id)}
    if not links:
        return []
    others = (
        Assignment.objects.filter(person_id__in=links, unit_id=assignment.unit_id)
        .filter(_open_on(assignment.start_date))
        .exclude(pk=assignment.pk)
        .select_related("person", "post", "job_position")
    )
    if assignment.end_date is not None:
        others = others.filter(start_date__lte=assignment.end_date)
    return _as_leader(assignment, others, links) + _as_relative(
        assignment, others, links
    )


def conflict_field(assignment: Assignment) -> str:
    """The form field a refusal names: the post, unless the restricted part is the
    job position."""
    if assignment.post is None or (
        assignment.post.unit_role not in LEADER_ROLES
        and assignment.post.conflict_role not in RESTRICTED_ROLES
    ):
        return "job_position" if assignment.job_position is not None else "post"
    return "post"


def link_staff_record(relative: Relative) -> None:
    """Link a declared relative to their own staff record when the citizen ID matches."""
    if not relative.citizen_id:
        relative.staff_record = None
        return
    relative.staff_record = (
        Person.objects.filter(citizen_id=relative.citizen_id)
        .exclude(pk=relative.person_id)
        .first()
    )


# --- the report of existing cases -----------------------------------------------

CASE_COLUMNS = ("unit_id", "unit_name", "leader_id", "leader_name", "leader_post",
                "relative_id", "relative_name", "relation", "declared_by_leader",
                "restricted", "role", "waived")  # fmt: skip


def _cases(
    actor: Actor, today: date, leader_side: str, declared: bool
) -> QuerySet[Any]:
    """Leader assignments with a linked relative in a restricted post of the unit.

    `leader_side` is "relatives" (declared by the leader; the relative is
    `staff_record`) or "declared_by" (declared by the relative; `person`).
    """
    link = f"person__{leader_side}"
    other = f"{link}__staff_record" if declared else f"{link}__person"
    other_a = f"{other}__assignments"
    from canbo.trust.models import ConflictWaiver

    waived = ConflictWaiver.objects.filter(
        unit_id=OuterRef("unit_id"),
        leader_id=OuterRef("person_id"),
        relative_id=OuterRef(f"{other}__id"),
    )
    rows = (
        Assignment.objects.filter(
            actor.scope_q(Capability.VIEW_CAREERS, path="unit__path", unit_id="unit_id")
        )
        .filter(_open_on(today), post__unit_role__in=LEADER_ROLES)
        .filter(
            # Linked relatives are few: saying so lets the planner start from them.
            Q(**{f"{link}__relation__in": RELATIONS})
            & Q(**{f"{link}__staff_record__isnull": False})
            & Q(**{f"{other_a}__unit_id": F("unit_id")})
            & _open_on(today, f"{other_a}__")
            & _restricted(f"{other_a}__")
        )
        .annotate(
            unit_name=F("unit__name"),
            leader_id=F("person_id"),
            leader_name=F("person__full_name"),
            leader_post=F("post__name"),
            relative_id=F(f"{other}__id"),
            relative_name=F(f"{other}__full_name"),
            relation=F(f"{link}__relation"),
            declared_by_leader=Value(declared),
            restricted=Coalesce(
                NullIf(F(f"{other_a}__post__name"), Value("")),
                F(f"{other_a}__job_position__name"),
            ),
            role=Coalesce(
                NullIf(F(f"{other_a}__post__conflict_role"), Value("")),
                F(f"{other_a}__job_position__conflict_role"),
            ),
            waived=Exists(waived),
        )
        .order_by()
        .values_list(*CASE_COLUMNS)
    )
    if not declared:  # a pair both declared is listed once, as the leader declared it
        rows = rows.exclude(
            Exists(
                Relative.objects.filter(
                    person_id=OuterRef("person_id"),
                    staff_record_id=OuterRef(f"{other}__id"),
                    relation__in=RELATIONS,
                )
            )
        )
    return rows


@dataclass(frozen=True)
class Case:
    unit_id: int
    unit_name: str
    leader_id: int
    leader_name: str
    leader_post: str
    relative_id: int
    relative_name: str
    relation: str
    declared_by_leader: bool
    restricted: str
    role: str
    waived: bool

    @property
    def relation_label(self) -> str:
        return str(Relative.Relation(self.relation).label)

    @property
    def role_label(self) -> str:
        return str(role_label(self.role))


def conflict_cases(actor: Actor, *, today: date) -> QuerySet[Any]:
    """Existing cases in the actor's scope as rows of CASE_COLUMNS (wrap them in
    `Case`), by unit then leader. Two set-based queries in one UNION."""
    declared = _cases(actor, today, "relatives", True)
    reverse = _cases(actor, today, "declared_by", False)
    return declared.union(reverse).order_by("unit_name", "leader_name", "relative_name")
