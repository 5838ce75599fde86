from __future__ import annotations

from datetime import date

import pytest

from canbo.policy.citizen_id import citizen_id_problems

BORN_1985 = date(1985, 6, 15)
BORN_2003 = date(2003, 1, 2)


@pytest.mark.parametrize(
    ("number", "birth", "sex", "problems"),
    [
        ("001085012345", BORN_1985, "M", ()),
        ("079185012345", BORN_1985, "F", ()),
        ("038203000001", BORN_2003, "M", ()),
        ("038303000001", BORN_2003, "F", ()),
        ("00108501234", BORN_1985, "M", ("format",)),  # 11 digits
        ("0010850123456", BORN_1985, "M", ("format",)),  # 13 digits
        ("00108501234A", BORN_1985, "M", ("format",)),
        ("００1085012345", BORN_1985, "M", ("format",)),  # full-width digits
        ("003085012345", BORN_1985, "M", ("province",)),  # 003 is not a province code
        ("001185012345", BORN_1985, "M", ("sex_mismatch",)),
        ("001084012345", BORN_1985, "M", ("birth_year_mismatch",)),
        (
            "001285012345",
            BORN_1985,
            "M",
            ("birth_year_mismatch",),
        ),  # 21st-century digit
        ("001085012345", None, None, ()),  # format and province only
    ],
)
def test_citizen_id_problems(
    number: str, birth: date | None, sex: str | None, problems: tuple[str, ...]
) -> None:
    assert citizen_id_problems(number, birth_date=birth, sex=sex) == problems
