"""Lenient units: more top levels (excellent + good) than units with the same
task results give (canbo.policy.leniency, indirect standardisation).

Two grouped queries whatever the size of the scope: the units of the scope, and
the sheets of the year counted per unit, KPI band and level. The helpers below
(the sheets of a run, the units, the heads, the evaluators' staff records) are
shared by the other rating detectors.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Value
from django.db.models.functions import Floor
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.accounts.models import User
from canbo.evaluation.models import Period, Sheet
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
)

SIGNAL = gettext_lazy("A signal for review, not a verdict.")
RATED_KINDS = (Period.Kind.MONTH.value, Period.Kind.QUARTER.value)
GOOD_BAND = KPI_GOOD * 2 // 7  # 49 task points / 3.5 = band 14


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


def number(value: float) -> Decimal:
    """A statistic as stored (four decimals, within the field's range)."""
    bounded = max(-99_999_999.0, min(99_999_999.0, value))
    return Decimal(str(round(bounded, 4)))


def _counts(run: Run) -> dict[int, dict[int, dict[str, int]]]:
    """Sheets per unit, KPI band and level given (one grouped query)."""
    rows = (
        rated_sheets(run)
        .filter(task_points__isnull=False)
        .exclude(level="")
        .annotate(band=Floor(F("task_points") / Value(BAND_POINTS)))
        .values("unit_id", "band", "level")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[int, dict[int, dict[str, int]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(int))
    )
    for row in rows:
        band = kpi_band(float(row["band"]) * float(BAND_POINTS))
        counts[row["unit_id"]][band][row["level"]] += row["n"]
    return counts


def _group_key(unit: UnitRow, policy: RatingsPolicy) -> int | None:
    return unit.parent_id if policy.lenient_group == "parent" else None


def detect(run: Run, progress: Callable[[int], None]) -> list[Finding]:
    policy = policy_from(run.thresholds)
    units = scope_units(run)
    counts = _counts(run)
    progress(50)
    by_group: dict[int | None, list[tuple[int, int, int]]] = defaultdict(list)
    group_units: dict[int | None, int] = defaultdict(int)
    counts = {unit_id: c for unit_id, c in counts.items() if unit_id in units}
    for unit_id, bands in counts.items():
        key = _group_key(units[unit_id], policy)
        group_units[key] += 1
        for band, levels in bands.items():
            top = sum(n for level, n in levels.items() if level in TOP_LEVELS)
            by_group[key].append((band, sum(levels.values()), top))
    rates = {key: band_rates(rows) for key, rows in by_group.items()}
    flagged: list[tuple[UnitRow, Leniency, dict[int, dict[str, int]]]] = []
    for unit_id, bands in counts.items():
        unit = units[unit_id]
        pairs = {
            band: (
                sum(levels.values()),
                sum(n for level, n in levels.items() if level in TOP_LEVELS),
            )
            for band, levels in bands.items()
        }
        result = leniency(pairs, rates[_group_key(unit, policy)], policy)
        if result.flagged:
            flagged.append((unit, result, bands))
    heads = unit_heads([unit.id for unit, _r, _b in flagged], run.year)
    findings = [
        _finding(run, unit, result, bands, heads.get(unit.id), policy, units,
                 group_units[_group_key(unit, policy)], by_group[_group_key(unit, policy)])
        for unit, result, bands in flagged
    ]  # fmt: skip
    progress(100)
    return findings


def _finding(
    run: Run,
    unit: UnitRow,
    result: Leniency,
    bands: dict[int, dict[str, int]],
    head_id: int | None,
    policy: RatingsPolicy,
    units: dict[int, UnitRow],
    group_units: int,
    group_rows: list[tuple[int, int, int]],
) -> Finding:
    given: dict[str, int] = defaultdict(int)
    for levels in bands.values():
        for level, n in levels.items():
            given[level] += n
    supported = sum(
        n
        for band, levels in bands.items()
        if band >= GOOD_BAND
        for n in levels.values()
    )
    group_sheets = sum(n for _b, n, _t in group_rows)
    if policy.lenient_group == "parent" and unit.parent_id in units:
        group_name = _("the units under %(unit)s") % {
            "unit": units[unit.parent_id].name
        }
    else:
        group_name = _("the whole scope")
    comparison = _(
        "Sheets with the same task results (KPI bands of 5 points) in "
        "%(group)s: %(sheets)s sheets of %(units)s units"
    ) % {"group": group_name, "sheets": group_sheets, "units": group_units}
    share = result.observed / result.sheets
    expected = result.expected / result.sheets
    summary = _(
        "%(unit)s gave a top level (excellent or good) on %(given)s of its "
        "%(sheets)s sheets; units with the same task results give %(expected)s "
        "(z = %(z)s; threshold: %(threshold)s points above, z at least "
        "%(min_z)s). %(signal)s"
    ) % {
        "unit": unit.name, "given": percent(share), "sheets": result.sheets,
        "expected": percent(expected), "z": f"{min(result.z, 999):.1f}",
        "threshold": round(policy.lenient_min_excess * 100),
        "min_z": policy.lenient_min_z, "signal": SIGNAL,
    }  # fmt: skip
    return Finding(
        run=run, detector=Detector.LENIENT, unit_id=unit.id, unit_path=unit.path,
        period_id=run.period_id, person_id=head_id,
        statistic=number(result.excess), threshold=number(policy.lenient_min_excess),
        comparison=comparison[:255], summary=summary[:500],
        evidence={
            "statistic": "excess share of top levels over the group at the same KPI",
            "sheets": result.sheets, "top_given": result.observed,
            "top_expected": round(result.expected, 2),
            "top_supported_by_kpi": supported,
            "share_given": round(share, 4), "share_expected": round(expected, 4),
            "share_supported_by_kpi": round(supported / result.sheets, 4),
            "excess": round(result.excess, 4), "z": round(min(result.z, 1e6), 2),
            "levels": dict(sorted(given.items())),
            "group": policy.lenient_group, "group_units": group_units,
            "group_sheets": group_sheets, "min_sheets": policy.lenient_min_sheets,
            "min_excess": policy.lenient_min_excess, "min_z": policy.lenient_min_z,
        },
    )  # fmt: skip
