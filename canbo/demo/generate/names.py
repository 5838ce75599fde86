"""Vietnamese names with realistic frequencies, and place names for the demo province.

Surname shares follow the commonly cited national distribution (Nguyễn about 38 %,
Trần 11 %, Lê 9.5 %, Phạm 7 %, …). Ethnic minorities draw from their own surnames.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence

# (surname, weight in tenths of a percent)
SURNAMES: tuple[tuple[str, int], ...] = (
    ("Nguyễn", 384), ("Trần", 112), ("Lê", 95), ("Phạm", 70), ("Hoàng", 31),
    ("Huỳnh", 20), ("Phan", 45), ("Vũ", 20), ("Võ", 19), ("Đặng", 21), ("Bùi", 20),
    ("Đỗ", 14), ("Hồ", 13), ("Ngô", 13), ("Dương", 10), ("Lý", 5), ("Đinh", 6),
    ("Trương", 6), ("Đoàn", 5), ("Hà", 5), ("Lương", 4), ("Trịnh", 4), ("Mai", 4),
    ("Cao", 4), ("Đào", 3), ("Lưu", 3), ("Tạ", 2), ("Chu", 2), ("Phùng", 2),
    ("Lâm", 2), ("Tô", 2), ("Quách", 2), ("Triệu", 2), ("Kiều", 1), ("Vương", 1),
    ("Thái", 1), ("Khúc", 1), ("Nghiêm", 1), ("Lại", 1), ("Văn", 1),
)  # fmt: skip

MINORITY_SURNAMES: dict[str, tuple[str, ...]] = {
    "Mường": ("Bùi", "Đinh", "Quách", "Hà", "Xa", "Bạch"),
    "Tày": ("Nông", "Hoàng", "Lục", "Lương", "Hà", "Ma", "Triệu"),
    "Thái": ("Lò", "Cầm", "Lường", "Hà", "Vi", "Quàng"),
    "Nùng": ("Nông", "Hoàng", "Lăng", "Vi", "Chu"),
    "Dao": ("Bàn", "Triệu", "Đặng", "Lý", "Phàn"),
    "Mông": ("Giàng", "Sùng", "Vàng", "Thào", "Lầu", "Mùa"),
    "Hoa": ("Lý", "Trương", "Lâm", "Quách", "Mã"),
}

# Ethnicity of staff: mostly Kinh (weights in percent).
ETHNICITIES: tuple[tuple[str, int], ...] = (
    ("Kinh", 82), ("Mường", 6), ("Tày", 4), ("Thái", 3), ("Nùng", 1),
    ("Dao", 2), ("Mông", 1), ("Hoa", 1),
)  # fmt: skip

MALE_MIDDLE: tuple[tuple[str, int], ...] = (
    ("Văn", 30), ("Đức", 10), ("Minh", 10), ("Quang", 7), ("Hữu", 7), ("Công", 5),
    ("Quốc", 5), ("Xuân", 5), ("Thanh", 5), ("Ngọc", 4), ("Đình", 4), ("Mạnh", 3),
    ("Duy", 3), ("Thế", 3), ("Trung", 3), ("Tiến", 2), ("Anh", 2), ("Hoàng", 2),
)  # fmt: skip

FEMALE_MIDDLE: tuple[tuple[str, int], ...] = (
    ("Thị", 45), ("Ngọc", 7), ("Thu", 6), ("Thanh", 6), ("Minh", 5), ("Hồng", 5),
    ("Phương", 4), ("Kim", 4), ("Thúy", 3), ("Bích", 3), ("Mai", 3), ("Diệu", 2),
    ("Hải", 2), ("Khánh", 2), ("Lan", 2), ("Thùy", 2),
)  # fmt: skip

# After "Thị", some women carry a second middle name (Nguyễn Thị Thu Hà).
SECOND_FEMALE_MIDDLE = (
    "Thu",
    "Ngọc",
    "Thanh",
    "Minh",
    "Hồng",
    "Kim",
    "Bích",
    "Thúy",
    "Phương",
    "Lan",
)

MALE_GIVEN = (
    "An", "Anh", "Bảo", "Bình", "Cường", "Chiến", "Công", "Dũng", "Duy", "Dương",
    "Đạt", "Đông", "Đức", "Giang", "Hải", "Hào", "Hậu", "Hiếu", "Hiệp", "Hòa",
    "Hoàng", "Hùng", "Huy", "Hưng", "Khang", "Khánh", "Khoa", "Kiên", "Lâm", "Lộc",
    "Long", "Luân", "Mạnh", "Minh", "Nam", "Nghĩa", "Nguyên", "Nhân", "Phong", "Phúc",
    "Phương", "Quân", "Quang", "Quý", "Sơn", "Tài", "Tâm", "Thái", "Thắng", "Thành",
    "Thịnh", "Toàn", "Trung", "Trọng", "Tú", "Tuấn", "Tùng", "Vinh", "Việt", "Vũ",
    "Hiển", "Khải", "Lợi", "Tiến", "Thuận", "Tín", "Thanh", "Hoan", "Kiệt", "Định",
)  # fmt: skip

FEMALE_GIVEN = (
    "An", "Anh", "Bích", "Châu", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh",
    "Hằng", "Hiền", "Hoa", "Hồng", "Huệ", "Huyền", "Hương", "Hường", "Lan", "Liên",
    "Linh", "Loan", "Ly", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nguyệt", "Nhung",
    "Oanh", "Phương", "Phượng", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thanh", "Thắm", "Thơ",
    "Thu", "Thủy", "Thúy", "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Xuân", "Yến",
    "Diệp", "Hậu", "Nhàn", "Tươi", "Vy", "Lụa", "Hạnh", "Dịu",
)  # fmt: skip

MONG_MALE_GIVEN = ("Páo", "Sử", "Dế", "Chứ", "Pó", "Dìa", "Vàng", "Sình", "Lử")
MONG_FEMALE_GIVEN = ("Mỷ", "Sua", "Dua", "Chở", "Lầu", "Mái", "Súa", "Pà")

# Syllables for commune and ward names ("Tân Lập", "Hòa Bình"…).
PLACE_FIRST = (
    "Tân", "Hòa", "Đồng", "Thanh", "Phú", "An", "Bình", "Xuân", "Hợp", "Quang",
    "Minh", "Vĩnh", "Phúc", "Trung", "Kim", "Lạc", "Yên", "Mỹ", "Hưng", "Cao",
    "Đông", "Tây", "Nam", "Thịnh", "Hồng", "Thượng", "Liên", "Tiền", "Hiệp", "Đại",
    "Nghĩa", "Thuận", "Long", "Sơn", "Lâm", "Thái", "Đức", "Hải", "Ngọc", "Quảng",
)  # fmt: skip
PLACE_SECOND = (
    "Lập", "Bình", "Tâm", "Sơn", "Hòa", "Thành", "Lợi", "Phong", "Hưng", "Thịnh",
    "Tiến", "Phú", "Lạc", "An", "Minh", "Xuân", "Mỹ", "Lộc", "Phúc", "Thủy",
    "Hà", "Vinh", "Khê", "Kỳ", "Cường", "Đạt", "Thuận", "Nghĩa", "Trạch", "Điền",
)  # fmt: skip


def weighted(rng: random.Random, table: Sequence[tuple[str, int]]) -> str:
    """Pick a value from (value, weight) pairs."""
    values = [value for value, _ in table]
    weights = [weight for _, weight in table]
    return rng.choices(values, weights)[0]


def ethnicity(rng: random.Random) -> str:
    return weighted(rng, ETHNICITIES)


def surname(rng: random.Random, ethnic: str = "Kinh") -> str:
    pool = MINORITY_SURNAMES.get(ethnic)
    # Many minority families, notably Mường and Tày, also carry common Kinh surnames.
    if pool and rng.random() < 0.7:
        return rng.choice(pool)
    return weighted(rng, SURNAMES)


def full_name(
    rng: random.Random, sex: str, ethnic: str = "Kinh", family: str = ""
) -> str:
    """Return a full name "Surname Middle Given" fitting the sex and ethnicity."""
    family = family or surname(rng, ethnic)
    if ethnic == "Mông":
        middle = "A" if sex == "M" else "Thị"
        given = rng.choice(MONG_MALE_GIVEN if sex == "M" else MONG_FEMALE_GIVEN)
        return f"{family} {middle} {given}"
    if sex == "M":
        middle = weighted(rng, MALE_MIDDLE)
        given = rng.choice(MALE_GIVEN)
    else:
        middle = weighted(rng, FEMALE_MIDDLE)
        if middle == "Thị" and rng.random() < 0.2:
            middle = f"Thị {rng.choice(SECOND_FEMALE_MIDDLE)}"
        given = rng.choice(FEMALE_GIVEN)
    if middle.split()[-1] == given:
        given = rng.choice(MALE_GIVEN if sex == "M" else FEMALE_GIVEN)
    return f"{family} {middle} {given}"


def place_names(rng: random.Random, count: int) -> list[str]:
    """Return `count` distinct two-syllable place names, in a seeded order."""
    pairs = [
        f"{a} {b}" for a, b in itertools.product(PLACE_FIRST, PLACE_SECOND) if a != b
    ]
    rng.shuffle(pairs)
    if count <= len(pairs):
        return pairs[:count]
    extra = [
        f"{name} {n}" for n in range(2, 2 + count // len(pairs) + 1) for name in pairs
    ]
    return (pairs + extra)[:count]
