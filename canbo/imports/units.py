"""Importing units, keyed on the unit code; parents may come later in the same file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from canbo.core.errors import InvalidInput, NotAllowed
from canbo.imports import selectors
from canbo.imports.base import Importer, RowChange, unknown_unit_message
from canbo.imports.columns import UNIT_COLUMNS
from canbo.imports.tree import Link, final_depths, path_ids
from canbo.imports.workbook import Row
from canbo.org.models import Unit
from canbo.org.services import create_unit, update_unit
from canbo.policy.access import Capability

SCALAR_FIELDS = ("name", "kind", "staffing_quota")


@dataclass
class UnitRow:
    number: int
    values: dict[str, Any]


class UnitImporter(Importer):
    columns = UNIT_COLUMNS

    def prefetch(self, rows: list[Row]) -> None:
        self.file_codes = {self.code_in(r, "code") for r in rows} - {""}
        codes = self.file_codes | {self.code_in(r, "parent") for r in rows}
        lookup = selectors.units_by_code(
            self.actor, codes - {""}, Capability.EDIT_UNITS
        )
        self.units, self.taken = lookup.editable, lookup.taken
        self.seen: dict[str, int] = {}
        self.valid: dict[str, UnitRow] = {}

    def check(self, row: Row) -> None:
        values = self.parse(row)
        code: str | None = values.get("code")
        if code is not None:
            first = self.seen.setdefault(code, row.number)
            if first != row.number:
                self.error(
                    row.number,
                    "code",
                    _("This unit code is already on row %(row)s of this file.")
                    % {"row": first},
                )
            elif code in self.taken:
                self.error(
                    row.number,
                    "code",
                    _("Unit code %(code)s is already used by another unit.")
                    % {"code": code},
                )
        self._check_parent(row.number, code, values.get("parent"))
        if code is not None and row.number not in self.problems.rows:
            self.valid[code] = UnitRow(row.number, values)

    def _check_parent(self, number: int, code: str | None, parent: str | None) -> None:
        if parent is None:
            if (
                code is not None
                and code not in self.units
                and not self.actor.user.is_superuser
            ):
                self.error(
                    number,
                    "parent",
                    _(
                        "Give the parent unit's code: only a superuser can add a top-level unit."
                    ),
                )
        elif parent == code:
            self.error(number, "parent", self._cycle_message(parent))
        elif parent not in self.units and parent not in self.file_codes:
            self.error(number, "parent", unknown_unit_message(parent))

    @staticmethod
    def _cycle_message(code: str) -> str:
        return _(
            "Unit %(code)s cannot be placed under itself or under one of its own subordinate units."
        ) % {"code": code}

    def apply(self) -> list[RowChange]:
        depths, cyclic = final_depths(self._links())
        for code in sorted(cyclic):
            self.error(self.valid[code].number, "parent", self._cycle_message(code))
        placed = [code for code, depth in depths.items() if depth is not None]
        placed.sort(key=lambda code: (depths[code], self.valid[code].number))
        return [
            change
            for code in placed
            if (change := self._apply_row(self.valid[code])) is not None
        ]

    def _links(self) -> dict[str, Link]:
        """Return, for each valid row, the next row up the final tree and the distance to it."""
        file_ids = {
            self.units[code].pk: code for code in self.valid if code in self.units
        }
        links: dict[str, Link] = {}
        for code, row in self.valid.items():
            parent = row.values.get("parent")
            if parent in self.valid:
                links[code] = (parent, 1)
                continue
            anchor = self.units.get(parent) if parent else None
            if parent and anchor is None:
                continue  # its parent's row has errors; that row reports them
            if anchor is None:
                unit = self.units.get(code)
                ancestors = path_ids(unit.path)[:-1] if unit else []
            else:
                ancestors = path_ids(anchor.path)
            links[code] = _nearest(ancestors, file_ids)
        return links

    def _apply_row(self, row: UnitRow) -> RowChange | None:
        parent = row.values.get("parent")
        if parent and parent not in self.units:
            return None  # its parent's row was refused; that row reports why
        # No savepoint of its own: each service rolls back its own writes when it
        # refuses, and any refusal rolls the whole file back (see runner.py).
        try:
            return self._write(row)
        except InvalidInput as error:
            self.problems.add_service_errors(row.number, self.columns, error.errors)
        except NotAllowed:
            key = "parent" if parent else "code"
            self.error(
                row.number, key, unknown_unit_message(parent or row.values["code"])
            )
        return None

    def _write(self, row: UnitRow) -> RowChange:
        values = row.values
        code = values["code"]
        parent = self.units.get(values["parent"]) if values.get("parent") else None
        unit = self.units.get(code)
        change = RowChange(
            row=row.number,
            key=code,
            label=values["name"],
            action="unchanged",
            changes=[],
        )
        if unit is None:
            self.units[code] = create_unit(
                actor=self.actor, code=code, name=values["name"], kind=values["kind"],
                parent=parent, staffing_quota=values.get("staffing_quota", 0),
            )  # fmt: skip
            change["action"] = "create"
            return change
        change["changes"] = self._update(unit, parent, values)
        change["action"] = "update" if change["changes"] else "unchanged"
        return change

    def _update(
        self, unit: Unit, parent: Unit | None, values: dict[str, Any]
    ) -> list[tuple[str, str, str]]:
        changed = {
            key: values[key]
            for key in SCALAR_FIELDS
            if key in values and getattr(unit, key) != values[key]
        }
        before: dict[str, Any] = {key: getattr(unit, key) for key in changed}
        moved = parent is not None and parent.pk != unit.parent_id
        if moved:
            changed["parent"] = parent
            before["parent"] = unit.parent
        if not changed:
            return []
        update_unit(actor=self.actor, unit=unit, **changed)
        if moved:
            selectors.refresh_units(self.units.values())  # the subtree's paths changed
        return self.describe(before, changed)


def _nearest(ancestors: list[int], file_ids: dict[int, str]) -> Link:
    """Return the closest ancestor that is a row of the file, and how far up it is."""
    for index in range(len(ancestors) - 1, -1, -1):
        code = file_ids.get(ancestors[index])
        if code is not None:
            return (code, len(ancestors) - index)
    return (None, len(ancestors))
