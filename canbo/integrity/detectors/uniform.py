"""Uniform evaluators ("cào bằng"): evaluators whose scores hardly vary within
a period, or who give nearly everyone the same level while the task results of
the same people differ (canbo.policy.leniency).

Two grouped queries over the scope's sheets of the year: per evaluator and
period (count, sum and sum of squares of the scores), and per evaluator, unit,
level given and level the KPI supports (count).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from django.db.models import Case, CharField, Count, FloatField, Sum, Value, When
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from canbo.integrity.detectors.lenient import (
    SIGNAL,
    UnitRow,
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
    modal_share,
    policy_from,
    scores_uniform,
    uniform_threshold,
)
from canbo.policy.levels import Level
from canbo.policy.stats import pooled_sd

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
        self.people = 0  # the most sheets in one period
        self.units: Counter[int] = Counter()
        self.given: Counter[str] = Counter()
        self.supported: Counter[str] = Counter()

    @property
    def sheets(self) -> int:
        return sum(n for n, _s, _q in self.periods)


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
    sds: dict[int, float] = {}
    for user_id, evaluator in evaluators.items():
        sd = pooled_sd(evaluator.periods)
        if (
            sd is not None
            and evaluator.sheets >= policy.uniform_min_sheets
            and evaluator.people >= policy.uniform_min_people
        ):
            sds[user_id] = sd
    threshold = uniform_threshold(sds.values(), policy)
    flagged: list[tuple[int, str]] = []
    for user_id, evaluator in evaluators.items():
        kw = {"people": evaluator.people, "policy": policy}
        if user_id in sds and scores_uniform(
            sds[user_id],
            threshold,
            sheets=evaluator.sheets,
            **kw,  # type: ignore[arg-type]
        ):
            flagged.append((user_id, "scores"))
        elif evaluator.supported and levels_uniform(
            evaluator.given,
            evaluator.supported,
            **kw,  # type: ignore[arg-type]
        ):
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
            findings.append(_scores(*args, sds[user_id], threshold, sds))
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
    sd: float,
    threshold: float,
    sds: dict[int, float],
) -> Finding:
    comparison = _(
        "The %(count)s evaluators of the scope with at least %(sheets)s sheets "
        "(threshold: %(ratio)s of their median spread)"
    ) % {
        "count": len(sds), "sheets": policy.uniform_min_sheets,
        "ratio": percent(policy.uniform_sd_ratio),
    }  # fmt: skip
    summary = _(
        "The scores this evaluator gave within a period vary by %(sd)s points "
        "(standard deviation) over %(sheets)s sheets of up to %(people)s people; "
        "threshold %(threshold)s points. %(signal)s"
    ) % {
        "sd": f"{sd:.2f}", "sheets": evaluator.sheets, "people": evaluator.people,
        "threshold": f"{threshold:.2f}", "signal": SIGNAL,
    }  # fmt: skip
    evidence = _evidence(user_id, evaluator, policy)
    evidence.update(
        statistic="pooled within-period standard deviation of the scores",
        sd=round(sd, 4), threshold=round(threshold, 4),
        sd_ratio=policy.uniform_sd_ratio, group_evaluators=len(sds),
    )  # fmt: skip
    return _finding(run, unit, person_id, sd, threshold, comparison, summary, evidence)


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
