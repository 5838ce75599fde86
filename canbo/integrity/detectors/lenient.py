"""Lenient units: more top levels (excellent + good) than units with the same
task results give (canbo.policy.leniency, indirect standardisation).

Two grouped queries whatever the size of the scope: the units of the scope, and
the sheets of the year counted per unit, KPI band and level. The helpers below
(the sheets of a run, the units, the heads, the evaluators' staff records) are
shared by the other rating detectors.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Value
from django.db.models.functions import Floor
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.accounts.models import User
from canbo.evaluation.models import Period, Sheet
from canbo.integrity.detectors import Threshold
from canbo.integrity.models import Detector, Finding, Run
from canbo.org.models import Post, Unit
from canbo.people.models import Assignment
from canbo.policy.leniency import (
    BAND_POINTS,
    KPI_GOOD,
    TOP_LEVELS,
    Leniency,
    RatingsPolicy,
    band_rates,
    kpi_band,
    leniency,
    policy_from,
    rank_moments,
)
from canbo.policy.levels import Level

SIGNAL = gettext_lazy("A signal for review, not a verdict.")
RATED_KINDS = (Period.Kind.MONTH.value, Period.Kind.QUARTER.value)
GOOD_BAND = KPI_GOOD * 2 // 7  # 49 task points / 3.5 = band 14
_DEFAULTS = RatingsPolicy()
THRESHOLDS = (
    Threshold(
        "lenient_min_excess", gettext_lazy("Leniency: levels above the group (mean)"),
        _DEFAULTS.lenient_min_excess, 0, 3,
        help_text=gettext_lazy(
            "How far above what units with the same task results get, in levels "
            "per sheet (1 = one level on every sheet)."
        ),
    ),
    Threshold(
        "lenient_min_z", gettext_lazy("Leniency: minimum z-score"),
        _DEFAULTS.lenient_min_z, 0, 100,
    ),
    Threshold(
        "lenient_min_sheets", gettext_lazy("Leniency: minimum sheets per unit"),
        _DEFAULTS.lenient_min_sheets, 1, 100_000, integer=True,
    ),
    Threshold(
        "lenient_siblings", gettext_lazy("Leniency: compare with sibling units only"),
        _DEFAULTS.lenient_siblings, 0, 1, integer=True,
        help_text=gettext_lazy(
            "0: with the whole scope; 1: with the units under the same parent."
        ),
    ),
    Threshold(
        "lenient_evaluators", gettext_lazy("Leniency: also per evaluator"),
        _DEFAULTS.lenient_evaluators, 0, 1, integer=True,
        help_text=gettext_lazy("0: per unit only; 1: per unit and per evaluator."),
    ),
)  # fmt: skip


def rated_sheets(run: Run, years: Iterable[int] | None = None) -> QuerySet[Sheet]:
    """The sheets of the run's scope: its period if it has one, else the
    monthly and quarterly periods of its year (or of `years`)."""
    sheets = Sheet.objects.filter(unit_path__startswith=run.unit_path)
    if run.period_id is not None and years is None:
        return sheets.filter(period_id=run.period_id)
    return sheets.filter(
        period__kind__in=RATED_KINDS,
        period__start__year__in=list(years) if years is not None else [run.year],
    )


@dataclass(frozen=True)
class UnitRow:
    id: int
    parent_id: int | None
    name: str
    path: str


def scope_units(run: Run) -> dict[int, UnitRow]:
    """The units of the run's scope by id (one query)."""
    rows = Unit.objects.filter(path__startswith=run.unit_path).values_list(
        "id", "parent_id", "name", "path"
    )
    return {row[0]: UnitRow(*row) for row in rows}


def unit_heads(unit_ids: Iterable[int], year: int) -> dict[int, int]:
    """The person heading each unit during `year` (the latest to start), by unit id."""
    ids = list(unit_ids)
    if not ids:
        return {}
    rows = (
        Assignment.objects.filter(
            unit_id__in=ids,
            post__unit_role=Post.UnitRole.HEAD,
            start_date__lte=date(year, 12, 31),
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=date(year, 1, 1)))
        .order_by("unit_id", "start_date", "id")
        .values_list("unit_id", "person_id")
    )
    return dict(rows)


def users_people(user_ids: Iterable[int]) -> dict[int, int]:
    """The staff record of each user who has one, by user id."""
    ids = list(user_ids)
    if not ids:
        return {}
    rows = User.objects.filter(id__in=ids, person__isnull=False).values_list(
        "id", "person_id"
    )
    return {user_id: person_id for user_id, person_id in rows if person_id}


def percent(share: float) -> str:
    return f"{share:.0%}"


def decimal(value: float, places: int) -> str:
    """A figure for a sentence, with the active language's decimal mark."""
    return str(formats.number_format(round(value, places), decimal_pos=places))


def number(value: float) -> Decimal:
    """A statistic as stored (four decimals, within the field's range)."""
    bounded = max(-99_999_999.0, min(99_999_999.0, value))
    return Decimal(str(round(bounded, 4)))


Bands = dict[int, dict[str, int]]  # KPI band → level given → sheets


def _bands() -> Bands:
    return defaultdict(lambda: defaultdict(int))


def _counts(
    run: Run,
) -> tuple[dict[int, Bands], dict[int, Bands], dict[int, Counter[int]]]:
    """Sheets per KPI band and level given, per unit and per evaluator (with the
    evaluator's sheets per unit), from one grouped query."""
    rows = (
        rated_sheets(run)
        .filter(task_points__isnull=False)
        .exclude(level="")
        .annotate(band=Floor(F("task_points") / Value(BAND_POINTS)))
        .values("unit_id", "reviewed_by_id", "band", "level")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_unit: dict[int, Bands] = defaultdict(_bands)
    by_evaluator: dict[int, Bands] = defaultdict(_bands)
    evaluator_units: dict[int, Counter[int]] = defaultdict(Counter)
    for row in rows:
        band = kpi_band(float(row["band"]) * float(BAND_POINTS))
        by_unit[row["unit_id"]][band][row["level"]] += row["n"]
        if row["reviewed_by_id"] is not None:
            by_evaluator[row["reviewed_by_id"]][band][row["level"]] += row["n"]
            evaluator_units[row["reviewed_by_id"]][row["unit_id"]] += row["n"]
    return by_unit, by_evaluator, evaluator_units


def _pairs(bands: Bands) -> dict[int, tuple[int, int]]:
    """(sheets, top levels given) per KPI band."""
    return {
        band: (
            sum(levels.values()),
            sum(n for level, n in levels.items() if level in TOP_LEVELS),
        )
        for band, levels in bands.items()
    }


def _group_key(unit: UnitRow, policy: RatingsPolicy) -> int | None:
    return unit.parent_id if policy.lenient_siblings else None


@dataclass(frozen=True)
class Group:
    name: str
    units: int
    sheets: int


def _ranks(bands: Bands) -> dict[int, dict[int, int]]:
    """Sheets per KPI band and level rank (excellent 3 … not completed 0)."""
    return {
        band: {Level(level).rank: n for level, n in levels.items()}
        for band, levels in bands.items()
    }


@dataclass(frozen=True)
class Reference:
    """A comparison group: its rank moments and top-level rates per KPI band."""

    group: Group
    moments: dict[int, tuple[float, float]]
    rates: dict[int, float]


def _references(
    by_unit: dict[int, Bands], units: dict[int, UnitRow], policy: RatingsPolicy
) -> dict[int | None, Reference]:
    ranks: dict[int | None, list[tuple[int, int, int]]] = defaultdict(list)
    tops: dict[int | None, list[tuple[int, int, int]]] = defaultdict(list)
    members: dict[int | None, int] = defaultdict(int)
    for unit_id, bands in by_unit.items():
        key = _group_key(units[unit_id], policy)
        members[key] += 1
        tops[key] += [(b, n, top) for b, (n, top) in _pairs(bands).items()]
        ranks[key] += [
            (b, rank, n)
            for b, by_rank in _ranks(bands).items()
            for rank, n in by_rank.items()
        ]
    references = {}
    for key in members:
        name = _("the whole scope")
        if key is not None and key in units:
            name = _("the units under %(unit)s") % {"unit": units[key].name}
        sheets = sum(n for _b, n, _t in tops[key])
        references[key] = Reference(
            Group(name, members[key], sheets),
            rank_moments(ranks[key]),
            band_rates(tops[key]),
        )
    return references


def detect(run: Run, progress: Callable[[int], None]) -> list[Finding]:
    policy = policy_from(run.thresholds)
    units = scope_units(run)
    by_unit, by_evaluator, evaluator_units = _counts(run)
    progress(50)
    by_unit = {unit_id: c for unit_id, c in by_unit.items() if unit_id in units}
    references = _references(by_unit, units, policy)
    flagged = []
    for unit_id, bands in by_unit.items():
        unit = units[unit_id]
        reference = references[_group_key(unit, policy)]
        result = leniency(_ranks(bands), reference.moments, policy)
        if result.flagged:
            flagged.append((unit, result, bands, reference))
    heads = unit_heads([unit.id for unit, *_rest in flagged], run.year)
    findings = [
        _finding(run, unit, result, bands, heads.get(unit.id), policy, reference)
        for unit, result, bands, reference in flagged
    ]
    if policy.lenient_evaluators:
        found = []
        for user_id, bands in by_evaluator.items():
            home = units.get(evaluator_units[user_id].most_common(1)[0][0])
            if home is None or _group_key(home, policy) not in references:
                continue
            reference = references[_group_key(home, policy)]
            result = leniency(_ranks(bands), reference.moments, policy)
            if result.flagged:
                found.append((user_id, home, result, bands, reference))
        people = users_people(user_id for user_id, *_rest in found)
        findings += [
            _finding(
                run,
                unit,
                result,
                bands,
                people.get(user_id),
                policy,
                reference,
                evaluator=user_id,
            )
            for user_id, unit, result, bands, reference in found
        ]
    progress(100)
    return findings


def _finding(
    run: Run,
    unit: UnitRow,
    result: Leniency,
    bands: Bands,
    person_id: int | None,
    policy: RatingsPolicy,
    reference: Reference,
    *,
    evaluator: int | None = None,
) -> Finding:
    group = reference.group
    given: dict[str, int] = defaultdict(int)
    for levels in bands.values():
        for level, n in levels.items():
            given[level] += n
    pairs = _pairs(bands)
    top = sum(t for _n, t in pairs.values())
    top_expected = sum(n * reference.rates.get(b, 0.0) for b, (n, _t) in pairs.items())
    supported = sum(n for band, (n, _t) in pairs.items() if band >= GOOD_BAND)
    comparison = _(
        "Sheets with the same task results (KPI bands of 5 points) in "
        "%(group)s: %(sheets)s sheets of %(units)s units"
    ) % {"group": group.name, "sheets": group.sheets, "units": group.units}
    values = {
        "unit": unit.name, "excess": decimal(result.excess, 2), "sheets": result.sheets,
        "given": percent(top / result.sheets),
        "expected": percent(top_expected / result.sheets),
        "z": decimal(min(result.z, 999), 1),
        "threshold": decimal(policy.lenient_min_excess, 2),
        "min_z": decimal(policy.lenient_min_z, 1), "signal": SIGNAL,
    }  # fmt: skip
    if evaluator is None:
        text = _(
            "%(unit)s rated its people %(excess)s of a level above what units with "
            "the same task results give, on average over %(sheets)s sheets (top "
            "levels, excellent or good: %(given)s given, %(expected)s expected; "
            "z = %(z)s; threshold %(threshold)s of a level and z at least "
            "%(min_z)s). %(signal)s"
        )
    else:
        text = _(
            "The people this evaluator reviewed (mostly in %(unit)s) were rated "
            "%(excess)s of a level above what units with the same task results "
            "give, on average over %(sheets)s sheets (top levels, excellent or "
            "good: %(given)s given, %(expected)s expected; z = %(z)s; threshold "
            "%(threshold)s of a level and z at least %(min_z)s). %(signal)s"
        )
    summary = text % values
    return Finding(
        run=run, detector=Detector.LENIENT, unit_id=unit.id, unit_path=unit.path,
        period_id=run.period_id, person_id=person_id,
        statistic=number(result.excess), threshold=number(policy.lenient_min_excess),
        comparison=comparison[:255], summary=summary[:500],
        evidence={
            "statistic": "mean level rank given minus the group's at the same KPI",
            "subject": "unit" if evaluator is None else "evaluator",
            "evaluator_user": evaluator,
            "sheets": result.sheets, "rank_given": round(result.observed, 2),
            "rank_expected": round(result.expected, 2),
            "excess": round(result.excess, 4), "z": round(min(result.z, 1e6), 2),
            "top_given": top, "top_expected": round(top_expected, 2),
            "top_supported_by_kpi": supported,
            "share_given": round(top / result.sheets, 4),
            "share_expected": round(top_expected / result.sheets, 4),
            "share_supported_by_kpi": round(supported / result.sheets, 4),
            "levels": dict(sorted(given.items())),
            "group": "siblings" if policy.lenient_siblings else "scope", "group_units": group.units,
            "group_sheets": group.sheets, "min_sheets": policy.lenient_min_sheets,
            "min_excess": policy.lenient_min_excess, "min_z": policy.lenient_min_z,
        },
    )  # fmt: skip
