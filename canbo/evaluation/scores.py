"""A sheet's points, from what the sheet holds (no query): general points from
the reviewed (or self-assessed) criteria, task points from its task figures
under its pack, and the period score (Decree 335 arts. 12–16; EVAL-01)."""

from __future__ import annotations

from decimal import Decimal

from canbo.evaluation.models import Sheet
from canbo.policy.packs import Pack, general_problems
from canbo.policy.scoring import (
    NoAssignedWorkError,
    OutcomeSums,
    leader_points_of,
    period_score,
    points_of,
)


def pack_of(sheet: Sheet) -> Pack:
    from canbo.evaluation.packs import resolve

    return resolve(sheet.pack)


def as_points(raw: dict[str, object]) -> dict[str, Decimal]:
    return {code: Decimal(str(value)) for code, value in raw.items()}


def general_of(sheet: Sheet, pack: Pack | None = None) -> Decimal | None:
    """The general points: the reviewer's where given, else the person's own;
    None until every criterion has valid points."""
    points = as_points(sheet.review_points or sheet.self_points)
    if not points or general_problems(pack or pack_of(sheet), points):
        return None
    return sum(points.values(), Decimal(0))


def task_of(sheet: Sheet) -> Decimal | None:
    """The task points; None without assigned work (no task score, not zero),
    and for a leader until the review gives the leader components."""
    sums = OutcomeSums(sheet.assigned, sheet.completed, sheet.quality, sheet.progress)
    try:
        if not sheet.is_leader:
            return Decimal(str(points_of(sums)))
        parts = (sheet.unit_result, sheet.organise, sheet.unite)
        if any(part is None for part in parts):
            return None
        return Decimal(
            str(
                leader_points_of(
                    sums,
                    unit_result=float(sheet.unit_result or 0),
                    organise=float(sheet.organise or 0),
                    unite=float(sheet.unite or 0),
                )
            )
        )
    except NoAssignedWorkError:
        return None


def scored(sheet: Sheet, pack: Pack | None = None) -> Sheet:
    """Set the sheet's general points, task points and score; return it."""
    sheet.general_points = general_of(sheet, pack)
    sheet.task_points = task_of(sheet)
    if sheet.general_points is None or sheet.task_points is None:
        sheet.score = None
    else:
        total = period_score(float(sheet.general_points), float(sheet.task_points))
        sheet.score = Decimal(str(total))
    return sheet
