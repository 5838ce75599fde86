from __future__ import annotations

import pytest

from canbo.imports.tree import Link, final_depths, path_ids

CASES: list[tuple[str, dict[str, Link], dict[str, int | None], set[str]]] = [
    ("a root and its child", {"A": (None, 0), "B": ("A", 1)}, {"A": 0, "B": 1}, set()),
    ("a child listed first", {"C": ("B", 1), "B": ("A", 1), "A": (None, 2)}, {"A": 2, "B": 3, "C": 4}, set()),
    ("two rows in a cycle", {"A": ("B", 1), "B": ("A", 1)}, {"A": None, "B": None}, {"A", "B"}),
    ("a row under a cycle", {"A": ("A", 2), "B": ("A", 1)}, {"A": None, "B": None}, {"A"}),
    ("a row whose parent row was left out", {"B": ("X", 1)}, {"B": None}, set()),
]  # fmt: skip


@pytest.mark.parametrize(
    ("links", "depths", "cyclic"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_final_depths_place_parents_first_and_find_cycles(
    links: dict[str, Link], depths: dict[str, int | None], cyclic: set[str]
) -> None:
    assert final_depths(links) == (depths, cyclic)


def test_path_ids_reads_a_materialized_path_root_first() -> None:
    assert path_ids("00000001.00000042.") == [1, 42]
    assert path_ids("") == []
