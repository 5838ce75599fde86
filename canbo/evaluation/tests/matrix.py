"""Objects for the permission matrix rows of the evaluation pages."""

from __future__ import annotations

from datetime import date

from canbo.evaluation.models import Period, Sheet
from canbo.evaluation.periods import build_sheets
from canbo.tests.fixtures import Cast


def period(cast: Cast, month: int = 11) -> int:
    """A month of 2026 (November unless told) for division A1: sheets for the
    staff persona and a colleague."""
    unit = cast.org.division_a1
    end = date(2026, month + 1, 1) if month < 12 else date(2027, 1, 1)
    found, created = Period.objects.get_or_create(
        unit=unit, kind=Period.Kind.MONTH, start=date(2026, month, 1),
        defaults={
            "unit_path": unit.path, "end": date.fromordinal(end.toordinal() - 1),
            "self_deadline": date(2026, 12, 3), "review_deadline": date(2026, 12, 5),
            "decision_deadline": date(2026, 12, 8), "opened_by": cast.users["personnel"],
        },
    )  # fmt: skip
    if created:
        build_sheets(found.pk)
    return found.pk


def staff_sheet(cast: Cast) -> int:
    """The staff persona's own sheet, in self-assessment."""
    period(cast)
    return Sheet.objects.get(person=cast.users["staff"].person).pk


def colleague_sheet(cast: Cast, status: str, month: int = 11, **values: object) -> int:
    """Division A1 colleague's sheet in a month, moved to `status`."""
    found = period(cast, month)
    sheet = Sheet.objects.get(person=cast.org.person_a1, period_id=found)
    Sheet.objects.filter(pk=sheet.pk).update(status=status, **values)
    return sheet.pk


def stored_pack(cast: Cast) -> str:
    """A province pack derived from ND335_2026, used by no sheet yet."""
    from canbo.evaluation.models import StoredPack
    from canbo.policy.packs import ND335_2026

    pack, _created = StoredPack.objects.get_or_create(
        code="TTN_2026",
        defaults={
            "title": "Tỉnh Thử Nghiệm 2026", "base": "ND335_2026", "unit": cast.org.province,
            "valid_from": date(2026, 1, 1),
            "criteria": [{"code": c.code, "group": c.group, "name": c.name,
                          "points": str(c.points)} for c in ND335_2026.criteria],
            "leader_components": ["unit_result", "organise", "unite"], "cadence": "month",
            "quota_percent": 15, "raised_quota_percent": 25, "deduction": "0.25",
            "head_capped_by_unit": True, "min_months_worked": 6,
            "created_by": cast.users["admin"],
        },
    )  # fmt: skip
    return pack.code
