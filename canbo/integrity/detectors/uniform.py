"""Uniform evaluators ("cào bằng"): evaluators who give nearly everyone the
same score within a period, or nearly everyone the same level while the task
results of the same people differ (canbo.policy.leniency).

Three grouped queries over the scope's sheets of the year: per evaluator and
period, the sheets and the most of them in one 1-point score band (a grouped
query over a grouped query); per evaluator and period, the count, sum and sum
of squares of the scores (the standard deviation, reported beside); and per
evaluator, unit, level given and level the KPI supports (count).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    FloatField,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Floor
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.evaluation.models import Sheet
from canbo.integrity.detectors import Threshold
from canbo.integrity.detectors.lenient import (
    SIGNAL,
    UnitRow,
    decimal,
    number,
    percent,
    rated_sheets,
    scope_units,
    users_people,
)
from canbo.integrity.models import Detector, Finding, Run
from canbo.policy.leniency import (
    KPI_EXCELLENT,
    KPI_GOOD,
    RatingsPolicy,
    levels_uniform,
    modal_band_share,
    modal_share,
    policy_from,
    scores_uniform,
)
from canbo.policy.levels import Level
from canbo.policy.stats import median, pooled_sd

_DEFAULTS = RatingsPolicy()
THRESHOLDS = (
    Threshold(
        "uniform_score_share", gettext_lazy("Uniform: share of scores in one band"),
        _DEFAULTS.uniform_score_share, 0, 1,
        help_text=gettext_lazy(
            "Flagged when at least this share of an evaluator's scores fall in "
            "the same 1-point band of their period (0.8 = eight in ten)."
        ),
    ),
    Threshold(
        "uniform_level_share", gettext_lazy("Uniform: share of the same level"),
        _DEFAULTS.uniform_level_share, 0, 1,
    ),
    Threshold(
        "uniform_kpi_gap",
        gettext_lazy("Uniform: how much more varied the KPI levels must be"),
        _DEFAULTS.uniform_kpi_gap, 0, 1,
    ),
    Threshold(
        "uniform_min_sheets", gettext_lazy("Uniform: minimum sheets per evaluator"),
        _DEFAULTS.uniform_min_sheets, 1, 100_000, integer=True,
    ),
    Threshold(
        "uniform_min_people",
        gettext_lazy("Uniform: minimum people in a period per evaluator"),
        _DEFAULTS.uniform_min_people, 1, 10_000, integer=True,
    ),
)  # fmt: skip
KPI_LEVEL = Case(
    When(task_points__gte=KPI_EXCELLENT, then=Value(Level.HTXSNV.value)),
    When(task_points__gte=KPI_GOOD, then=Value(Level.HTTNV.value)),
    When(task_points__gte=35, then=Value(Level.HTNV.value)),
    When(task_points__isnull=False, then=Value(Level.KHTNV.value)),
    default=Value(""),
    output_field=CharField(),
)


class Evaluator:
    """What one evaluator gave in the year."""

    def __init__(self) -> None:
        self.periods: list[tuple[int, float, float]] = []  # (n, Σ, Σ²) per period
        self.bands: list[tuple[int, int]] = []  # (n, most in one band) per period
        self.people = 0  # the most sheets in one period
        self.units: Counter[int] = Counter()
        self.given: Counter[str] = Counter()
        self.supported: Counter[str] = Counter()

    @property
    def sheets(self) -> int:
        return sum(n for n, _s, _q in self.periods)


def _modal_bands(sheets: QuerySet[Sheet]) -> list[tuple[int, int, int]]:
    """(evaluator, sheets, most sheets in one 1-point score band) per evaluator
    and period: the count per band, then its sum and maximum, in the database."""
    inner = (
        sheets.filter(score__isnull=False)
        .annotate(band=Floor("score"))
        .values("reviewed_by_id", "period_id", "band")
        .annotate(n=Count("id"))
        .order_by()
    )
    sql, params = inner.query.sql_with_params()
    outer = (
        "SELECT reviewed_by_id, SUM(n), MAX(n) FROM "  # noqa: S608 - our own SQL
        f"({sql}) AS bands GROUP BY reviewed_by_id, period_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(outer, params)
        return [(row[0], row[1], row[2]) for row in cursor.fetchall()]


def _evaluators(run: Run) -> dict[int, Evaluator]:
    sheets = rated_sheets(run).filter(reviewed_by__isnull=False)
    evaluators: dict[int, Evaluator] = defaultdict(Evaluator)
    score = Cast("score", FloatField())
    rows = (
        sheets.filter(score__isnull=False)
        .values("reviewed_by_id", "period_id")
        .annotate(n=Count("id"), s=Sum(score), q=Sum(score * score))
        .order_by()
    )
    for row in rows:
        evaluator = evaluators[row["reviewed_by_id"]]
        evaluator.periods.append((row["n"], float(row["s"]), float(row["q"])))
        evaluator.people = max(evaluator.people, row["n"])
    for user_id, sheets_count, most in _modal_bands(sheets):
        evaluators[user_id].bands.append((int(sheets_count), int(most)))
    levels = (
        sheets.exclude(level="")
        .annotate(kpi=KPI_LEVEL)
        .values("reviewed_by_id", "unit_id", "level", "kpi")
        .annotate(n=Count("id"))
        .order_by()
    )
    for line in levels:
        evaluator = evaluators[line["reviewed_by_id"]]
        evaluator.units[line["unit_id"]] += line["n"]
        evaluator.given[line["level"]] += line["n"]
        if line["kpi"]:
            evaluator.supported[line["kpi"]] += line["n"]
    return evaluators


def detect(run: Run, progress: Callable[[int], None]) -> list[Finding]:
    policy = policy_from(run.thresholds)
    units = scope_units(run)
    evaluators = _evaluators(run)
    progress(50)
    shares = {
        user_id: modal_band_share(evaluator.bands)
        for user_id, evaluator in evaluators.items()
        if evaluator.sheets >= policy.uniform_min_sheets
        and evaluator.people >= policy.uniform_min_people
    }
    flagged: list[tuple[int, str]] = []
    for user_id, evaluator in evaluators.items():
        if user_id in shares and scores_uniform(
            shares[user_id], sheets=evaluator.sheets, people=evaluator.people,
            policy=policy,
        ):  # fmt: skip
            flagged.append((user_id, "scores"))
        elif evaluator.supported and levels_uniform(
            evaluator.given, evaluator.supported, people=evaluator.people,
            policy=policy,
        ):  # fmt: skip
            flagged.append((user_id, "levels"))
    people = users_people(user_id for user_id, _kind in flagged)
    findings = []
    for user_id, kind in flagged:
        evaluator = evaluators[user_id]
        if not evaluator.units:
            continue
        unit = units.get(evaluator.units.most_common(1)[0][0])
        if unit is None:
            continue
        args = (run, unit, user_id, evaluator, people.get(user_id), policy)
        if kind == "scores":
            findings.append(_scores(*args, shares))
        else:
            findings.append(_levels(*args))
    progress(100)
    return findings


def _evidence(
    user_id: int, evaluator: Evaluator, policy: RatingsPolicy
) -> dict[str, object]:
    sheets = sum(evaluator.given.values())
    return {
        "evaluator_user": user_id,
        "sheets": evaluator.sheets or sheets,
        "people": evaluator.people,
        "periods": len(evaluator.periods),
        "levels_given": dict(sorted(evaluator.given.items())),
        "levels_supported_by_kpi": dict(sorted(evaluator.supported.items())),
        "modal_share_given": round(modal_share(evaluator.given), 4),
        "modal_share_supported": round(modal_share(evaluator.supported), 4),
        "min_sheets": policy.uniform_min_sheets,
        "min_people": policy.uniform_min_people,
    }


def _scores(
    run: Run,
    unit: UnitRow,
    user_id: int,
    evaluator: Evaluator,
    person_id: int | None,
    policy: RatingsPolicy,
    shares: dict[int, float],
) -> Finding:
    share = shares[user_id]
    sd = pooled_sd(evaluator.periods)
    centre = median(list(shares.values()))
    comparison = _(
        "The %(count)s evaluators of the scope with at least %(sheets)s sheets "
        "and %(people)s people: median share %(median)s"
    ) % {
        "count": len(shares), "sheets": policy.uniform_min_sheets,
        "people": policy.uniform_min_people, "median": percent(centre),
    }  # fmt: skip
    summary = _(
        "%(share)s of the scores this evaluator gave fall within the same 1-point "
        "band in their period (%(sheets)s sheets of up to %(people)s people; "
        "standard deviation %(sd)s points); threshold %(threshold)s. %(signal)s"
    ) % {
        "share": percent(share), "sheets": evaluator.sheets,
        "people": evaluator.people, "sd": decimal(sd or 0.0, 2),
        "threshold": percent(policy.uniform_score_share), "signal": SIGNAL,
    }  # fmt: skip
    evidence = _evidence(user_id, evaluator, policy)
    evidence.update(
        statistic="share of the scores in the most frequent 1-point band of the period",
        score_share=round(share, 4), sd=round(sd or 0.0, 4),
        threshold=policy.uniform_score_share, group_evaluators=len(shares),
        group_median_share=round(centre, 4),
    )  # fmt: skip
    return _finding(
        run, unit, person_id, share, policy.uniform_score_share, comparison,
        summary, evidence,
    )  # fmt: skip


def _levels(
    run: Run,
    unit: UnitRow,
    user_id: int,
    evaluator: Evaluator,
    person_id: int | None,
    policy: RatingsPolicy,
) -> Finding:
    level, _count = evaluator.given.most_common(1)[0]
    share = modal_share(evaluator.given)
    comparison = _(
        "The levels the task results of the same sheets support: the most "
        "frequent covers %(share)s"
    ) % {"share": percent(modal_share(evaluator.supported))}
    summary = _(
        "This evaluator's people got the level %(level)s on %(share)s of "
        "%(sheets)s sheets, though their task results differ; threshold "
        "%(threshold)s. %(signal)s"
    ) % {
        "level": level, "share": percent(share),
        "sheets": sum(evaluator.given.values()),
        "threshold": percent(policy.uniform_level_share), "signal": SIGNAL,
    }  # fmt: skip
    evidence = _evidence(user_id, evaluator, policy)
    evidence.update(
        statistic="share of the most frequent level given",
        level_share=policy.uniform_level_share, kpi_gap=policy.uniform_kpi_gap,
    )  # fmt: skip
    return _finding(
        run, unit, person_id, share, policy.uniform_level_share, comparison,
        summary, evidence,
    )  # fmt: skip


def _finding(
    run: Run,
    unit: UnitRow,
    person_id: int | None,
    statistic: float,
    threshold: float,
    comparison: str,
    summary: str,
    evidence: dict[str, object],
) -> Finding:
    return Finding(
        run=run, detector=Detector.UNIFORM, unit_id=unit.id, unit_path=unit.path,
        period_id=run.period_id, person_id=person_id, statistic=number(statistic),
        threshold=number(threshold), comparison=comparison[:255],
        summary=summary[:500], evidence=evidence,
    )  # fmt: skip
