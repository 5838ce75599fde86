"""What the unit and staff importers share: reading a row's cells and describing changes."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, Literal, TypedDict

from django.db import models
from django.utils.translation import gettext as _

from canbo.core.actor import Actor
from canbo.imports.cells import CellError, is_blank, parse_cell
from canbo.imports.columns import Column, Kind
from canbo.imports.problems import Problems
from canbo.imports.workbook import Row

Action = Literal["create", "update", "unchanged"]


class RowChange(TypedDict):
    row: int
    key: str  # the unit code or CCCD
    label: str  # the unit's or person's name
    action: Action
    changes: list[tuple[str, str, str]]  # (column title, before, after)


class Importer:
    """Check every row (phase 1), then apply the valid ones through the services (phase 2)."""

    columns: tuple[Column, ...] = ()

    def __init__(self, actor: Actor, today: datetime.date, problems: Problems) -> None:
        self.actor = actor
        self.today = today
        self.problems = problems
        self.column = {c.key: c for c in self.columns}
        self._aliases = {
            c.key: c.aliases() for c in self.columns if c.kind == Kind.CHOICE
        }

    def prefetch(self, rows: list[Row]) -> None:
        """Load, in a few queries, everything the rows refer to."""
        raise NotImplementedError

    def check(self, row: Row) -> None:
        """Record the row's problems; keep it for phase 2 if it has none."""
        raise NotImplementedError

    def apply(self) -> list[RowChange]:
        """Apply the valid rows through the services; the caller owns the transaction."""
        raise NotImplementedError

    def parse(self, row: Row) -> dict[str, Any]:
        """Return {column key: value} for the row's filled cells, recording bad ones."""
        values: dict[str, Any] = {}
        for key, raw in row.cells.items():
            column = self.column[key]
            if is_blank(raw):
                if column.required:
                    self.problems.add(
                        row.number, column.title, _("This value is required.")
                    )
                continue
            try:
                values[key] = parse_cell(raw, column, self._aliases.get(key, {}))
            except CellError as error:
                self.problems.add(row.number, column.title, str(error))
        return values

    def code_in(self, row: Row, key: str) -> str:
        """Return the code a row's cell holds as text, "" when blank or unreadable."""
        raw = row.cells.get(key)
        if is_blank(raw):
            return ""
        try:
            return str(parse_cell(raw, self.column[key], {}))
        except CellError:
            return ""

    def error(self, row: int, key: str, message: object) -> None:
        self.problems.add(row, self.column[key].title, str(message))

    def shown(self, key: str, value: Any) -> str:
        """Return `value` of column `key` as a person reads it in the file."""
        if value is None or value == "":
            return ""
        if isinstance(value, datetime.date):
            return value.strftime("%d/%m/%Y")
        if isinstance(value, models.Model):
            return str(getattr(value, "code", value))
        if isinstance(value, Decimal):
            return f"{value:.2f}".replace(".", ",")
        column = self.column.get(key)
        if column is not None and column.choices:
            return dict(column.choices).get(str(value), str(value))
        return str(value)

    def describe(
        self, before: dict[str, Any], after: dict[str, Any]
    ) -> list[tuple[str, str, str]]:
        """Return (column title, before, after) for each changed value."""
        return [
            (
                self.column[key].title,
                self.shown(key, before.get(key)),
                self.shown(key, value),
            )
            for key, value in after.items()
        ]


def unknown_unit_message(code: str) -> str:
    """The same answer for a unit that does not exist and one outside the scope."""
    return _("Unknown unit code “%(code)s”, or it is outside your scope.") % {
        "code": code
    }
