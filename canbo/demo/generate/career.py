"""A staff member's career: age, rank, salary step, education, training and Party membership.

Ages follow the commune-level distribution of 31/12/2024 (under 45: 59 %,
45–55: 31 %, over 55: 10 %); nobody is past retirement (canbo.policy.retirement)
or younger than 22 on the reference date.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from canbo.demo.generate import catalogue
from canbo.policy.retirement import retirement_date

# (lowest age, highest age, weight) per role.
AGE_BANDS: dict[str, tuple[tuple[int, int, int], ...]] = {
    "staff": ((22, 44, 59), (45, 55, 31), (56, 61, 10)),
    "deputy": ((32, 44, 40), (45, 55, 45), (56, 61, 15)),
    "head": ((36, 44, 25), (45, 55, 55), (56, 61, 20)),
    "contract": ((20, 44, 60), (45, 55, 30), (56, 61, 10)),
}


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def birth_date(rng: random.Random, role: str, sex: str, today: date) -> date:
    """Draw a birth date for `role`, redrawing anyone who would already have retired."""
    bands = AGE_BANDS[role]
    for _attempt in range(20):
        low, high, _ = rng.choices(bands, [weight for *_, weight in bands])[0]
        born = add_years(today, -rng.randint(low, high)) - timedelta(
            days=rng.randint(0, 364)
        )
        # Only the over-55s can be past retirement; skip the exact check for the rest.
        if high < 55 or retirement_date(born, sex) >= today:  # type: ignore[arg-type]
            return born
    return add_years(today, -40)


def age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def random_day(rng: random.Random, start: date, end: date) -> date:
    """A day between `start` and `end` inclusive (`start` when the range is empty)."""
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def recruited_on(rng: random.Random, born: date, today: date, *, support: bool) -> date:
    """The recruitment date: after graduation (or 19 for support staff), never before 18."""
    years = age(born, today)
    first = 19 if support else 22
    start = add_years(born, min(first, years))
    latest = add_years(born, max(first, min(years, first + 10)))
    day = random_day(rng, start, min(latest, today - timedelta(days=30)))
    return max(day, add_years(born, 18))


@dataclass(frozen=True)
class Rank:
    name: str
    step: int | None
    coefficient: Decimal | None


def rank(
    rng: random.Random, ladder_key: str, role: str, post_rank: int, years_served: int
) -> Rank:
    """Pick the rank on the ladder (higher for leaders and long service) and the salary step."""
    ladder = catalogue.LADDERS[ladder_key]
    entry = 1 if ladder_key == "civil" and rng.random() > 0.08 else 0
    if role == "head":
        up = (
            2
            if post_rank >= 75 and rng.random() < 0.5
            else 1
            if rng.random() < 0.8
            else 0
        )
    elif role == "deputy":
        up = (
            2
            if post_rank >= 75 and rng.random() < 0.15
            else 1
            if rng.random() < 0.6
            else 0
        )
    else:
        chance = 0.05 if years_served < 10 else 0.3 if years_served < 20 else 0.45
        up = 1 if rng.random() < chance else 0
    tier = min(len(ladder) - 1, entry + up)
    name, scale = ladder[tier]
    per_step = 2 if scale == "B" else 3
    step = max(
        1,
        min(
            catalogue.max_step(scale),
            1 + (years_served - 6 * (tier - entry)) // per_step,
        ),
    )
    return Rank(name, step, catalogue.coefficient(scale, step))


EDUCATION: dict[str, tuple[tuple[str, int], ...]] = {
    "support": (("secondary", 50), ("vocational", 40), ("college", 10)),
    "teacher": (("bachelor", 80), ("master", 15), ("college", 5)),
    "doctor": (("bachelor", 55), ("master", 35), ("doctor", 10)),
    "health": (("college", 40), ("bachelor", 55), ("vocational", 5)),
    "commune": (("bachelor", 88), ("master", 5), ("college", 4), ("vocational", 3)),
    "office": (("bachelor", 78), ("master", 19), ("doctor", 1), ("college", 2)),
    "leader": (("bachelor", 50), ("master", 45), ("doctor", 5)),
}

MAJORS: dict[str, tuple[str, ...]] = {
    "GV_MN": ("Sư phạm Mầm non",),
    "GV_TH": ("Sư phạm Tiểu học", "Sư phạm Tiếng Anh", "Sư phạm Âm nhạc"),
    "GV_THCS": (
        "Sư phạm Toán",
        "Sư phạm Ngữ văn",
        "Sư phạm Tiếng Anh",
        "Sư phạm Vật lý",
        "Sư phạm Lịch sử",
    ),
    "GV_THPT": (
        "Sư phạm Toán",
        "Sư phạm Ngữ văn",
        "Sư phạm Hóa học",
        "Sư phạm Sinh học",
        "Sư phạm Tin học",
    ),
    "BS": ("Y khoa", "Y học dự phòng", "Y học cổ truyền"),
    "DD": ("Điều dưỡng",),
    "HS": ("Hộ sinh",),
    "KTY": ("Kỹ thuật xét nghiệm y học", "Kỹ thuật hình ảnh y học"),
    "DS": ("Dược học",),
    "KT": ("Kế toán", "Tài chính - Ngân hàng"),
    "CC_TCKT": ("Kế toán",),
    "CNTT": ("Công nghệ thông tin",),
    "TTV": ("Luật", "Kinh tế"),
    "CV_TP": ("Luật",),
    "CC_TP": ("Luật",),
    "CV_XD": ("Kỹ thuật xây dựng", "Kiến trúc"),
    "CC_DC": ("Quản lý đất đai", "Kỹ thuật xây dựng"),
    "CV_TNMT": ("Quản lý đất đai", "Khoa học môi trường"),
    "CV_NN": ("Nông học", "Lâm nghiệp", "Chăn nuôi - Thú y"),
    "VC_KS": ("Kỹ thuật xây dựng", "Kỹ thuật điện", "Nông học"),
}
GENERAL_MAJORS = (
    "Luật",
    "Kinh tế",
    "Quản lý nhà nước",
    "Hành chính học",
    "Quản trị kinh doanh",
    "Xã hội học",
)


def education_key(position: str, role: str, sector: str, support: bool) -> str:
    if support:
        return "support"
    if role in ("head", "deputy"):
        return "leader"
    if position.startswith("GV_"):
        return "teacher"
    if position == "BS":
        return "doctor"
    if sector == "health":
        return "health"
    return "commune" if sector == "commune" else "office"


def education(rng: random.Random, key: str, position: str) -> tuple[str, str]:
    """Return (education level, field of study)."""
    level = rng.choices([v for v, _ in EDUCATION[key]], [w for _, w in EDUCATION[key]])[
        0
    ]
    if level in ("secondary", "vocational") and key == "support":
        return level, ""
    return level, rng.choice(MAJORS.get(position, GENERAL_MAJORS))


def training(
    rng: random.Random, role: str, post_rank: int, category: str
) -> tuple[str, str]:
    """Return (political theory, state management) levels."""
    if role == "head" and post_rank >= 75:
        return rng.choice(("advanced", "advanced", "bachelor")), rng.choice(
            ("senior", "principal")
        )
    if role in ("head", "deputy"):
        theory = (
            "advanced" if post_rank >= 55 and rng.random() < 0.6 else "intermediate"
        )
        return theory, rng.choice(("principal", "principal", "specialist"))
    if category == "hop_dong":
        return "", ""
    theory = rng.choices(("", "elementary", "intermediate"), (40, 50, 10))[0]
    civil = category in ("cong_chuc", "can_bo")
    management = rng.choices(
        ("", "specialist", "principal"), (50, 45, 5) if civil else (80, 20, 0)
    )[0]
    return theory, management


PARTY_SHARE = {
    "head": 0.98,
    "deputy": 0.95,
    "can_bo": 1.0,
    "cong_chuc": 0.55,
    "vien_chuc": 0.35,
    "hop_dong": 0.05,
}


def party_join_date(
    rng: random.Random, role: str, category: str, born: date, today: date
) -> date | None:
    share = PARTY_SHARE.get(role, PARTY_SHARE[category])
    if rng.random() >= share:
        return None
    years = age(born, today)
    joined = add_years(born, rng.randint(min(20, years), max(20, min(years - 1, 40))))
    joined += timedelta(days=rng.randint(0, 364))
    return min(max(joined, add_years(born, 18)), today - timedelta(days=60))
