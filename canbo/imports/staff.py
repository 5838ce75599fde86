"""Importing staff records, keyed on the citizen ID (CCCD), with an optional assignment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from canbo.core.errors import InvalidInput, NotAllowed
from canbo.imports import selectors
from canbo.imports.base import Importer, RowChange, unknown_unit_message
from canbo.imports.cells import is_blank, parse_citizen_id
from canbo.imports.columns import PERSON_KEYS, STAFF_COLUMNS
from canbo.imports.workbook import Row
from canbo.org.models import JobPosition, Post, Unit
from canbo.people import messages
from canbo.people.models import Person
from canbo.people.services import create_assignment, create_person, update_person
from canbo.policy.access import Capability
from canbo.policy.citizen_id import citizen_id_problems
from canbo.policy.people import assignment_problems, birth_date_problems


@dataclass
class StaffRow:
    number: int
    values: dict[str, Any]


class StaffImporter(Importer):
    columns = STAFF_COLUMNS

    def prefetch(self, rows: list[Row]) -> None:
        numbers = {
            parse_citizen_id(r.cells["citizen_id"])
            for r in rows
            if r.cells.get("citizen_id") is not None
        }
        codes = {self.code_in(r, "unit") for r in rows} - {""}
        self.units = selectors.units_by_code(
            self.actor, codes, Capability.EDIT_PEOPLE
        ).editable
        self.people, self.taken = selectors.people_by_citizen_id(self.actor, numbers)
        self.assignments = selectors.existing_assignments(
            p.pk for p in self.people.values()
        )
        self.posts = selectors.posts_by_code()
        self.positions = selectors.job_positions_by_code()
        self.seen: dict[str, int] = {}
        self.valid: list[StaffRow] = []

    def check(self, row: Row) -> None:
        values = self.parse(row)
        self._check_identity(row.number, values)
        code = values.get("unit")
        if code is not None and code not in self.units:
            self.error(row.number, "unit", unknown_unit_message(code))
        self._check_assignment(row, values)
        if row.number not in self.problems.rows:
            self.valid.append(StaffRow(row.number, values))

    def _check_identity(self, number: int, values: dict[str, Any]) -> None:
        birth: date | None = values.get("birth_date")
        birth_problems = birth_date_problems(birth, today=self.today) if birth else ()
        for code in birth_problems:
            self.error(number, "birth_date", messages.BIRTH_DATE[code])
        cid: str | None = values.get("citizen_id")
        if cid is None:
            return
        first = self.seen.setdefault(cid, number)
        if first != number:
            message = _("This citizen ID is already on row %(row)s of this file.") % {
                "row": first
            }
            self.error(number, "citizen_id", message)
        elif cid in self.taken:
            self.error(number, "citizen_id", messages.CITIZEN_ID["duplicate"])
        birth_for_id = None if birth_problems else birth
        for code in citizen_id_problems(
            cid, birth_date=birth_for_id, sex=values.get("sex")
        ):
            self.error(number, "citizen_id", messages.CITIZEN_ID[code])

    def _check_assignment(self, row: Row, values: dict[str, Any]) -> None:
        number = row.number
        post, position = values.get("post"), values.get("job_position")
        start: date | None = values.get("start_date")
        if post is not None and post not in self.posts:
            self.error(
                number, "post", _("Unknown post code “%(code)s”.") % {"code": post}
            )
        if position is not None and position not in self.positions:
            self.error(
                number,
                "job_position",
                _("Unknown job position code “%(code)s”.") % {"code": position},
            )
        if (post or position) and is_blank(row.cells.get("start_date")):
            self.error(
                number, "start_date", _("Give the start date of the assignment.")
            )
        if start is not None and not (post or position):
            self.error(
                number,
                "start_date",
                _("Give a post code or a job position code for this assignment."),
            )
        if start is not None and values.get("birth_date") is not None:
            for code in assignment_problems(
                birth_date=values["birth_date"], start=start, end=None
            ):
                self.error(number, "start_date", messages.ASSIGNMENT[code])

    def apply(self) -> list[RowChange]:
        return [
            change for row in self.valid if (change := self._apply_row(row)) is not None
        ]

    def _apply_row(self, row: StaffRow) -> RowChange | None:
        # No savepoint of its own: each service rolls back its own writes when it
        # refuses, and any refusal rolls the whole file back (see runner.py).
        try:
            return self._write(row)
        except InvalidInput as error:
            self.problems.add_service_errors(row.number, self.columns, error.errors)
        except NotAllowed:
            self.error(row.number, "unit", unknown_unit_message(row.values["unit"]))
        return None

    def _write(self, row: StaffRow) -> RowChange:
        values = {k: v for k, v in row.values.items() if k in PERSON_KEYS}
        unit = self.units[values.pop("unit")]
        person = self.people.get(values["citizen_id"])
        change = RowChange(
            row=row.number,
            key=values["citizen_id"],
            label=values["full_name"],
            action="unchanged",
            changes=[],
        )
        if person is None:
            person = create_person(
                actor=self.actor, unit=unit, today=self.today, **values
            )
            self.people[person.citizen_id] = person
            change["action"] = "create"
        else:
            change["changes"] = self._update(person, unit, values)
        assigned = self._assign(person, unit, row.values)
        if assigned:
            change["changes"].append((_("Current assignment"), "", assigned))
        if change["changes"] and change["action"] == "unchanged":
            change["action"] = "update"
        return change

    def _update(
        self, person: Person, unit: Unit, values: dict[str, Any]
    ) -> list[tuple[str, str, str]]:
        wanted = {**values, "unit": unit}
        changed = {
            key: value for key, value in wanted.items() if getattr(person, key) != value
        }
        if not changed:
            return []
        before = {key: getattr(person, key) for key in changed}
        update_person(actor=self.actor, person=person, today=self.today, **changed)
        return self.describe(before, changed)

    def _assign(self, person: Person, unit: Unit, values: dict[str, Any]) -> str:
        """Add the row's assignment unless the person already has exactly this one.

        Return a description of the assignment added, or "" when none was.
        """
        post: Post | None = self.posts.get(values.get("post") or "")
        position: JobPosition | None = self.positions.get(
            values.get("job_position") or ""
        )
        start: date | None = values.get("start_date")
        if start is None or not (post or position):
            return ""
        key = (
            person.pk,
            unit.pk,
            post.pk if post else None,
            position.pk if position else None,
            start,
        )
        if key in self.assignments:
            return ""
        create_assignment(
            actor=self.actor,
            person=person,
            unit=unit,
            start_date=start,
            post=post,
            job_position=position,
        )
        self.assignments.add(key)
        titles = " · ".join(str(item) for item in (post, position) if item is not None)
        return f"{titles} · {unit.code} · {self.shown('start_date', start)}"
