"""Where each unit of a file ends up in the tree, found before anything is written.

Each row links to the next row above it in the final tree (its parent row, or the
nearest row among its parent's existing ancestors) with the number of levels
between them. Following the links gives every row its final depth, so parents are
written before children, and shows the rows whose parents form a cycle.
"""

from __future__ import annotations

from canbo.org.models import PATH_STEP

Link = tuple[
    str | None, int
]  # (code of the next row up, or None for the root; levels up)


def path_ids(path: str) -> list[int]:
    """Return the unit ids of a materialized path, root first."""
    return [int(path[i : i + PATH_STEP]) for i in range(0, len(path), PATH_STEP + 1)]


def final_depths(links: dict[str, Link]) -> tuple[dict[str, int | None], set[str]]:
    """Return ({code: final depth, or None if it cannot be placed}, {codes in a cycle}).

    A row cannot be placed when its chain of parents loops or reaches a row
    that has no link (a row left out because of its own errors).
    """
    depths: dict[str, int | None] = {}
    cyclic: set[str] = set()
    for start in links:
        chain: list[str] = []
        on_chain: dict[str, int] = {}
        current: str | None = start
        base: int | None = 0
        while current is not None and current not in depths:
            if current in on_chain:
                cyclic.update(chain[on_chain[current] :])
                base = None
                break
            if current not in links:
                base = None
                break
            on_chain[current] = len(chain)
            chain.append(current)
            current = links[current][0]
        else:
            base = depths[current] if current is not None else 0
        for code in reversed(chain):
            base = None if base is None else base + links[code][1]
            depths[code] = base
    return depths, cyclic
