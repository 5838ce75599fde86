"""Generate a year of published evaluations for the demo staff, with planted cases.

For the province under `root_path`: a published monthly period for each of the
twelve months before the month of `today`, one decided sheet per rated person
and month (task figures, general and task points, score, level, self-review,
reviewer and decider), a published year period with year sheets (with the
year's task figures) for the last complete year and the `Rates.past_years`
years before it (one sheet a person a year, for the trends across years), and
the units' own ratings of those years.

Bulk loading like the rest of `canbo generate`: ids are given in Python, rows are
written with `canbo.core.bulk.bulk_insert` (COPY on PostgreSQL) and no query is
made per person. The sheets' task figures are drawn for each person and month
(they are not added up from the generated tasks); the points, the score and the
level are worked out from them by the policy functions, so the sheets agree with
the rules. The output depends only on the seed, the data and `today`.

Known cases are planted at given rates (`Rates`) for the integrity analytics to
find: self-reviews copied from a colleague of the same unit and month with light
edits, repeated from the person's previous month, or copied from a department's
registered model text; lenient units whose levels are above what their task
figures support; uniform evaluators who give nearly everyone the same score;
evaluators who cut several general points off every self-assessment they
review (while the others lower a criterion by half a point or a point on some
sheets, each evaluator at their own rate); units whose annual levels rise
year after year while their task results do not (monthly levels untouched);
and heads whose "excellent" decisions favour people from their own hometown
(one head per `favouring_per_staff` staff, at least `favouring_heads`). What
was planted is returned in `Truth`, never stored in the database.
"""

from __future__ import annotations

import json
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from datetime import time as clock
from decimal import Decimal
from typing import Any

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max, Model

from canbo.accounts.models import User
from canbo.core.bulk import bulk_insert
from canbo.demo.generate import review_texts
from canbo.demo.generate.catalogue import POSITION_BY_CODE
from canbo.demo.generate.products import LEADERSHIP, OTHER, SHARED
from canbo.demo.generate.tasks import system_user
from canbo.evaluation.models import Period, Sheet, UnitRating
from canbo.integrity.models import TemplateText
from canbo.org.models import Unit
from canbo.people.models import Assignment, Person
from canbo.policy.levels import Level, apply_quota, classify
from canbo.policy.packs import GENERAL_CRITERIA, Category, pack_for
from canbo.policy.scoring import (
    OutcomeSums,
    leader_points_of,
    period_score,
    points_of,
)

RATED = ("can_bo", "cong_chuc", "vien_chuc")
MONTHS = 12
FIVE = Decimal("0.00001")
LEVELS_UP = {
    Level.KHTNV: Level.HTNV,
    Level.HTNV: Level.HTTNV,
    Level.HTTNV: Level.HTXSNV,
    Level.HTXSNV: Level.HTXSNV,
}
GENERATED_USER = "demo-{person}"  # inactive logins for the generated evaluators
REVIEW_REASONS = (
    "Điều chỉnh điểm tiêu chí theo kết quả thực hiện nhiệm vụ trong tháng.",
    "Chưa chủ động phối hợp với các đơn vị liên quan.",
)
UNIFORM_REASON = "Thống nhất mức điểm chung của đơn vị."
CUT_REASON = "Trừ điểm các tiêu chí chung: chưa đạt yêu cầu về ý thức, tác phong."
HALF = Decimal("0.5")
LEADER_PARTS = tuple(Decimal(x) for x in ("1.000", "1.000", "0.900", "0.800"))
DECIDED = Sheet.Status.DECIDED.value
# An inflating unit has this many people with a sheet in the first year: its
# trend is read on one annual sheet a person.
INFLATING_MIN_PEOPLE = 20


def _nothing(_message: str) -> None:
    return None


@dataclass(frozen=True)
class Rates:
    """How often each case is planted (shares of sheets, units or evaluators)."""

    copied: float = 0.03  # texts copied from a colleague, same unit and month
    repeated: float = 0.01  # texts repeated from the person's previous month
    template_departments: int = 1  # departments that circulate a model text
    template_share: float = 0.25  # of their staff's sheets, each month
    lenient_units: float = 0.05
    uniform_evaluators: float = 0.05
    favouring_heads: int = 3  # at least
    favouring_per_staff: int = 5000  # one favouring head per this many staff
    gap_evaluators: float = 0.03  # evaluators cutting 5–8 general points
    inflating_units: float = 0.03  # annual levels rising each year
    inflation_step: float = 0.4  # share raised one level more each year
    past_years: int = 2  # year sheets before the last complete year


@dataclass
class Truth:
    """What was planted, for a benchmark's precision and recall (ids)."""

    # (source sheet, copy sheet): same unit and month, light edits.
    copied_pairs: list[tuple[int, int]] = field(default_factory=list)
    # (previous month's sheet, sheet) of the same person.
    repeated_pairs: list[tuple[int, int]] = field(default_factory=list)
    # template text id -> the sheets copying it.
    template_sheets: dict[int, list[int]] = field(default_factory=dict)
    lenient_units: list[int] = field(default_factory=list)
    uniform_evaluators: list[int] = field(default_factory=list)  # user ids
    favouring_heads: list[int] = field(default_factory=list)  # user ids
    favoured_sheets: list[int] = field(default_factory=list)
    gap_evaluators: list[int] = field(default_factory=list)  # user ids
    inflating_units: list[int] = field(default_factory=list)


@dataclass
class EvaluationSummary:
    periods: int = 0
    sheets: int = 0
    year_sheets: int = 0
    unit_ratings: int = 0
    users: int = 0
    templates: int = 0
    seconds: float = 0.0
    truth: Truth = field(default_factory=Truth)


@dataclass
class Member:
    """A rated person, with who reviews and who decides their sheets."""

    person: int
    unit: int
    unit_path: str
    category: str
    name: str
    hometown: str
    position: str
    products: tuple[str, ...]
    since: date
    leader: bool
    ability: float
    reviewer: int = 0  # user ids
    decider: int = 0


@dataclass(frozen=True)
class General:
    """A set of general points: the JSON written and its total."""

    json: str
    total: Decimal
    lowered: int  # index of the same set with one criterion half a point lower


def month_starts(today: date, months: int = MONTHS) -> list[date]:
    """The first days of the `months` months before the month of `today`, oldest first."""
    year, month = today.year, today.month
    starts = []
    for _ in range(months):
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        starts.append(date(year, month, 1))
    return starts[::-1]


def _month_end(start: date) -> date:
    after = (
        date(start.year + 1, 1, 1)
        if start.month == 12
        else date(start.year, start.month + 1, 1)
    )
    return date.fromordinal(after.toordinal() - 1)


def _at(day: date, hour: int) -> object:
    return connection.ops.adapt_datetimefield_value(
        datetime.combine(day, clock(hour), tzinfo=UTC)
    )


def _at_least_one(rate: float, among: int) -> int:
    """A share of `among`, rounded, and at least one when the rate is not zero."""
    return max(1, round(rate * among)) if rate > 0 and among else 0


def _next_id(model: type[Model]) -> int:
    return int(model._default_manager.aggregate(m=Max("pk"))["m"] or 0) + 1


def generate_evaluations(
    *,
    seed: int,
    today: date,
    root_path: str,
    progress: Callable[[str], None] = _nothing,
    rates: Rates | None = None,
) -> EvaluationSummary:
    """Write a year of published evaluations for the staff under `root_path`.

    Call inside the generation's transaction; nothing is audited per row.
    """
    started = time.monotonic()
    rates = rates or Rates()
    rng = random.Random(seed * 104729 + 29)
    summary = EvaluationSummary()
    system = system_user()
    root = Unit.objects.get(path=root_path) if root_path else None
    if root is None:
        root = Unit.objects.filter(parent__isnull=True).order_by("pk").first()
    if root is None:
        return summary
    members, units = _members(rng, root.path)
    if not members:
        return summary
    summary.users = _assign_evaluators(members, units, system)
    writer = _Writer(rng, rates, members, units, system, summary.truth)
    writer.plant(first_year=today.year - 1 - max(0, rates.past_years))
    summary.templates = writer.templates(root)
    starts = month_starts(today)
    period_id = _next_id(Period)
    periods = []
    for start in starts:
        periods.append(
            _period(period_id, root, "month", start, _month_end(start), system)
        )
        period_id += 1
    last = today.year - 1
    years = list(range(last - max(0, rates.past_years), last + 1))
    for year in years:
        periods.append(
            _period(period_id, root, "year", date(year, 1, 1), date(year, 12, 31), system)
        )  # fmt: skip
        period_id += 1
    sheet_id = _next_id(Sheet)
    counts = []
    for row, start in zip(periods, starts, strict=False):
        rows = writer.month(row[0], start, sheet_id)
        sheet_id += len(rows)
        bulk_insert(Sheet, SHEET_COLUMNS, rows)
        counts.append(len(rows))
        summary.sheets += len(rows)
        progress(f"  evaluations {start:%m/%Y}: {len(rows):,} sheets")
    ratings = []
    for index, year in enumerate(years):
        year_rows, year_ratings = writer.year(
            periods[len(starts) + index][0], year, sheet_id, step=index
        )
        sheet_id += len(year_rows)
        bulk_insert(Sheet, SHEET_COLUMNS, year_rows)
        counts.append(len(year_rows))
        summary.year_sheets += len(year_rows)
        ratings += year_ratings
    for index, count in enumerate(counts):
        periods[index] = (*periods[index][:10], count, count, *periods[index][12:])
    bulk_insert(Period, PERIOD_COLUMNS, periods)
    bulk_insert(UnitRating, RATING_COLUMNS, ratings)
    summary.periods, summary.unit_ratings = len(periods), len(ratings)
    _reset_sequences()
    summary.seconds = time.monotonic() - started
    progress(
        f"  evaluations: {summary.sheets:,} month sheets, {summary.year_sheets:,} "
        f"year sheets ({summary.seconds:.1f} s)"
    )
    return summary


PERIOD_COLUMNS = (
    "id", "unit", "unit_path", "kind", "start", "end", "status", "self_deadline",
    "review_deadline", "decision_deadline", "sheets_total", "sheets_done",
    "opened_by", "opened_at", "published_at", "version", "minutes", "minutes_name",
)  # fmt: skip
SHEET_COLUMNS = (
    "id", "period", "person", "unit", "unit_path", "pack", "is_leader", "status",
    "version", "self_points", "self_comments", "self_review", "submitted_at",
    "review_points", "review_reason", "proposed_level", "reviewed_by", "reviewed_at",
    "assigned", "completed", "quality", "progress", "failed_reviews", "delays",
    "unit_result", "organise", "unite", "general_points", "task_points", "score",
    "level", "months_worked", "reasons", "decision_note", "decided_by", "decided_at",
)  # fmt: skip
RATING_COLUMNS = (
    "unit", "year", "score", "level", "needs_decision", "recognised_excellent",
    "decision_ref", "decided_by", "decided_at",
)  # fmt: skip


def _period(
    pk: int, root: Unit, kind: str, start: date, end: date, system: int
) -> tuple[Any, ...]:
    after = date.fromordinal(end.toordinal() + 1)
    due = [date(after.year, after.month, day) for day in (5, 8, 10)]
    return (
        pk, root.pk, root.path, kind, start, end, Period.Status.PUBLISHED.value,
        due[0], due[1], due[2], 0, 0, system, _at(start, 8), _at(due[2], 16), 4, "", "",
    )  # fmt: skip


def _members(rng: random.Random, root_path: str) -> tuple[list[Member], dict[int, Any]]:
    """The rated people under `root_path` with their current primary assignment,
    and the units ({id: (parent, kind, path, head person)})."""
    units: dict[int, Any] = {
        pk: [parent, kind, path, None, 0]
        for pk, parent, kind, path in Unit.objects.filter(
            path__startswith=root_path
        ).values_list("pk", "parent_id", "kind", "path")
    }
    # Two plain reads joined in Python: one join over both big tables, filtered on
    # the path, was planned badly on a freshly loaded PostgreSQL (minutes).
    people = {
        row[0]: row[1:]
        for row in Person.objects.filter(
            unit_path__startswith=root_path, is_active=True, category__in=RATED
        ).values_list("pk", "unit_id", "unit_path", "category", "full_name", "hometown")
    }
    held = (
        Assignment.objects.filter(end_date__isnull=True, is_primary=True)
        .order_by("person_id", "-start_date", "pk")
        .values_list("person_id", "job_position__code", "job_position__name",
                     "post__name", "post__rank", "post__is_leadership", "start_date")
    )  # fmt: skip
    rows: list[tuple[Any, ...]] = sorted(
        (
            (people[person][0], person, *people[person][1:], *rest)
            for person, *rest in held.iterator(chunk_size=20000)
            if person in people
        ),
        key=lambda row: (row[0], row[1]),
    )  # stable: the newest assignment first
    members, seen = [], set()
    for (unit, person, path, category, name, hometown, code, position, post, rank,
         leads, since) in rows:  # fmt: skip
        if person in seen:
            continue
        seen.add(person)
        if leads and rank > units[unit][4]:
            units[unit][3], units[unit][4] = person, rank
        low = rng.random() < 0.03
        ability = rng.gauss(0.55, 0.1) if low else rng.gauss(0.78, 0.07)
        members.append(
            Member(
                person,
                unit,
                path,
                category,
                name,
                hometown or "",
                (post or position or "chuyên viên").lower(),
                _products(rng, code, bool(leads)),
                since,
                bool(leads),
                min(1.0, max(0.3, ability)),
            )
        )
    return members, units


def _products(rng: random.Random, code: str | None, leads: bool) -> tuple[str, ...]:
    position = POSITION_BY_CODE.get(code or "")
    skills = (
        position.skills if position and position.skills else ("Nghiệp vụ chuyên môn",)
    )
    pool = [p.name for p in (*(LEADERSHIP if leads else ()), *SHARED, *OTHER)]
    pool += [f"{skill}: xử lý hồ sơ, vụ việc" for skill in skills]
    return tuple(rng.sample(pool, 4))


def _agency(unit: int, units: dict[int, Any]) -> int:
    """The unit whose head decides: a division's parent, else the unit itself."""
    parent, kind = units[unit][0], units[unit][1]
    return int(parent) if kind == Unit.Kind.DIVISION and parent in units else unit


def _head_above(unit: int, units: dict[int, Any], person: int) -> int | None:
    """The head of `unit`, or of the nearest unit above when that is `person`."""
    while unit in units:
        head = units[unit][3]
        if head is not None and head != person:
            return int(head)
        unit = units[unit][0]
    return None


def _assign_evaluators(
    members: list[Member], units: dict[int, Any], system: int
) -> int:
    """Set each member's reviewer (the head of their unit, or above for the head)
    and decider (the head of their agency, or above); create an inactive login for
    each evaluator without one. Return how many logins were created."""
    chosen: dict[int, tuple[int | None, int | None]] = {}
    for member in members:
        reviewer = _head_above(member.unit, units, member.person)
        decider = _head_above(_agency(member.unit, units), units, member.person)
        chosen[member.person] = (reviewer, decider or reviewer)
    needed = {p for pair in chosen.values() for p in pair if p is not None}
    logins = dict(
        User.objects.filter(person_id__in=needed).values_list("person_id", "pk")
    )
    names = dict(Person.objects.filter(pk__in=needed).values_list("pk", "full_name"))
    new = []
    for person in sorted(needed - set(logins)):
        words = names.get(person, "").split()
        new.append(
            User(
                username=GENERATED_USER.format(person=person), password="!",  # noqa: S106 (unusable)
                is_active=False, person_id=person,
                last_name=" ".join(words[:-1]), first_name=words[-1] if words else "",
            )
        )  # fmt: skip
    User.objects.bulk_create(new, batch_size=2000)
    if new:
        logins.update(
            User.objects.filter(person_id__in=[u.person_id for u in new]).values_list(
                "person_id", "pk"
            )
        )
    for member in members:
        reviewer, decider = chosen[member.person]
        member.reviewer = logins.get(reviewer, system) if reviewer else system
        member.decider = logins.get(decider, system) if decider else system
    return len(new)


def _general_sets(rng: random.Random) -> list[General]:
    """Sets of general points a person gives themselves: mostly the maximum, a
    half or one point less on a few criteria; each with its set lowered once more."""
    sets: list[General] = []
    for index in range(120):
        drop = index % 6  # criteria below the maximum
        points = {c.code: c.points for c in GENERAL_CRITERIA}
        for code in rng.sample(sorted(points), drop):
            points[code] -= Decimal("0.5") * rng.choice((1, 1, 2))
        sets.append(_general(points, len(sets) + 1))
        lower = dict(points)
        code = rng.choice(sorted(lower))
        lower[code] = max(Decimal(0), lower[code] - Decimal("0.5"))
        sets.append(_general(lower, len(sets)))
    return sets


def _general(points: dict[str, Decimal], lowered: int) -> General:
    text = json.dumps({code: str(value) for code, value in points.items()})
    return General(text, sum(points.values(), Decimal(0)), lowered)


class _Writer:
    """Draws the planted cases, then each month's and the year's rows."""

    def __init__(
        self,
        rng: random.Random,
        rates: Rates,
        members: list[Member],
        units: dict[int, Any],
        system: int,
        truth: Truth,
    ) -> None:
        self.rng, self.rates, self.members, self.units = rng, rates, members, units
        self.system, self.truth = system, truth
        self.generals = _general_sets(rng)
        self.uniform_general = self.generals[2 * 3]  # three criteria below the maximum
        self.by_unit: dict[int, list[Member]] = defaultdict(list)
        for member in members:
            self.by_unit[member.unit].append(member)
        self.lenient: set[int] = set()
        self.uniform: set[int] = set()
        self.favouring: set[int] = set()
        self.template_of: dict[int, tuple[int, str]] = {}  # person -> template
        self.previous: dict[int, tuple[int, str]] = {}  # person -> (sheet, text)
        self.packs: dict[tuple[str, date], str] = {}
        self.head_town: dict[int, str] = {}
        self.gap: dict[int, float] = {}  # evaluator -> points cut a sheet
        self.strictness: dict[int, float] = {}  # evaluator -> share of sheets lowered
        self.cuts: dict[tuple[int, int], General] = {}
        self.inflating: set[int] = set()
        # (person, year) -> the months' assigned, done, quality, progress
        self.sums: dict[tuple[int, int], list[Decimal]] = {}

    def plant(self, *, first_year: int) -> None:
        rng, rates = self.rng, self.rates
        staffed = sorted(u for u, people in self.by_unit.items() if len(people) >= 3)
        count = round(rates.lenient_units * len(staffed))
        self.lenient = set(rng.sample(staffed, min(count, len(staffed))))
        reviewees: dict[int, int] = defaultdict(int)
        for member in self.members:
            reviewees[member.reviewer] += 1
        evaluators = sorted(
            u for u, n in reviewees.items() if n >= 3 and u != self.system
        )
        count = round(rates.uniform_evaluators * len(evaluators))
        self.uniform = set(rng.sample(evaluators, min(count, len(evaluators))))
        # Ordinary reviews lower a criterion by half a point on some sheets, each
        # evaluator at their own rate (15 % of the sheets on average).
        self.strictness = {u: rng.uniform(0.02, 0.28) for u in evaluators}
        self._plant_favouring()
        self._plant_gap(evaluators)
        since = date(first_year, 1, 1)
        large = sorted(
            u
            for u, people in self.by_unit.items()
            if sum(1 for m in people if m.since <= since) >= INFLATING_MIN_PEOPLE
            and u not in self.lenient
            and not any(m.decider in self.favouring for m in people)
        )
        count = _at_least_one(rates.inflating_units, len(staffed))
        self.inflating = set(rng.sample(large, min(count, len(large))))
        self.truth.lenient_units = sorted(self.lenient)
        self.truth.uniform_evaluators = sorted(self.uniform)
        self.truth.inflating_units = sorted(self.inflating)

    def _plant_gap(self, evaluators: list[int]) -> None:
        """Evaluators who take 5–8 general points off every self-assessment, outside
        the uniform evaluators, the lenient units and the favouring heads' people."""
        blocked = {
            m.reviewer
            for m in self.members
            if m.unit in self.lenient or m.decider in self.favouring
        }
        eligible = [u for u in evaluators if u not in self.uniform | blocked]
        count = min(
            len(eligible), _at_least_one(self.rates.gap_evaluators, len(evaluators))
        )
        chosen = sorted(self.rng.sample(eligible, count))
        self.gap = {u: self.rng.uniform(5, 8) for u in chosen}
        self.truth.gap_evaluators = chosen

    def _cut(self, own: int, halves: int) -> General:
        """The general points set `own` with `halves` half points taken off."""
        key = (own, halves)
        if key not in self.cuts:
            points = {
                code: Decimal(value)
                for code, value in json.loads(self.generals[own].json).items()
            }
            for _ in range(halves):
                left = sorted(code for code, value in points.items() if value > 0)
                if not left:
                    break
                points[self.rng.choice(left)] -= HALF
            self.cuts[key] = _general(points, own)
        return self.cuts[key]

    def _plant_favouring(self) -> None:
        """Heads deciding on eight to twenty people from their own hometown (a
        pattern, not the whole unit; in a small province, the fewest), outside
        the lenient units and the uniform evaluators: one head per
        `favouring_per_staff` rated staff, at least `favouring_heads`. Fewer
        townsfolk make no pattern a test could tell from chance: with five or
        six of them among a hundred people a third of whom are rated excellent
        (at 20,000 staff, one planted head had 4 of 6 chosen against 1.7
        expected, p 0.055 before any adjustment)."""
        hometown = {m.person: m.hometown for m in self.members}
        users = dict(
            User.objects.filter(
                pk__in={m.decider for m in self.members}, person__isnull=False
            ).values_list("pk", "person_id")
        )
        matches: dict[int, int] = defaultdict(int)
        for member in self.members:
            head = users.get(member.decider)
            if (
                head is None
                or member.unit in self.lenient
                or member.decider in self.uniform
            ):
                continue
            if member.hometown and hometown.get(head, "") == member.hometown:
                matches[member.decider] += 1
        wanted = self.rates.favouring_heads
        if self.rates.favouring_per_staff > 0:
            wanted = max(wanted, len(self.members) // self.rates.favouring_per_staff)
        eligible = sorted(u for u, n in matches.items() if 8 <= n <= 20)
        if not eligible:  # a small province: the heads with the fewest
            eligible = sorted((u for u, n in matches.items() if n >= 8),
                              key=lambda u: (matches[u], u))[:wanted]  # fmt: skip
        if len(eligible) < wanted:  # a large province: hometowns spread thin
            eligible += self._settle_townsfolk(
                wanted - len(eligible), users, matches, taken=set(eligible)
            )
        count = min(wanted, len(eligible))
        self.favouring = set(self.rng.sample(eligible, count))
        self.truth.favouring_heads = sorted(self.favouring)
        hometown = {m.person: m.hometown for m in self.members}
        self.head_town = {u: hometown.get(users[u], "") for u in self.favouring}

    def _settle_townsfolk(
        self, count: int, users: dict[int, int], matches: dict[int, int],
        *, taken: set[int],
    ) -> list[int]:  # fmt: skip
        """Heads deciding on forty people or more, each given eight to twenty of
        them (a third at most) from their own hometown, stored on those people:
        in a province of hundreds of communes, few heads have that many
        townsfolk by chance. Return the heads."""
        towns = {m.person: m.hometown for m in self.members}
        decided: dict[int, list[Member]] = defaultdict(list)
        for member in self.members:
            head = users.get(member.decider)
            if (
                head is not None and towns.get(head) and member.person != head
                and member.unit not in self.lenient and member.decider not in self.uniform
            ):  # fmt: skip
                decided[member.decider].append(member)
        heads = sorted(u for u, people in decided.items() if len(people) >= 40)
        heads = [u for u in heads if u not in taken]
        chosen = self.rng.sample(heads, min(count, len(heads)))
        moved: dict[str, list[int]] = defaultdict(list)
        for head in chosen:
            town = towns[users[head]]
            others = [m for m in decided[head] if m.hometown != town]
            settled = min(self.rng.randint(8, 20), len(decided[head]) // 3)
            wanted = max(0, settled - matches.get(head, 0))
            for member in self.rng.sample(others, min(wanted, len(others))):
                member.hometown = town
                moved[town].append(member.person)
        for town, people in moved.items():
            Person.objects.filter(pk__in=people).update(hometown=town)
        return sorted(chosen)

    def templates(self, root: Unit) -> int:
        """Register the model texts of some departments; choose who copies them."""
        departments = list(
            Unit.objects.filter(path__startswith=root.path, kind=Unit.Kind.DEPARTMENT)
            .order_by("pk")
            .values_list("pk", "path")
        )
        if not departments:
            return 0
        chosen = self.rng.sample(
            departments, min(self.rates.template_departments, len(departments))
        )
        next_id = _next_id(TemplateText)
        rows = []
        for index, (unit, path) in enumerate(chosen):
            text = review_texts.TEMPLATES[index % len(review_texts.TEMPLATES)]
            head = self.units[unit][3]
            rows.append((next_id, unit, path, "Mẫu tự nhận xét, đánh giá hằng tháng",
                         text, _at(date(2025, 1, 5), 9), head and self._login(head)))  # fmt: skip
            self.truth.template_sheets[next_id] = []
            for member in self.members:
                if member.unit_path.startswith(path):
                    self.template_of[member.person] = (next_id, text)
            next_id += 1
        columns = (
            "id",
            "unit",
            "unit_path",
            "title",
            "text",
            "created_at",
            "created_by",
        )
        bulk_insert(TemplateText, columns, rows)
        return len(rows)

    def _login(self, person: int) -> int | None:
        found = (
            User.objects.filter(person_id=person).values_list("pk", flat=True).first()
        )
        return int(found) if found is not None else None

    def _pack(self, category: str, day: date) -> str:
        key = (category, day)
        if key not in self.packs:
            self.packs[key] = pack_for(Category(category), day).code
        return self.packs[key]

    def month(self, period: int, start: date, first_id: int) -> list[tuple[Any, ...]]:
        """One period's sheets, unit by unit, with the planted texts."""
        end = _month_end(start)
        after = date.fromordinal(end.toordinal() + 1)
        stamps = (_at(after.replace(day=3), 10), _at(after.replace(day=7), 14),
                  _at(after.replace(day=9), 16))  # fmt: skip
        label = f"{start.month}/{start.year}"
        rows: list[tuple[Any, ...]] = []
        texts: dict[int, str] = {}
        sheet_id = first_id
        for people in self.by_unit.values():
            written: list[tuple[int, Member, str]] = []
            for member in people:
                if member.since > end:
                    continue
                row, text = self._sheet(sheet_id, period, member, start, label, stamps)
                rows.append(row)
                written.append((sheet_id, member, text))
                sheet_id += 1
            self._plant_texts(written, texts)
        current: dict[int, tuple[int, str]] = {}
        final = []
        for row in rows:
            text = texts.get(row[0], row[11])
            current[row[2]] = (row[0], text)
            final.append((*row[:11], text, *row[12:]))
        self.previous = current
        return final

    def _plant_texts(
        self, written: list[tuple[int, Member, str]], texts: dict[int, str]
    ) -> None:
        """Replace some honest texts by copies (colleague, previous month, template)."""
        rng, rates = self.rng, self.rates
        copied: set[int] = set()
        kept: set[int] = set()  # the sources of copies keep their own texts
        for sheet, member, _text in written:
            if sheet in kept:
                continue
            roll = rng.random()
            sources = (
                [w for w in written if w[0] != sheet and w[0] not in copied]
                if roll < rates.copied
                else []
            )
            if sources:
                source = rng.choice(sources)
                texts[sheet] = review_texts.edit_copy(
                    rng, source[2], source_name=source[1].name, name=member.name
                )
                copied.add(sheet)
                kept.add(source[0])
                self.truth.copied_pairs.append((source[0], sheet))
            elif (
                roll < rates.copied + rates.repeated and member.person in self.previous
            ):
                before, text = self.previous[member.person]
                texts[sheet] = text
                copied.add(sheet)
                self.truth.repeated_pairs.append((before, sheet))
            elif (
                member.person in self.template_of
                and rng.random() < rates.template_share
            ):
                template, text = self.template_of[member.person]
                facts = review_texts.Facts(member.name, "", "", 0, 0, 0, 0, (), "")
                texts[sheet] = review_texts.from_template(rng, text, facts)
                copied.add(sheet)
                self.truth.template_sheets[template].append(sheet)

    def _sheet(
        self,
        pk: int,
        period: int,
        member: Member,
        start: date,
        label: str,
        stamps: tuple[object, object, object],
    ) -> tuple[tuple[Any, ...], str]:
        rng = self.rng
        uniform = member.reviewer in self.uniform and rng.random() < 0.9
        tasks = 5 + int(rng.random() * 8)
        assigned = Decimal(str(round(tasks * (0.8 + 0.5 * rng.random()), 2)))
        failed = delays = 0
        if uniform:
            done = quality = progress = (assigned * Decimal("0.85")).quantize(FIVE)
        else:
            ratio = min(1.0, max(0.0, member.ability + rng.gauss(0, 0.05)))
            finished = min(tasks, round(tasks * ratio))
            done = (assigned * Decimal(str(round(ratio, 4)))).quantize(FIVE)
            # About a binomial draw, in one random number each.
            failed = int(finished * (1.1 - ratio) * 0.3 + rng.random())
            delays = int(finished * (1.1 - ratio) * 0.25 + rng.random())
            share = assigned / tasks * Decimal("0.25")
            quality = max(Decimal(0), done - share * failed).quantize(FIVE)
            progress = max(Decimal(0), done - share * delays).quantize(FIVE)
        sums = OutcomeSums(assigned, done, quality, progress)
        kept = self.sums.setdefault((member.person, start.year), [Decimal(0)] * 4)
        for index, value in enumerate((assigned, done, quality, progress)):
            kept[index] += value
        parts: tuple[Decimal | None, ...] = (None, None, None)
        if member.leader:
            parts = (
                (Decimal("0.9"),) * 3
                if uniform
                else tuple(review_texts.pick(rng, LEADER_PARTS) for _ in range(3))
            )
            task = leader_points_of(
                sums, unit_result=float(parts[0] or 0), organise=float(parts[1] or 0),
                unite=float(parts[2] or 0),
            )  # fmt: skip
        else:
            task = points_of(sums)
        chosen = min(len(self.generals) - 1, int(rng.random() * len(self.generals)))
        own = self.generals[chosen]
        reason = ""
        if uniform:
            reviewed = self.uniform_general
            reason = UNIFORM_REASON if reviewed.json != own.json else ""
        elif member.reviewer in self.gap and rng.random() < 0.9:
            cut = self.gap[member.reviewer] + rng.gauss(0, 0.75)
            reviewed = self._cut(chosen, max(2, round(cut * 2)))
            reason = CUT_REASON
        elif rng.random() < self.strictness.get(member.reviewer, 0.15):
            reviewed = self.generals[own.lowered]
            reason = rng.choice(REVIEW_REASONS) if reviewed.json != own.json else ""
        else:
            reviewed = own
        score = Decimal(str(period_score(float(reviewed.total), task)))
        level, favoured = self._planted_level(
            member, classify(float(score)), monthly=True
        )
        if favoured:
            self.truth.favoured_sheets.append(pk)
        facts = review_texts.Facts(
            member.name, member.position, label, tasks, round(tasks * float(done / assigned)),
            failed, delays, member.products, LEVELS_UP[level] if rng.random() < 0.2 else level,
        )  # fmt: skip
        text = review_texts.compose(rng, facts)
        row = (
            pk, period, member.person, member.unit, member.unit_path,
            self._pack(member.category, start), member.leader,
            DECIDED, 4, own.json, "{}", text, stamps[0],
            reviewed.json, reason, level.value, member.reviewer, stamps[1],
            assigned, done, quality, progress, failed, delays, *parts,
            reviewed.total, Decimal(str(task)), score, level.value, None, "[]", "",
            member.decider, stamps[2],
        )  # fmt: skip
        return row, text

    def _planted_level(
        self, member: Member, level: Level, *, monthly: bool
    ) -> tuple[Level, bool]:
        """The level as decided, raised in a lenient unit or by a favouring head
        (then True)."""
        if member.unit in self.lenient and self.rng.random() < 0.85:
            return LEVELS_UP[level], False
        if (
            member.decider in self.favouring
            and member.hometown
            and member.hometown == self.head_town.get(member.decider)
            and level == Level.HTTNV
            and (not monthly or self.rng.random() < 0.7)
        ):
            return Level.HTXSNV, True
        return level, False

    def year(
        self, period: int, year: int, first_id: int, *, step: int = 0
    ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        """The year sheets (everyone in service since January) and unit ratings.

        The task figures are the sums of the person's monthly sheets of the year
        where some were generated, else drawn for the year; before the last
        year each person's ability drifts a little. An inflating unit raises a
        share `inflation_step × step` of its levels by one (step 0 the first
        year generated).
        """
        rng = self.rng
        end = date(year, 12, 31)
        stamp = _at(date(year + 1, 1, 15), 16)
        rows: list[tuple[Any, ...]] = []
        ratings = []
        sheet_id = first_id
        inflate = self.rates.inflation_step * step
        for unit, people in self.by_unit.items():
            present = [m for m in people if m.since <= date(year, 1, 1)]
            if not present:
                continue
            abilities = [
                m.ability
                if (m.person, year) in self.sums
                else min(1.0, max(0.3, m.ability + rng.gauss(0, 0.02)))
                for m in present
            ]
            scores = [
                min(100.0, round(27.5 + 70 * ability + rng.gauss(0, 1.5), 2))
                for ability in abilities
            ]
            levels = apply_quota(scores, [classify(s) for s in scores])
            unscored = [classify(s) for s in scores]
            for member, ability, score, level, plain in zip(
                present, abilities, scores, levels, unscored, strict=True
            ):
                decided, favoured = self._planted_level(member, level, monthly=False)
                if favoured:
                    self.truth.favoured_sheets.append(sheet_id)
                if unit in self.inflating and rng.random() < inflate:
                    decided = LEVELS_UP[decided]
                figures = self._year_figures(member.person, year, ability)
                task = Decimal(str(points_of(OutcomeSums(*figures))))
                reasons = '["quota"]' if level != plain else "[]"
                rows.append((
                    sheet_id, period, member.person, member.unit, member.unit_path,
                    self._pack(member.category, end), member.leader,
                    Sheet.Status.DECIDED.value, 2, "{}", "{}", "", None, "{}", "",
                    decided.value, None, None, *figures, 0, 0, None, None, None,
                    None, task, Decimal(str(score)), decided.value, 12, reasons, "",
                    member.decider, stamp,
                ))  # fmt: skip
                sheet_id += 1
            mean = round(sum(scores) / len(scores), 2)
            head = self.units[unit][3]
            decider = next(
                (m.decider for m in present if m.person == head), self.system
            )
            ratings.append((
                unit, year, Decimal(str(mean)), classify(mean).value, False, False,
                f"{rng.randint(10, 400)}/QĐ-UBND", decider, stamp,
            ))  # fmt: skip
        return rows, ratings

    def _year_figures(
        self, person: int, year: int, ability: float
    ) -> tuple[Decimal, Decimal, Decimal, Decimal]:
        """Assigned, done, quality and progress of a person's year."""
        kept = self.sums.get((person, year))
        if kept is not None:
            return kept[0], kept[1], kept[2], kept[3]
        rng = self.rng
        assigned = Decimal(str(round(102 * (0.8 + 0.5 * rng.random()), 2)))
        ratio = min(1.0, max(0.0, ability + rng.gauss(0, 0.02)))
        done = assigned * Decimal(str(round(ratio, 4)))
        slack = assigned * Decimal(str(round(1.1 - ratio, 4)))
        quality = max(Decimal(0), done - slack * Decimal("0.075"))
        progress = max(Decimal(0), done - slack * Decimal("0.0625"))
        return (assigned, done.quantize(FIVE), quality.quantize(FIVE),
                progress.quantize(FIVE))  # fmt: skip


def _reset_sequences() -> None:
    models: Iterable[type[Model]] = (Period, Sheet, TemplateText, UnitRating)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)
