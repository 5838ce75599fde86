"""The 12-digit citizen identity number (số định danh cá nhân, CCCD).

Source: Thông tư 59/2021/TT-BCA art. 7 (structure): three digits for the province of
birth registration, one digit for sex and century of birth, two digits for the
year of birth, six random digits.
"""

from __future__ import annotations

from datetime import date

# Province codes of birth registration (Thông tư 59/2021/TT-BCA, Phụ lục). They
# stay valid for numbers already issued after the provinces merged in 2025.
PROVINCE_CODES = frozenset(
    {
        "001", "002", "004", "006", "008", "010", "011", "012", "014", "015",
        "017", "019", "020", "022", "024", "025", "026", "027", "030", "031",
        "033", "034", "035", "036", "037", "038", "040", "042", "044", "045",
        "046", "048", "049", "051", "052", "054", "056", "058", "060", "062",
        "064", "066", "067", "068", "070", "072", "074", "075", "077", "079",
        "080", "082", "083", "084", "086", "087", "089", "091", "092", "093",
        "094", "095", "096",
    }
)  # fmt: skip

# Birth year // 100 -> digit for a man; a woman's digit is one more.
_CENTURY_DIGIT = {19: 0, 20: 2, 21: 4, 22: 6, 18: 8}


def sex_century_digit(birth_year: int, sex: str) -> int:
    """Return the fourth digit for a person born in `birth_year` of `sex`."""
    return _CENTURY_DIGIT[birth_year // 100] + (1 if sex == "F" else 0)


def citizen_id_problems(
    number: str, *, birth_date: date | None = None, sex: str | None = None
) -> tuple[str, ...]:
    """Return the reasons `number` is not a valid citizen ID for this person.

    Codes: "format" (not exactly 12 digits), "province" (unknown province code),
    "sex_mismatch" and "birth_year_mismatch" (digits 4–6 disagree with the
    person's sex or year of birth). An empty tuple means valid.
    """
    if len(number) != 12 or not number.isascii() or not number.isdigit():
        return ("format",)
    problems: list[str] = []
    if number[:3] not in PROVINCE_CODES:
        problems.append("province")
    if birth_date is not None and sex in ("M", "F"):
        century = birth_date.year // 100
        if century not in _CENTURY_DIGIT:
            problems.append("birth_year_mismatch")
            return tuple(problems)
        expected = sex_century_digit(birth_date.year, sex)
        digit = int(number[3])
        if digit // 2 != expected // 2 or number[4:6] != f"{birth_date.year % 100:02d}":
            problems.append("birth_year_mismatch")
        elif digit != expected:
            problems.append("sex_mismatch")
    return tuple(problems)
