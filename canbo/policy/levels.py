"""The four levels of the annual classification and the excellence quota.

Sources (rules.md EVAL-02, EVAL-03, QUOTA-01, QUOTA-02): Nghị định 335/2025/NĐ-CP
art. 20 (công chức) and Nghị định 233/2026/NĐ-CP art. 12 (viên chức). Score S on
100 points: S ≥ 90 "Hoàn thành xuất sắc nhiệm vụ"; 70 ≤ S < 90 "Hoàn thành tốt";
50 ≤ S < 70 "Hoàn thành"; below 50, or with a disqualifier of art. 20.4 whatever
the score, "Không hoàn thành". Art. 20.5: the number rated excellent may not
exceed 20 % of the number rated good within one agency or unit and within each
group with similar duties (25 % for a unit recognised as excellent).
The texts do not say how to round the quota; rounding down is the conservative
choice (rules.md §3), so fewer than five "good" ratings allow no "excellent".
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum


class Level(StrEnum):
    HTXSNV = "HTXSNV"  # Hoàn thành xuất sắc nhiệm vụ
    HTTNV = "HTTNV"  # Hoàn thành tốt nhiệm vụ
    HTNV = "HTNV"  # Hoàn thành nhiệm vụ
    KHTNV = "KHTNV"  # Không hoàn thành nhiệm vụ

    @property
    def rank(self) -> int:
        """3 for excellent down to 0 for not completed, to compare levels."""
        return RANKS[self]


RANKS = {Level.HTXSNV: 3, Level.HTTNV: 2, Level.HTNV: 1, Level.KHTNV: 0}
THRESHOLDS = ((90.0, Level.HTXSNV), (70.0, Level.HTTNV), (50.0, Level.HTNV))
QUOTA_PERCENT = 20
RAISED_QUOTA_PERCENT = 25


def classify(score: float, *, disqualified: bool = False) -> Level:
    """Return the level of a score out of 100 (art. 20.1–20.4)."""
    if disqualified:
        return Level.KHTNV
    for threshold, level in THRESHOLDS:
        if score >= threshold:
            return level
    return Level.KHTNV


def at_most(level: Level, cap: Level) -> Level:
    """Return `level`, lowered to `cap` if above it (the head under the unit)."""
    return level if level.rank <= cap.rank else cap


def quota_allows(excellent: int, good: int, *, raised: bool = False) -> bool:
    """Whether `excellent` ratings fit the quota of `good` ratings (floor)."""
    percent = RAISED_QUOTA_PERCENT if raised else QUOTA_PERCENT
    return excellent <= good * percent // 100


def apply_quota(
    scores: Sequence[float], levels: Sequence[Level], *, raised: bool = False
) -> list[Level]:
    """Demote excellent ratings beyond the quota of one scope to "good".

    Keeps as excellent only the highest scores whose number fits within 20 %
    (25 % when `raised`) of the "good" ratings counted after the demotions,
    rounded down. Equal scores stay together: if only some of a group of equal
    scores would fit, the whole group is demoted (choosing among them is for
    the head, on the calibration screen). Nobody is raised; the output follows
    the order of the input.
    """
    if len(scores) != len(levels):
        raise ValueError("scores and levels must have the same length")
    excellent = sorted(
        (scores[i] for i, level in enumerate(levels) if level == Level.HTXSNV),
        reverse=True,
    )
    good = sum(1 for level in levels if level == Level.HTTNV)
    kept = _kept_count(excellent, good, raised)
    floor = excellent[kept - 1] if kept else None
    return [
        Level.HTTNV
        if level == Level.HTXSNV and (floor is None or score < floor)
        else Level(level)
        for score, level in zip(scores, levels, strict=True)
    ]


def _kept_count(excellent: list[float], good: int, raised: bool) -> int:
    """The largest k, at a boundary between distinct scores, whose demotion of
    the other len(excellent) − k still fits the quota."""
    total = len(excellent)
    for kept in range(total, 0, -1):
        tie_split = kept < total and excellent[kept] == excellent[kept - 1]
        if tie_split:
            continue
        if quota_allows(kept, good + total - kept, raised=raised):
            return kept
    return 0
