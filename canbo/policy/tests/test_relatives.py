from __future__ import annotations

import pytest

from canbo.policy.relatives import (
    ARTICLE,
    CODE,
    RELATIONS,
    is_covered_relation,
    relative_conflict,
)


@pytest.mark.parametrize(
    ("role", "relation", "leader_unit", "relative_unit", "roles", "conflict"),
    [
        ("head", "spouse", 1, 1, ["accounting"], True),
        ("deputy", "father", 1, 1, ["personnel"], True),
        ("head", "mother", 1, 1, ["", "cashier"], True),
        ("deputy", "child", 1, 1, ["storekeeper"], True),
        ("head", "sibling", 1, 1, ["accounting", ""], True),
        # In-laws are not in art. 20.3 ("ruột").
        ("head", "father_in_law", 1, 1, ["accounting"], False),
        ("head", "mother_in_law", 1, 1, ["cashier"], False),
        ("head", "sibling_in_law", 1, 1, ["storekeeper"], False),
        # Not a head or deputy head of the unit.
        ("other", "spouse", 1, 1, ["accounting"], False),
        ("", "spouse", 1, 1, ["accounting"], False),
        # Another unit.
        ("head", "spouse", 1, 2, ["accounting"], False),
        # Not a restricted post or position.
        ("head", "spouse", 1, 1, [""], False),
        ("head", "spouse", 1, 1, [], False),
    ],
)
def test_relative_conflict(
    role: str,
    relation: str,
    leader_unit: int,
    relative_unit: int,
    roles: list[str],
    conflict: bool,
) -> None:
    check = relative_conflict(
        leader_unit_id=leader_unit,
        leader_unit_role=role,
        relation=relation,
        relative_unit_id=relative_unit,
        relative_conflict_roles=roles,
    )
    assert (check is not None) == conflict
    if check is not None:
        assert check.code == CODE
        assert check.severity == "refuse"
        assert check.overridable
        assert check.params["article"] == ARTICLE
        assert check.params["role"] in roles


def test_relations_are_the_five_of_the_law() -> None:
    assert frozenset({"spouse", "father", "mother", "child", "sibling"}) == RELATIONS
    assert not is_covered_relation("sibling_in_law")
    assert is_covered_relation("sibling_in_law", RELATIONS | {"sibling_in_law"})
