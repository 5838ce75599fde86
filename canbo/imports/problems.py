"""Collecting what is wrong with a file: (row as Excel shows it, column title, reason)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict

from canbo.imports.columns import Column, title_of


class Problem(TypedDict):
    row: int | None  # None: the whole file
    column: str  # "" for the whole row
    message: str


class Problems:
    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.rows: set[int] = set()

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def add(self, row: int | None, column: str, message: str) -> None:
        self.items.append({"row": row, "column": column, "message": str(message)})
        if row is not None:
            self.rows.add(row)

    def add_service_errors(
        self, row: int, columns: tuple[Column, ...], errors: Mapping[str, list[str]]
    ) -> None:
        """Record an InvalidInput from a service, each field under its column."""
        for field, messages in errors.items():
            for message in messages:
                self.add(row, title_of(columns, field), message)

    def sorted(self, columns: tuple[Column, ...] = ()) -> list[Problem]:
        """Return the problems by row, file-level ones first, then in column order."""
        order = {column.title: index for index, column in enumerate(columns)}
        return sorted(
            self.items, key=lambda p: (p["row"] or 0, order.get(p["column"], -1))
        )
