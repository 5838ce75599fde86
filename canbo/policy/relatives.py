"""Relatives of a unit's leaders in restricted posts (xung đột lợi ích).

Source: Luật Phòng, chống tham nhũng 36/2018/QH14 art. 20.3: "Người đứng đầu, cấp
phó của người đứng đầu cơ quan, tổ chức, đơn vị không được bố trí vợ hoặc chồng,
bố, mẹ, con, anh, chị, em ruột của mình giữ chức vụ quản lý về tổ chức nhân sự,
kế toán, làm thủ quỹ, thủ kho trong cơ quan, tổ chức, đơn vị…"; Nghị định
59/2019/NĐ-CP art. 29.5 lists that placement as a conflict of interest
(rules.md §11).

Relations covered: spouse, father, mother, child and full sibling. In-laws and
adoptive relations are NOT covered: the text names only the person's own
relatives ("ruột"), and whether in-laws count is UNVERIFIED (rules.md §11), so
they are left out by default; `RELATIONS` is the configurable default.
Whether Law 132/2025/QH15 changed art. 20 is UNVERIFIED.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

ARTICLE = "Luật PCTN 36/2018 art. 20.3; Nghị định 59/2019 art. 29.5"
# Configurable default (rules.md §11): in-laws are not listed by the law.
RELATIONS: frozenset[str] = frozenset(
    {"spouse", "father", "mother", "child", "sibling"}
)
LEADER_ROLES: frozenset[str] = frozenset({"head", "deputy"})
RESTRICTED_ROLES: frozenset[str] = frozenset(
    {"personnel", "accounting", "cashier", "storekeeper"}
)
CODE = "relative_in_restricted_post"


@dataclass(frozen=True)
class Check:
    code: str
    severity: str  # "refuse" or "flag"
    overridable: bool
    params: dict[str, str] = field(default_factory=dict)


def is_covered_relation(relation: str, relations: frozenset[str] = RELATIONS) -> bool:
    """Return whether `relation` is one art. 20.3 names (in-laws are not)."""
    return relation in relations


def is_leader(unit_role: str) -> bool:
    """A head or deputy head of the unit (post.unit_role)."""
    return unit_role in LEADER_ROLES


def is_restricted(conflict_roles: Iterable[str]) -> str:
    """Return the first restricted role among those of a post and a job position, or ""."""
    for role in conflict_roles:
        if role in RESTRICTED_ROLES:
            return role
    return ""


def relative_conflict(
    *,
    leader_unit_id: int,
    leader_unit_role: str,
    relation: str,
    relative_unit_id: int,
    relative_conflict_roles: Iterable[str],
    relations: frozenset[str] = RELATIONS,
) -> Check | None:
    """Return the conflict of art. 20.3 for one leader–relative pair, or None.

    A conflict when the leader is head or deputy head of unit U, the relation is
    in `relations`, and the relative holds in the same unit U a post or job
    position whose conflict role is personnel, accounting, cashier or
    storekeeper. Refused; a head may set it aside with written reasons.
    """
    if not is_leader(leader_unit_role) or not is_covered_relation(relation, relations):
        return None
    if leader_unit_id != relative_unit_id:
        return None
    role = is_restricted(relative_conflict_roles)
    if not role:
        return None
    return Check(
        CODE,
        "refuse",
        True,
        {"relation": relation, "role": role, "article": ARTICLE},
    )
