"""Grade inflation: units whose share of top levels (excellent + good) rises
across the years while the share their task results support does not
(canbo.policy.leniency.inflation).

One grouped query over the monthly and quarterly sheets of the run's year and
the `inflation_years − 1` years before it: per unit and year, the sheets, the
top levels given and the top levels the KPI supports.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.integrity.detectors import Threshold
from canbo.integrity.detectors.lenient import (
    SIGNAL,
    decimal,
    number,
    percent,
    rated_sheets,
    scope_units,
    unit_heads,
)
from canbo.integrity.models import Detector, Finding, Run
from canbo.policy.leniency import (
    KPI_GOOD,
    TOP_LEVELS,
    RatingsPolicy,
    inflation,
    policy_from,
)

_DEFAULTS = RatingsPolicy()
THRESHOLDS = (
    Threshold(
        "inflation_min_rise", gettext_lazy("Inflation: minimum rise a year"),
        _DEFAULTS.inflation_min_rise, 0, 1,
        help_text=gettext_lazy(
            "Of the share of top levels, beyond the rise of the share the task "
            "results support (0.1 = 10 points a year)."
        ),
    ),
    Threshold(
        "inflation_years", gettext_lazy("Inflation: years compared"),
        _DEFAULTS.inflation_years, 2, 10, integer=True,
    ),
    Threshold(
        "inflation_min_sheets", gettext_lazy("Inflation: minimum sheets a year"),
        _DEFAULTS.inflation_min_sheets, 1, 100_000, integer=True,
    ),
)  # fmt: skip


def detect(run: Run, progress: Callable[[int], None]) -> list[Finding]:
    policy = policy_from(run.thresholds)
    first = run.year - max(1, policy.inflation_years) + 1
    rows = (
        rated_sheets(run, years=range(first, run.year + 1))
        .filter(task_points__isnull=False)
        .exclude(level="")
        .annotate(year=ExtractYear("period__start"))
        .values("unit_id", "year")
        .annotate(
            n=Count("id"),
            top=Count("id", filter=Q(level__in=TOP_LEVELS)),
            supported=Count("id", filter=Q(task_points__gte=KPI_GOOD)),
        )
        .order_by()
    )
    years: dict[int, dict[int, tuple[int, int, int]]] = defaultdict(dict)
    for row in rows:
        if row["n"] >= policy.inflation_min_sheets:
            years[row["unit_id"]][row["year"]] = (
                row["n"],
                row["top"],
                row["supported"],
            )
    progress(50)
    units = scope_units(run)
    flagged = []
    for unit_id, by_year in years.items():
        ordered = sorted(by_year)
        if unit_id not in units or len(ordered) < 2:
            continue
        top = [by_year[y][1] / by_year[y][0] for y in ordered]
        kpi = [by_year[y][2] / by_year[y][0] for y in ordered]
        result = inflation(ordered, top, kpi, policy)
        if result is not None and result.flagged:
            flagged.append((units[unit_id], ordered, top, kpi, result))
    heads = unit_heads([unit.id for unit, *_rest in flagged], run.year)
    findings = []
    for unit, ordered, top, kpi, result in flagged:
        span = f"{ordered[0]}–{ordered[-1]}"
        comparison = _(
            "The same unit's share of top levels its task results support, "
            "%(years)s: %(kpi)s"
        ) % {"years": span, "kpi": " → ".join(percent(s) for s in kpi)}
        summary = _(
            "%(unit)s gave top levels (excellent or good) on %(top)s of its sheets "
            "in %(years)s, %(rise)s points more each year than its task results "
            "support (threshold %(threshold)s points a year). %(signal)s"
        ) % {
            "unit": unit.name, "top": " → ".join(percent(s) for s in top),
            "years": span, "rise": decimal(result.excess * 100, 1),
            "threshold": decimal(policy.inflation_min_rise * 100, 1), "signal": SIGNAL,
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
                    "statistic": "yearly rise of the top share minus that of the "
                    "KPI-supported top share",
                    "years": ordered,
                    "sheets": [years[unit.id][y][0] for y in ordered],
                    "share_top": [round(s, 4) for s in top],
                    "share_supported_by_kpi": [round(s, 4) for s in kpi],
                    "slope_top": round(result.top_slope, 4),
                    "slope_kpi": round(result.kpi_slope, 4),
                    "min_rise": policy.inflation_min_rise,
                    "min_sheets": policy.inflation_min_sheets,
                },
            )
        )
    progress(100)
    return findings
