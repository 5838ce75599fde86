"""A sheet's points, from what the sheet holds (no query): general points from
the reviewed (or self-assessed) criteria, task points from its task figures
under its pack, and the period score (Decree 335 arts. 12–16; EVAL-01)."""

from __future__ import annotations

from decimal import Decimal

from canbo.evaluation.models import Sheet
from canbo.evaluation.packs import resolve
from canbo.policy.packs import Criterion, Pack, general_problems
from canbo.policy.scoring import (
    NoAssignedWorkError,
    OutcomeSums,
    leader_points_of,
    period_score,
    points_of,
)


def pack_of(sheet: Sheet) -> Pack:
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


def task_points_for(
    sums: OutcomeSums,
    *,
    is_leader: bool,
    parts: tuple[Decimal | None, Decimal | None, Decimal | None] = (None, None, None),
) -> Decimal | None:
    """The task points of a period's sums; None without assigned work (no task
    score, not zero), and for a leader until the review gives the components
    (unit result, capacity to organise, capacity to unite)."""
    try:
        if not is_leader:
            return Decimal(str(points_of(sums)))
        unit_result, organise, unite = parts
        if unit_result is None or organise is None or unite is None:
            return None
        points = leader_points_of(
            sums, unit_result=float(unit_result), organise=float(organise),
            unite=float(unite),
        )  # fmt: skip
        return Decimal(str(points))
    except NoAssignedWorkError:
        return None


def task_of(sheet: Sheet) -> Decimal | None:
    """The task points of a sheet (see `task_points_for`)."""
    sums = OutcomeSums(sheet.assigned, sheet.completed, sheet.quality, sheet.progress)
    parts = (sheet.unit_result, sheet.organise, sheet.unite)
    return task_points_for(sums, is_leader=sheet.is_leader, parts=parts)


def criteria_rows(
    sheet: Sheet, pack: Pack
) -> list[tuple[Criterion, Decimal | None, Decimal | None]]:
    """Each general criterion with the person's points and the reviewer's."""
    own, reviewed = as_points(sheet.self_points), as_points(sheet.review_points)
    return [(c, own.get(c.code), reviewed.get(c.code)) for c in pack.criteria]


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
