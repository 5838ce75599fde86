"""Regular salary raises: each person's next raise with its delays, and the raises
due in a quarter (canbo.policy.salary on the facts read here, set-based).

The facts: the years rated "Không hoàn thành nhiệm vụ" on published annual sheets
(canbo/evaluation) and the decided discipline. The quarter's list narrows the
candidates in SQL by the step date (the regular date falls in the quarter, or
before it by at most LOOKBACK_MONTHS for people with a delaying fact), then
applies the delays in Python to those candidates only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from typing import Any, overload

from django.db.models import Q, QuerySet

from canbo.core.actor import Actor
from canbo.discipline.models import Discipline
from canbo.evaluation.models import Period, Sheet
from canbo.org.models import Unit
from canbo.people.models import Person
from canbo.people.selectors import people_visible_to
from canbo.policy.access import Capability
from canbo.policy.discipline import Form, add_months
from canbo.policy.levels import Level
from canbo.policy.salary import INTERVALS, NextRaise, delays_in_step, next_raise

# How far before the quarter a regular date may lie and still be pushed into it
# by delays (e.g. cách chức + two KHTNV years = 24 months).
LOOKBACK_MONTHS = 36


@dataclass(frozen=True)
class Facts:
    khtnv_years: tuple[int, ...] = ()
    decisions: tuple[tuple[Form, date], ...] = ()


def _khtnv_sheets() -> QuerySet[Sheet]:
    return Sheet.objects.filter(
        level=Level.KHTNV,
        period__kind=Period.Kind.YEAR,
        period__status=Period.Status.PUBLISHED,
    )


def _decided() -> QuerySet[Discipline]:
    return Discipline.objects.filter(stage=Discipline.Stage.DECIDED).exclude(form="")


def facts_for(people: QuerySet[Person] | Iterable[int]) -> dict[int, Facts]:
    """The KHTNV years and decided discipline of each person (two queries)."""
    ids: Any = people.values("pk") if isinstance(people, QuerySet) else list(people)
    years: dict[int, list[int]] = defaultdict(list)
    for person_id, start in (
        _khtnv_sheets()
        .filter(person_id__in=ids)
        .values_list("person_id", "period__start")
    ):
        years[person_id].append(start.year)
    decisions: dict[int, list[tuple[Form, date]]] = defaultdict(list)
    rows = (
        _decided()
        .filter(person_id__in=ids)
        .values_list("person_id", "form", "decision_date")
    )
    for person_id, form, decided in rows:
        if decided is not None:  # a decided record always has its date
            decisions[person_id].append((Form(form), decided))
    return {
        pk: Facts(tuple(years.get(pk, ())), tuple(decisions.get(pk, ())))
        for pk in set(years) | set(decisions)
    }


def raise_for(
    since: date, interval: int, category: str, facts: Facts | None
) -> NextRaise:
    facts = facts or Facts()
    delays, dismissed = delays_in_step(
        step_since=since, category=category,
        khtnv_years=facts.khtnv_years, decisions=facts.decisions,
    )  # fmt: skip
    return next_raise(since, interval, delays, dismissed=dismissed)


def next_raise_of(person: Person) -> NextRaise | None:
    """The person's next regular raise, or None without a step date."""
    if person.salary_step_since is None or person.category == Person.Category.CONTRACT:
        return None
    facts = facts_for([person.pk]).get(person.pk)
    return raise_for(
        person.salary_step_since, person.salary_interval_months, person.category, facts
    )


@dataclass(frozen=True)
class Due:
    """One raise due in the window; its explanation is worked out only when read
    (a page shows 25 of the thousands due in a province's quarter)."""

    person_id: int
    due: date
    since: date
    interval: int
    category: str
    facts: Facts | None

    @cached_property
    def next(self) -> NextRaise:
        return raise_for(self.since, self.interval, self.category, self.facts)


def _regular(start: date, after: date) -> Q:
    """People whose regular date falls in [start, after): one index range per interval."""
    query = Q(pk__in=[])
    for months in INTERVALS:
        low, high = add_months(start, -months), add_months(after, -months)
        query |= Q(
            salary_interval_months=months,
            salary_step_since__gte=low,
            salary_step_since__lt=high,
        )
    return query


def _lookback(start: date) -> Q:
    """People whose regular date lies up to LOOKBACK_MONTHS before `start`, whom a
    fact may push into the window (asked of the few people with a fact)."""
    query = Q(pk__in=[])
    for months in INTERVALS:
        low = add_months(start, -months)
        early = add_months(start, -months - LOOKBACK_MONTHS)
        query |= Q(
            salary_interval_months=months,
            salary_step_since__gte=early,
            salary_step_since__lt=low,
        )
    return query


_Row = tuple[date, str, int, date, int, str, "Facts | None"]


class DueList(Sequence[Due]):
    """The raises due, sorted; a `Due` is made only for the rows read (a page)."""

    def __init__(self, rows: list[_Row]) -> None:
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Due: ...
    @overload
    def __getitem__(self, index: slice) -> list[Due]: ...
    def __getitem__(self, index: int | slice) -> Due | list[Due]:
        if isinstance(index, slice):
            return [_due(row) for row in self._rows[index]]
        return _due(self._rows[index])


def _due(row: _Row) -> Due:
    day, _name, pk, since, interval, category, facts = row
    return Due(pk, day, since, interval, category, facts)


COLUMNS = ("pk", "salary_step_since", "salary_interval_months", "category", "sort_name")


def raises_due(
    actor: Actor, *, start: date, end: date, unit: Unit | None = None
) -> DueList:
    """The regular raises due from `start` to `end` (inclusive) for the people in
    the actor's scope (VIEW_CAREERS), optionally under `unit`, by due date."""
    people = people_visible_to(actor, Capability.VIEW_CAREERS).filter(
        is_active=True, salary_step_since__isnull=False
    )
    people = people.exclude(category=Person.Category.CONTRACT)
    if unit is not None:
        people = people.filter(unit_path__pathprefix=unit.path)
    after = date.fromordinal(end.toordinal() + 1)
    delayed = Q(pk__in=_khtnv_sheets().values("person_id")) | Q(
        pk__in=_decided().values("person_id")
    )
    # Two index-friendly reads: the regular window, and the lookback of the few
    # people with a delaying fact (one read of both would scan every record).
    rows = list(people.filter(_regular(start, after)).values_list(*COLUMNS))
    rows += people.filter(_lookback(start) & delayed).values_list(*COLUMNS)
    with_facts = set(_decided().values_list("person_id", flat=True))
    with_facts |= set(_khtnv_sheets().values_list("person_id", flat=True))
    facts = facts_for([row[0] for row in rows if row[0] in with_facts]) if rows else {}
    due: list[_Row] = []
    for pk, since, interval, category, sort_name in rows:
        known = facts.get(pk)
        day: date | None
        if known is None:  # without a delaying fact the due date is the regular one
            day = _regular_date(since, interval)
        else:
            day = raise_for(since, interval, category, known).due
        if day is not None and start <= day <= end:
            due.append((day, sort_name, pk, since, interval, category, known))
    due.sort(key=lambda row: (row[0], row[1], row[2]))
    return DueList(due)


@lru_cache(maxsize=4096)
def _regular_date(since: date, interval: int) -> date:
    """The regular date (thousands of people share a step date: computed once)."""
    return add_months(since, interval)
