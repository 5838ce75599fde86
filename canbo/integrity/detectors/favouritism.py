"""Favouritism signals: for the excellent ratings a head decided, and the
planning candidates added and appointments proposed or approved under a head,
the share of people sharing the head's hometown or surname against that share
among the people eligible, with an exact one-sided test
(canbo.policy.favouritism). Shown only to VIEW_FAVOURITISM (the findings name
the head).

Who decides, and who was eligible:
- Excellent ratings: the deciding head is `Sheet.decided_by`; the eligible are
  the distinct people whose sheets of the year that head decided, the decisions
  the people among them rated excellent on at least half of those sheets (one
  excellent month among twelve is not a choice of the head's; twelve
  excellent months of one person are one decision, not twelve)
  (hypergeometric: the decisions are drawn from the pool), compared within
  KPI strata: the level each person's mean task points over those sheets
  support (an exact stratified test).
- Planning candidates added in the year (`PlanningCandidate.added_on`) and
  appointments (first, to a higher or to an equal post) whose process started
  in the year, proposed or approved: the deciding head is the head of the unit
  above the pool's or appointment's unit (the level that decides a unit's
  leaders, simplified), the eligible are the staff in service in that head's
  unit and its subtree (binomial at their share: candidates may come from
  outside). Decisions on the run's root unit itself are left to a run on the
  unit above.

The p-values of all the tests of a run are adjusted together
(Benjamini–Hochberg) before the threshold is applied.

Set-based: one grouped query per kind of decision, one query for the heads, and
one pass over the staff of the scope (id, unit path, hometown, name) for the
eligible pools of the heads with enough decisions.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Avg, Case, Count, IntegerField, Sum, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.accounts.models import User
from canbo.appointments.models import Appointment
from canbo.evaluation.models import Sheet
from canbo.integrity.detectors import Threshold
from canbo.integrity.detectors.lenient import (
    SIGNAL,
    UnitRow,
    decimal,
    number,
    percent,
    scope_units,
    unit_heads,
)
from canbo.integrity.models import Detector, Finding, Run
from canbo.org.models import PATH_STEP
from canbo.people.models import Person
from canbo.planning.models import PlanningCandidate
from canbo.policy.favouritism import (
    FavouritismPolicy,
    Signal,
    Stratum,
    adjusted,
    favouritism_test,
    place_key,
    policy_from,
    stratified_test,
    surname_key,
)
from canbo.policy.leniency import kpi_level
from canbo.policy.levels import Level

SEGMENT = PATH_STEP + 1  # "00000001."
KINDS = {
    "excellent": gettext_lazy("people rated excellent"),
    "planning": gettext_lazy("planning candidates added"),
    "appointment": gettext_lazy("appointments proposed or approved"),
}
TRAITS = {"hometown": gettext_lazy("hometown"), "surname": gettext_lazy("surname")}
_DEFAULTS = FavouritismPolicy()
THRESHOLDS = (
    Threshold(
        "favour_alpha", gettext_lazy("Favouritism: p-value threshold"),
        _DEFAULTS.favour_alpha, 0, 0.5,
        help_text=gettext_lazy(
            "Flagged when the exact one-sided p-value, adjusted for the run's "
            "many tests (Benjamini–Hochberg), is at most this."
        ),
    ),
    Threshold(
        "favour_min_decisions", gettext_lazy("Favouritism: minimum decisions"),
        _DEFAULTS.favour_min_decisions, 1, 100_000, integer=True,
    ),
    Threshold(
        "favour_min_lift",
        gettext_lazy("Favouritism: minimum ratio to the eligible people's share"),
        _DEFAULTS.favour_min_lift, 1, 100,
    ),
)  # fmt: skip
APPOINTING = (
    Appointment.Kind.FIRST,
    Appointment.Kind.HIGHER,
    Appointment.Kind.EQUAL,
)


@dataclass(frozen=True)
class Head:
    person_id: int
    name: str
    keys: dict[str, str]  # trait → folded value ("" never matches)


@dataclass
class Decisions:
    """One head and one kind of decision: who was chosen and who was eligible."""

    kind: str
    head: Head
    unit: UnitRow
    chosen: dict[int, dict[str, str]] = field(default_factory=dict)
    pool: int = 0
    pool_matching: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    from_pool: bool = False
    # the pool by person, with their KPI stratum (-1: no task points): excellent only
    members: dict[int, tuple[dict[str, str], int]] = field(default_factory=dict)

    def strata(self, trait: str, key: str) -> list[Stratum]:
        """The pool and the chosen per KPI stratum, for one trait of the head."""
        counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for person, (keys, band) in self.members.items():
            match = int(keys[trait] == key)
            row = counts[band]
            row[0] += 1
            row[1] += match
            if person in self.chosen:
                row[2] += 1
                row[3] += match
        return [Stratum(*row) for _band, row in sorted(counts.items())]


class Keys:
    """Folded hometowns and surnames, each distinct string folded once."""

    def __init__(self) -> None:
        self.places: dict[str, str] = {}
        self.names: dict[str, str] = {}

    def of(self, hometown: str, full_name: str) -> dict[str, str]:
        if hometown not in self.places:
            self.places[hometown] = place_key(hometown)
        if full_name not in self.names:
            self.names[full_name] = surname_key(full_name)
        return {"hometown": self.places[hometown], "surname": self.names[full_name]}


def _excellent(run: Run, units: dict[int, UnitRow], keys: Keys) -> list[Decisions]:
    sheets = Sheet.objects.filter(unit_path__startswith=run.unit_path)
    if run.period_id is not None:
        sheets = sheets.filter(period_id=run.period_id)
    else:
        sheets = sheets.filter(period__start__year=run.year)
    rows = (
        sheets.filter(decided_by__isnull=False)
        .exclude(level="")
        .values("decided_by_id", "person_id", "person__hometown", "person__full_name")
        .annotate(
            n=Count("id"),
            kpi=Avg("task_points"),
            top=Sum(
                Case(
                    When(level=Level.HTXSNV.value, then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
            ),
        )
        .order_by()
    )
    by_user: dict[int, list[tuple[int, dict[str, str], bool, int]]] = defaultdict(list)
    for row in rows:
        by_user[row["decided_by_id"]].append(
            (
                row["person_id"],
                keys.of(row["person__hometown"], row["person__full_name"]),
                2 * row["top"] >= row["n"],
                -1 if row["kpi"] is None else kpi_level(float(row["kpi"])).rank,
            )
        )
    deciders = User.objects.filter(
        id__in=list(by_user), person__isnull=False
    ).values_list(
        "id", "person_id", "person__full_name", "person__hometown", "person__unit_id"
    )
    root = units.get(run.unit_id)
    cases = []
    for user_id, person_id, name, hometown, unit_id in deciders:
        unit = units.get(unit_id) or root
        if unit is None or person_id is None:
            continue
        head = Head(person_id, name, keys.of(hometown, name))
        case = Decisions("excellent", head, unit, from_pool=True)
        for rated, rated_keys, top, band in by_user[user_id]:
            if rated == person_id:
                continue
            case.members[rated] = (rated_keys, band)
            case.pool += 1
            for trait, key in head.keys.items():
                if key and rated_keys[trait] == key:
                    case.pool_matching[trait] += 1
            if top:
                case.chosen[rated] = rated_keys
        cases.append(case)
    return cases


def _authority(
    run: Run,
    units: dict[int, UnitRow],
    keys: Keys,
    kind: str,
    rows: Iterable[tuple[int, int, str, str]],
) -> list[Decisions]:
    """Cases of decisions (unit id, person id, hometown, name) taken by the head
    of the unit above each decision's unit."""
    chosen: dict[int, dict[int, dict[str, str]]] = defaultdict(dict)
    for unit_id, person_id, hometown, full_name in rows:
        unit = units.get(unit_id)
        if unit is None or unit.parent_id not in units:
            continue
        chosen[unit.parent_id][person_id] = keys.of(hometown, full_name)
    heads = unit_heads(list(chosen), run.year)
    people = {
        row[0]: row[1:]
        for row in Person.objects.filter(id__in=list(heads.values())).values_list(
            "id", "full_name", "hometown"
        )
    }
    cases = []
    for unit_id, picked in chosen.items():
        head_id = heads.get(unit_id)
        if head_id is None or head_id not in people:
            continue
        name, hometown = people[head_id]
        head = Head(head_id, name, keys.of(hometown, name))
        picked.pop(head_id, None)
        cases.append(Decisions(kind, head, units[unit_id], picked))
    return cases


def _planning(run: Run, units: dict[int, UnitRow], keys: Keys) -> list[Decisions]:
    rows = (
        PlanningCandidate.objects.filter(
            pool__unit_path__startswith=run.unit_path, added_on__year=run.year
        )
        .values_list(
            "pool__unit_id", "person_id", "person__hometown", "person__full_name"
        )
        .distinct()
    )
    return _authority(run, units, keys, "planning", rows)


def _appointments(run: Run, units: dict[int, UnitRow], keys: Keys) -> list[Decisions]:
    rows = (
        Appointment.objects.filter(
            unit_path__startswith=run.unit_path,
            kind__in=APPOINTING,
            status__in=[Appointment.Status.PROPOSED, Appointment.Status.APPROVED],
            process_started__year=run.year,
        )
        .values_list("unit_id", "person_id", "person__hometown", "person__full_name")
        .distinct()
    )
    return _authority(run, units, keys, "appointment", rows)


def _count_pools(run: Run, cases: list[Decisions], keys: Keys) -> None:
    """Count the staff in service under each authority case's unit (one pass)."""
    by_path: dict[str, list[Decisions]] = defaultdict(list)
    for case in cases:
        by_path[case.unit.path].append(case)
    if not by_path:
        return
    staff = (
        Person.objects.filter(unit_path__startswith=run.unit_path, is_active=True)
        .values_list("id", "unit_path", "hometown", "full_name")
        .iterator(chunk_size=5000)
    )
    for person_id, path, hometown, full_name in staff:
        person_keys: dict[str, str] | None = None
        for end in range(SEGMENT, len(path) + 1, SEGMENT):
            for case in by_path.get(path[:end], ()):
                if person_id == case.head.person_id:
                    continue
                person_keys = person_keys or keys.of(hometown, full_name)
                case.pool += 1
                for trait, key in case.head.keys.items():
                    if key and person_keys[trait] == key:
                        case.pool_matching[trait] += 1


def detect(run: Run, progress: Callable[[int], None]) -> list[Finding]:
    policy = policy_from(run.thresholds)
    units = scope_units(run)
    keys = Keys()
    cases = _excellent(run, units, keys)
    progress(30)
    authority = _planning(run, units, keys) + _appointments(run, units, keys)
    authority = [c for c in authority if len(c.chosen) >= policy.favour_min_decisions]
    progress(50)
    _count_pools(run, authority, keys)
    progress(90)
    tested: list[tuple[Decisions, str, Signal]] = []
    for case in [*cases, *authority]:
        for trait, key in case.head.keys.items():
            if not key:
                continue
            signal = _test(case, trait, key, policy)
            if signal is not None:
                tested.append((case, trait, signal))
    signals = adjusted([signal for *_rest, signal in tested], policy=policy)
    findings = [
        _finding(run, case, trait, signal, policy, len(signals))
        for (case, trait, _raw), signal in zip(tested, signals, strict=True)
        if signal.flagged
    ]
    progress(100)
    return findings


def _test(
    case: Decisions, trait: str, key: str, policy: FavouritismPolicy
) -> Signal | None:
    if case.from_pool:
        return stratified_test(case.strata(trait, key), policy=policy)
    return favouritism_test(
        decisions=len(case.chosen),
        matching=sum(1 for k in case.chosen.values() if k[trait] == key),
        pool=case.pool,
        pool_matching=case.pool_matching[trait],
        from_pool=False,
        policy=policy,
    )


def _log10(p: float) -> float:
    return -math.log10(p) if p > 0 else 99.0


def _finding(
    run: Run,
    case: Decisions,
    trait: str,
    signal: Signal,
    policy: FavouritismPolicy,
    tests: int,
) -> Finding:
    if case.kind == "excellent":
        eligible = _("the people whose sheets %(head)s decided in %(year)s") % {
            "head": case.head.name, "year": run.year,
        }  # fmt: skip
    else:
        eligible = _("the staff in service of %(unit)s and the units under it") % {
            "unit": case.unit.name
        }
    comparison = _(
        "%(eligible)s: %(pool_share)s of %(pool)s share the head's %(trait)s"
    ) % {
        "eligible": eligible, "pool_share": percent(signal.pool_share),
        "pool": signal.pool, "trait": TRAITS[trait],
    }  # fmt: skip
    if case.from_pool:
        text = _(
            "%(head)s, %(year)s: %(matching)s of %(decisions)s %(kind)s share the "
            "head's %(trait)s (%(share)s), against %(pool_share)s of %(eligible)s; "
            "%(expected)s expected from the people with the same task results "
            "(the same level supported by the KPI). Exact one-sided p = %(p)s, %(q)s adjusted for the run's "
            "%(tests)s tests (Benjamini–Hochberg; threshold %(alpha)s). %(signal)s"
        )
    else:
        text = _(
            "%(head)s, %(year)s: %(matching)s of %(decisions)s %(kind)s share the "
            "head's %(trait)s (%(share)s), against %(pool_share)s of %(eligible)s. "
            "Exact one-sided p = %(p)s, %(q)s adjusted for the run's %(tests)s "
            "tests (Benjamini–Hochberg; threshold %(alpha)s). %(signal)s"
        )
    q_value = signal.p_value if signal.q_value is None else signal.q_value
    summary = text % {
        "head": case.head.name, "year": run.year, "matching": signal.matching,
        "decisions": signal.decisions, "kind": KINDS[case.kind],
        "trait": TRAITS[trait], "share": percent(signal.share),
        "pool_share": percent(signal.pool_share), "eligible": eligible,
        "expected": decimal(signal.expected, 1), "p": f"{signal.p_value:.2g}",
        "q": f"{q_value:.2g}", "tests": tests, "alpha": f"{policy.favour_alpha:g}",
        "signal": SIGNAL,
    }  # fmt: skip
    return Finding(
        run=run,
        detector=Detector.FAVOURITISM,
        unit_id=case.unit.id,
        unit_path=case.unit.path,
        period_id=run.period_id,
        person_id=case.head.person_id,
        statistic=number(_log10(q_value)),
        threshold=number(_log10(policy.favour_alpha)),
        comparison=comparison[:255],
        summary=summary[:500],
        evidence={
            "statistic": "-log10 of the exact one-sided p-value, adjusted for the "
            "run's tests (Benjamini–Hochberg)",
            "decision": case.kind,
            "trait": trait,
            "test": "hypergeometric, stratified by the level the KPI supports"
            if case.from_pool
            else "binomial",
            "strata": signal.strata,
            "expected": round(signal.expected, 4),
            "decisions": signal.decisions,
            "matching": signal.matching,
            "share": round(signal.share, 4),
            "pool": signal.pool,
            "pool_matching": signal.pool_matching,
            "pool_share": round(signal.pool_share, 4),
            "p_value": signal.p_value,
            "q_value": q_value,
            "tests": tests,
            "adjustment": "Benjamini–Hochberg",
            "alpha": policy.favour_alpha,
            "min_decisions": policy.favour_min_decisions,
            "min_lift": policy.favour_min_lift,
            "chosen": sorted(case.chosen),
        },
    )
