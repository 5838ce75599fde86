"""The gap between self and manager points: per evaluator, the mean of the
general points the people gave themselves minus those after the review,
against the evaluators of the scope (canbo.policy.leniency.self_gap).

A gap near zero while others cut points is rubber-stamping (the review takes
the self-assessment as it is); a gap far above or below the others' is a
systematic cut or raise. One grouped query: the self-assessed total is summed
inside the database from the sheet's JSON points (`json_each` on SQLite,
`jsonb_each_text` on PostgreSQL), never in Python per sheet.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Count, F, FloatField, Func, Sum
from django.db.models.functions import Cast
from django.db.models.sql.compiler import SQLCompiler
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.evaluation.models import Sheet
from canbo.integrity.detectors import Threshold
from canbo.integrity.detectors.lenient import (
    SIGNAL,
    decimal,
    number,
    rated_sheets,
    scope_units,
    users_people,
)
from canbo.integrity.models import Detector, Finding, Run
from canbo.policy.leniency import RatingsPolicy, policy_from, self_gap
from canbo.policy.stats import median

_DEFAULTS = RatingsPolicy()
THRESHOLDS = (
    Threshold(
        "gap_min_z", gettext_lazy("Self/manager gap: minimum robust z-score"),
        _DEFAULTS.gap_min_z, 0, 100,
        help_text=gettext_lazy(
            "Flagged when an evaluator's mean gap is this far from the scope's "
            "median, in either direction."
        ),
    ),
    Threshold(
        "gap_min_spread", gettext_lazy("Self/manager gap: least spread (points)"),
        _DEFAULTS.gap_min_spread, 0.01, 30,
    ),
    Threshold(
        "gap_min_sheets", gettext_lazy("Self/manager gap: minimum sheets"),
        _DEFAULTS.gap_min_sheets, 1, 100_000, integer=True,
    ),
)  # fmt: skip


class JsonValuesSum(Func):
    """The sum of the values of a JSON object of numbers (or numeric strings)."""

    output_field = FloatField()

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> Any:
        template = "(SELECT TOTAL(CAST(value AS REAL)) FROM json_each(%(expressions)s))"
        return self.as_sql(compiler, connection, template=template, **extra)

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> Any:
        template = (
            "(SELECT COALESCE(SUM(value::double precision), 0) "
            "FROM jsonb_each_text(%(expressions)s))"
        )
        return self.as_sql(compiler, connection, template=template, **extra)


def _gaps(run: Run) -> dict[int, tuple[int, float, Counter[int]]]:
    """Per evaluator: sheets, mean self − reviewed general points, units."""
    rows = (
        rated_sheets(run)
        .filter(
            reviewed_by__isnull=False,
            general_points__isnull=False,
            status__in=[Sheet.Status.REVIEWED, Sheet.Status.DECIDED],
        )
        .exclude(self_points={})
        .values("reviewed_by_id", "unit_id")
        .annotate(
            n=Count("id"),
            own=Sum(JsonValuesSum(F("self_points"))),
            reviewed=Sum(Cast("general_points", FloatField())),
        )
        .order_by()
    )
    totals: dict[int, list[float]] = defaultdict(lambda: [0, 0.0])
    units: dict[int, Counter[int]] = defaultdict(Counter)
    for row in rows:
        pair = totals[row["reviewed_by_id"]]
        pair[0] += row["n"]
        pair[1] += float(row["own"] or 0) - float(row["reviewed"] or 0)
        units[row["reviewed_by_id"]][row["unit_id"]] += row["n"]
    return {
        user_id: (int(n), diff / n, units[user_id])
        for user_id, (n, diff) in totals.items()
        if n
    }


def detect(run: Run, progress: Callable[[int], None]) -> list[Finding]:
    policy = policy_from(run.thresholds)
    units = scope_units(run)
    gaps = _gaps(run)
    progress(50)
    group = [gap for n, gap, _u in gaps.values() if n >= policy.gap_min_sheets]
    flagged = []
    for user_id, (sheets, gap, _units) in gaps.items():
        result = self_gap(gap, group, sheets=sheets, policy=policy)
        if result.flagged:
            flagged.append((user_id, sheets, gap, result.z))
    people = users_people(user_id for user_id, *_rest in flagged)
    centre = median(group) if group else 0.0
    findings = []
    for user_id, sheets, gap, z in flagged:
        unit = units.get(gaps[user_id][2].most_common(1)[0][0])
        if unit is None:
            continue
        comparison = _(
            "The %(count)s evaluators of the scope with at least %(sheets)s "
            "reviewed sheets (median gap %(median)s points)"
        ) % {
            "count": len(group), "sheets": policy.gap_min_sheets,
            "median": decimal(centre, 2),
        }  # fmt: skip
        summary = _(
            "The people this evaluator reviewed gave themselves %(gap)s general "
            "points more than the review did, on average over %(sheets)s sheets; "
            "the scope's evaluators: %(median)s (robust z = %(z)s, threshold "
            "%(threshold)s either way). %(signal)s"
        ) % {
            "gap": decimal(gap, 2), "sheets": sheets, "median": decimal(centre, 2),
            "z": decimal(z, 1), "threshold": decimal(policy.gap_min_z, 1),
            "signal": SIGNAL,
        }  # fmt: skip
        findings.append(
            Finding(
                run=run,
                detector=Detector.SELF_GAP,
                unit_id=unit.id,
                unit_path=unit.path,
                period_id=run.period_id,
                person_id=people.get(user_id),
                statistic=number(z),
                threshold=number(policy.gap_min_z),
                comparison=comparison[:255],
                summary=summary[:500],
                evidence={
                    "statistic": "robust z of the mean self − reviewed general points",
                    "evaluator_user": user_id,
                    "sheets": sheets,
                    "mean_gap": round(gap, 4),
                    "group_median_gap": round(centre, 4),
                    "group_evaluators": len(group),
                    "z": round(z, 2),
                    "min_z": policy.gap_min_z,
                    "min_sheets": policy.gap_min_sheets,
                    "min_spread": policy.gap_min_spread,
                },
            )
        )
    progress(100)
    return findings
