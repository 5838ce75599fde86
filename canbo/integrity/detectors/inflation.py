"""Grade inflation: units whose levels rise across the years while their task
results do not (canbo.policy.leniency.inflation).

One grouped query over the sheets of the run's year and the
`inflation_years − 1` years before it: per unit, year, kind of sheet (annual,
or monthly and quarterly) and person, the sheets, the sum of the level ranks
given, of the ranks the KPI supports, of their differences and of the squared
differences, each a CASE inside the database; then added up per unit, year and
kind with the people rated and the sums the person-clustered variance needs.
A unit is read on its annual sheets when it rates enough people on them in at
least two of the years, else on its monthly and quarterly sheets.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.db.models import Case, Count, F, IntegerField, QuerySet, Sum, Value, When
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.evaluation.models import Period, Sheet
from canbo.integrity.detectors import Threshold
from canbo.integrity.detectors.lenient import (
    RATED_KINDS,
    SIGNAL,
    decimal,
    number,
    scope_units,
    unit_heads,
)
from canbo.integrity.models import Detector, Finding, Run
from canbo.policy.leniency import (
    KPI_EXCELLENT,
    KPI_GOOD,
    TASK_MAX,
    RatingsPolicy,
    YearFigures,
    inflation,
    policy_from,
)
from canbo.policy.levels import Level

_DEFAULTS = RatingsPolicy()
KPI_COMPLETED = TASK_MAX / 2  # 35 task points: 50 out of 100
THRESHOLDS = (
    Threshold(
        "inflation_min_rise", gettext_lazy("Inflation: minimum rise a year"),
        _DEFAULTS.inflation_min_rise, 0, 3,
        help_text=gettext_lazy(
            "Of the mean level given (excellent 3 … not completed 0), beyond the "
            "rise of the level the task results support (0.1 = one sheet in ten "
            "one level higher each year)."
        ),
    ),
    Threshold(
        "inflation_min_z", gettext_lazy("Inflation: minimum z-score"),
        _DEFAULTS.inflation_min_z, 0, 100,
    ),
    Threshold(
        "inflation_years", gettext_lazy("Inflation: years compared"),
        _DEFAULTS.inflation_years, 2, 10, integer=True,
    ),
    Threshold(
        "inflation_min_sheets", gettext_lazy("Inflation: minimum people rated a year"),
        _DEFAULTS.inflation_min_sheets, 1, 100_000, integer=True,
    ),
)  # fmt: skip
SOURCES = {
    True: gettext_lazy("annual sheets"),
    False: gettext_lazy("monthly and quarterly sheets"),
}


def _rank_given() -> Case:
    return Case(
        *(
            When(level=level.value, then=Value(level.rank))
            for level in (Level.HTXSNV, Level.HTTNV, Level.HTNV)
        ),
        default=Value(0),
        output_field=IntegerField(),
    )


def _rank_supported() -> Case:
    return Case(
        When(task_points__gte=KPI_EXCELLENT, then=Value(3)),
        When(task_points__gte=KPI_GOOD, then=Value(2)),
        When(task_points__gte=KPI_COMPLETED, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


Series = dict[int, YearFigures]  # year → figures


def _person_sums(run: Run, first: int) -> QuerySet[Any, Any]:
    """Per unit, year, kind of sheet and person: the sheets and their sums."""
    difference = F("given") - F("supported")
    return (
        Sheet.objects.filter(
            unit_path__startswith=run.unit_path,
            period__kind__in=[*RATED_KINDS, Period.Kind.YEAR.value],
            period__start__year__in=list(range(first, run.year + 1)),
            task_points__isnull=False,
        )
        .exclude(level="")
        .annotate(
            year=ExtractYear("period__start"),
            annual=Case(
                When(period__kind=Period.Kind.YEAR.value, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            given=_rank_given(),
            supported=_rank_supported(),
        )
        .values("unit_id", "year", "annual", "person_id")
        .annotate(
            n=Count("id"),
            given_sum=Sum("given"),
            supported_sum=Sum("supported"),
            d=Sum(difference),
            squares=Sum(difference * difference),
        )
        .order_by()
    )


def _series(run: Run, policy: RatingsPolicy) -> dict[int, tuple[bool, Series]]:
    """Per unit: whether read on annual sheets, and its figures per year; the
    people's sums added up in the database."""
    first = run.year - max(1, policy.inflation_years) + 1
    sql, params = _person_sums(run, first).query.sql_with_params()
    outer = (
        "SELECT unit_id, year, annual, SUM(n), COUNT(*), SUM(given_sum), "  # noqa: S608 - our own SQL
        "SUM(supported_sum), SUM(squares), SUM(d * d), SUM(n * d), SUM(n * n) "
        f"FROM ({sql}) AS people GROUP BY unit_id, year, annual"
    )
    with connection.cursor() as cursor:
        cursor.execute(outer, params)
        rows = cursor.fetchall()
    found: dict[int, dict[bool, Series]] = defaultdict(lambda: defaultdict(dict))
    for unit_id, year, annual, sheets, people, *sums in rows:
        if people >= policy.inflation_min_sheets:
            given, supported, squares, s2, ns, n2 = (float(v or 0) for v in sums)
            found[unit_id][bool(annual)][int(year)] = YearFigures(
                int(year), int(sheets), given, supported, squares, int(people),
                s2, ns, n2,
            )  # fmt: skip
    chosen = {}
    for unit_id, by_source in found.items():
        annual = len(by_source.get(True, {})) >= 2
        chosen[unit_id] = (annual, by_source.get(annual, {}))
    return chosen


def _means(series: Series, attribute: str) -> str:
    return " → ".join(
        decimal(getattr(series[y], attribute) / series[y].sheets, 2)
        for y in sorted(series)
    )


def detect(run: Run, progress: Callable[[int], None]) -> list[Finding]:
    policy = policy_from(run.thresholds)
    series = _series(run, policy)
    progress(50)
    units = scope_units(run)
    flagged = []
    for unit_id, (annual, by_year) in series.items():
        if unit_id not in units or len(by_year) < 2:
            continue
        result = inflation([by_year[y] for y in sorted(by_year)], policy)
        if result is not None and result.flagged:
            flagged.append((units[unit_id], annual, by_year, result))
    heads = unit_heads([unit.id for unit, *_rest in flagged], run.year)
    findings = []
    for unit, annual, by_year, result in flagged:
        ordered = sorted(by_year)
        span = f"{ordered[0]}–{ordered[-1]}"
        comparison = _(
            "The same unit's mean level its task results support, %(years)s: "
            "%(kpi)s (excellent 3 … not completed 0)"
        ) % {"years": span, "kpi": _means(by_year, "supported")}
        summary = _(
            "%(unit)s rated its people %(given)s on average on its %(source)s of "
            "%(years)s (excellent 3 … not completed 0), %(rise)s of a level a year "
            "more than its task results support (z = %(z)s; threshold %(threshold)s "
            "of a level a year and z at least %(min_z)s). %(signal)s"
        ) % {
            "unit": unit.name, "given": _means(by_year, "given"),
            "source": SOURCES[annual], "years": span,
            "rise": decimal(result.excess, 2), "z": decimal(min(result.z, 999), 1),
            "threshold": decimal(policy.inflation_min_rise, 2),
            "min_z": decimal(policy.inflation_min_z, 1), "signal": SIGNAL,
        }  # fmt: skip
        findings.append(
            Finding(
                run=run,
                detector=Detector.INFLATION,
                unit_id=unit.id,
                unit_path=unit.path,
                period_id=None,
                person_id=heads.get(unit.id),
                statistic=number(result.excess),
                threshold=number(policy.inflation_min_rise),
                comparison=comparison[:255],
                summary=summary[:500],
                evidence={
                    "statistic": "yearly rise of the mean level rank given minus "
                    "that of the rank the KPI supports",
                    "source": "annual" if annual else "monthly",
                    "years": ordered,
                    "sheets": [by_year[y].sheets for y in ordered],
                    "people": [by_year[y].samples for y in ordered],
                    "rank_given": [
                        round(by_year[y].given / by_year[y].sheets, 4) for y in ordered
                    ],
                    "rank_supported_by_kpi": [
                        round(by_year[y].supported / by_year[y].sheets, 4)
                        for y in ordered
                    ],
                    "slope_given": round(result.given_slope, 4),
                    "slope_kpi": round(result.kpi_slope, 4),
                    "excess": round(result.excess, 4),
                    "z": round(min(result.z, 1e6), 2),
                    "min_rise": policy.inflation_min_rise,
                    "min_z": policy.inflation_min_z,
                    "min_sheets": policy.inflation_min_sheets,
                },
            )
        )
    progress(100)
    return findings
