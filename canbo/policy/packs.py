"""Policy packs: the named, versioned sets of evaluation rules and parameters.

A period is scored with the pack chosen by its dates and the person's category
(`pack_for`). A province or agency may derive its own pack from a built-in one
(`derive`), changing the general criteria, the leader components and the cadence
within the decree's limits (`pack_problems`). Every setting the published texts
leave open (rules.md §14) is named in `OPEN_SETTINGS` with why, so the interface
can mark it.

Built-in packs:
- ND335_2026: công chức, from 1/1/2026 (Nghị định 335/2025/NĐ-CP arts. 12–21).
- ND233_2026: viên chức, from 1/7/2026 (Nghị định 233/2026/NĐ-CP arts. 10–15).
- ND90_2020: both, before those dates, as amended by Nghị định 48/2023; viên chức
  of a unit without its own evaluation rules at the end of 2026 (233 art. 20.1).
- QD366_2025: Party members and collectives (Quy định 366-QĐ/TW, 30/8/2025).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

GENERAL_POINTS = Decimal(30)


class Cadence(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"


class Category(StrEnum):
    """Who a pack rates (the staff categories of canbo.people, plus the Party)."""

    CADRE = "can_bo"
    CIVIL_SERVANT = "cong_chuc"
    PUBLIC_EMPLOYEE = "vien_chuc"
    PARTY = "dang_vien"


class LeaderComponent(StrEnum):
    """Decree 335 art. 15: what leaders are scored on besides their own products."""

    UNIT_RESULT = "unit_result"  # d: every subordinate at HTNV or above → 1, else 0.5
    ORGANISE = "organise"  # đ: capacity to organise implementation
    UNITE = "unite"  # e: capacity to unite the staff, scored by the superior


@dataclass(frozen=True)
class Criterion:
    """A general criterion, scored from 0 to `points` (the points sum to 30)."""

    code: str
    group: str  # a: qualities and discipline; b: competence; c: innovation
    name: str
    points: Decimal


@dataclass(frozen=True)
class Pack:
    code: str
    title: str
    source: str
    categories: frozenset[Category]
    valid_from: date
    valid_to: date | None
    criteria: tuple[Criterion, ...]
    leader_components: tuple[LeaderComponent, ...] = tuple(LeaderComponent)
    cadence: Cadence = Cadence.MONTH
    deduction: Decimal = Decimal("0.25")  # per failed review or delay (art. 14)
    quota_percent: int = 20  # excellent ≤ 20 % of good (art. 20.5.a)
    raised_quota_percent: int = 25  # unit recognised as excellent (art. 20.5.b)
    head_capped_by_unit: bool = False  # LINK-01
    min_months_worked: int = 6  # PER-03: fewer → not classified
    derived_from: str = ""
    open_settings: frozenset[str] = field(default_factory=frozenset)

    def in_force(self, day: date) -> bool:
        return self.valid_from <= day and (
            self.valid_to is None or day <= self.valid_to
        )

    @property
    def general_points(self) -> Decimal:
        return sum((c.points for c in self.criteria), Decimal(0))


# Settings that no published text found fixes (rules.md §14); the UI marks them.
OPEN_SETTINGS: dict[str, str] = {
    "points_scale": "Decree 90/2020 rates by conditions on each criterion, not on "
    "100 points; canbo scores its periods on the scale of Decree 335.",
    "criteria": "The split of the 30 general points into criteria is not in the "
    "texts found (Decree 335 art. 12; Decree 233 leaves it to each unit's rules).",
    "leader_components": "The weights of the leader components (Decree 335 art. 15) "
    "and the art. 16 formula are published only as images.",
    "deduction": "25 % per failed review or delay is from press summaries of "
    "Decree 335 art. 14.",
    "quota_rounding": "The texts do not say how 20 % of the good ratings is rounded; "
    "rounding down is the conservative choice.",
    "head_capped_by_unit": "Verified for viên chức (Decree 233 art. 12.7); not found "
    "for công chức under Decree 335.",
    "min_months_worked": "Verified for viên chức (Decree 233 art. 14); the Decree 335 "
    "counterpart was not seen.",
    "annual_mean": "The annual score is the mean of the period scores (Decree 335 "
    "art. 21); simple or weighted is not stated: canbo takes the simple mean over "
    "the periods actually worked.",
    "cadence": "Monthly or quarterly is chosen by the agency's own rules.",
}


def _criteria(*rows: tuple[str, str, str, str]) -> tuple[Criterion, ...]:
    return tuple(
        Criterion(code, group, name, Decimal(p)) for code, group, name, p in rows
    )


# Decree 335 art. 12 names three groups; the split of 30 points is a default.
GENERAL_CRITERIA = _criteria(
    ("a1", "a", "Phẩm chất chính trị", "3"),
    ("a2", "a", "Đạo đức, lối sống", "3"),
    ("a3", "a", "Văn hóa công vụ, tác phong, lề lối làm việc", "2"),
    ("a4", "a", "Ý thức tổ chức kỷ luật", "2"),
    ("b1", "b", "Năng lực chuyên môn, nghiệp vụ theo vị trí việc làm", "4"),
    ("b2", "b", "Tinh thần trách nhiệm trong thực thi nhiệm vụ", "3"),
    ("b3", "b", "Thái độ phục vụ Nhân dân, doanh nghiệp", "3"),
    ("b4", "b", "Khả năng phối hợp, hợp tác", "2"),
    ("c1", "c", "Đổi mới, sáng tạo", "4"),
    ("c2", "c", "Dám nghĩ, dám làm, dám chịu trách nhiệm", "4"),
)

ND335_2026 = Pack(
    code="ND335_2026",
    title="Nghị định 335/2025/NĐ-CP — công chức",
    source="Nghị định 335/2025/NĐ-CP arts. 12–21",
    categories=frozenset({Category.CIVIL_SERVANT, Category.CADRE}),
    valid_from=date(2026, 1, 1),
    valid_to=None,
    criteria=GENERAL_CRITERIA,
    open_settings=frozenset(OPEN_SETTINGS),
)
ND233_2026 = replace(
    ND335_2026,
    code="ND233_2026",
    title="Nghị định 233/2026/NĐ-CP — viên chức",
    source="Nghị định 233/2026/NĐ-CP arts. 10–15",
    categories=frozenset({Category.PUBLIC_EMPLOYEE}),
    valid_from=date(2026, 7, 1),
    head_capped_by_unit=True,
    open_settings=frozenset(OPEN_SETTINGS)
    - {"head_capped_by_unit", "min_months_worked"},
)
ND90_2020 = replace(
    ND335_2026,
    code="ND90_2020",
    title="Nghị định 90/2020/NĐ-CP, sửa đổi bởi Nghị định 48/2023/NĐ-CP",
    source="Nghị định 90/2020/NĐ-CP; Nghị định 48/2023/NĐ-CP",
    categories=frozenset(
        {Category.CIVIL_SERVANT, Category.CADRE, Category.PUBLIC_EMPLOYEE}
    ),
    valid_from=date(2020, 9, 15),
    valid_to=date(2026, 12, 31),
    head_capped_by_unit=True,
    # Decree 90 rates by conditions, not on 100 points; canbo uses the same scale.
    open_settings=frozenset(OPEN_SETTINGS) | {"points_scale"},
)
QD366_2025 = replace(
    ND335_2026,
    code="QD366_2025",
    title="Quy định 366-QĐ/TW — đảng viên và tập thể",
    source="Quy định 366-QĐ/TW (30/8/2025) arts. 8–11",
    categories=frozenset({Category.PARTY}),
    valid_from=date(2025, 8, 30),
    cadence=Cadence.QUARTER,
    open_settings=frozenset(OPEN_SETTINGS),
)
BUILT_IN = (ND335_2026, ND233_2026, ND90_2020, QD366_2025)


def pack_for(category: Category, day: date, *, unit_has_own_rules: bool = True) -> Pack:
    """Return the built-in pack for a person of `category` on `day`.

    Viên chức of a unit that had not issued its own evaluation rules are rated
    under Decree 90 until the end of 2026 (Decree 233 art. 20.1).
    """
    late_rules = category == Category.PUBLIC_EMPLOYEE and not unit_has_own_rules
    if late_rules and ND90_2020.in_force(day):
        return ND90_2020
    for pack in (ND335_2026, ND233_2026, QD366_2025):
        if category in pack.categories and pack.in_force(day):
            return pack
    if category in ND90_2020.categories and ND90_2020.in_force(day):
        return ND90_2020
    raise LookupError(f"no evaluation rules for {category} on {day:%d/%m/%Y}")


def derive(base: Pack, code: str, title: str, **changes: object) -> Pack:
    """Return a pack of a province or agency derived from `base` (validate it with
    `pack_problems` before use)."""
    return replace(base, code=code, title=title, derived_from=base.code, **changes)  # type: ignore[arg-type]


def pack_problems(pack: Pack) -> tuple[str, ...]:
    """Return why a pack cannot be used, as reason codes (empty when valid).

    "criteria_not_30": the general criteria must sum to 30 points (art. 12);
    "criterion_points": each criterion is worth more than 0 points;
    "criterion_codes": codes are unique and not empty;
    "quota_above_decree": at most 20 %, or 25 % when raised (art. 20.5);
    "deduction_range": a deduction between 0 and 1 per event;
    "min_months_range": from 0 to 12 months.
    """
    problems: list[str] = []
    if pack.general_points != GENERAL_POINTS:
        problems.append("criteria_not_30")
    if any(c.points <= 0 for c in pack.criteria):
        problems.append("criterion_points")
    codes = [c.code.strip() for c in pack.criteria]
    if "" in codes or len(set(codes)) != len(codes):
        problems.append("criterion_codes")
    if not (0 <= pack.quota_percent <= 20 and 0 <= pack.raised_quota_percent <= 25):
        problems.append("quota_above_decree")
    if not 0 < pack.deduction <= 1:
        problems.append("deduction_range")
    if not 0 <= pack.min_months_worked <= 12:
        problems.append("min_months_range")
    return tuple(problems)


def general_problems(pack: Pack, points: Mapping[str, Decimal]) -> dict[str, str]:
    """Check a person's general points against the pack's criteria (art. 12).

    Returns criterion code → "missing" or "out_of_range" (below 0 or above the
    criterion's points), and unknown codes → "unknown"; empty when valid. The
    total cannot then exceed 30, since the criteria sum to 30.
    """
    problems: dict[str, str] = {}
    for criterion in pack.criteria:
        value = points.get(criterion.code)
        if value is None:
            problems[criterion.code] = "missing"
        elif not 0 <= value <= criterion.points:
            problems[criterion.code] = "out_of_range"
    known = {c.code for c in pack.criteria}
    problems.update({code: "unknown" for code in points if code not in known})
    return problems


def built_in(code: str) -> Pack:
    """Return the built-in pack named `code`."""
    for pack in BUILT_IN:
        if pack.code == code:
            return pack
    raise LookupError(code)
