"""Relatives declared in a staff member's CV: spouse, parents, children."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

from canbo.demo.generate import names
from canbo.people.models import Person, Relative

OCCUPATIONS_WORKING = (
    "Giáo viên", "Kinh doanh tự do", "Làm nông nghiệp", "Công nhân", "Kỹ sư", "Nhân viên văn phòng",
    "Bác sĩ", "Điều dưỡng", "Công chức", "Nội trợ",
)  # fmt: skip
WORKPLACES = (
    "Công ty TNHH Thương mại An Phát",
    "Ủy ban nhân dân xã",
    "Trường Tiểu học",
    "Bệnh viện Đa khoa tỉnh",
    "",
)

NewCitizenId = Callable[[str, date, str], str]


def _occupation(rng: random.Random, birth_year: int, today: date) -> str:
    age = today.year - birth_year
    if age < 18:
        return "Học sinh"
    if age < 23:
        return "Sinh viên"
    if age >= 62:
        return "Hưu trí"
    return rng.choice(OCCUPATIONS_WORKING)


def _relative(
    rng: random.Random, relation: str, full_name: str, birth_year: int, today: date
) -> Relative:
    occupation = _occupation(rng, birth_year, today)
    workplace = rng.choice(WORKPLACES) if occupation in OCCUPATIONS_WORKING else ""
    return Relative(
        relation=relation,
        full_name=full_name,
        birth_year=birth_year,
        occupation=occupation,
        workplace=workplace,
    )


def relatives_of(
    rng: random.Random, person: Person, today: date, new_citizen_id: NewCitizenId
) -> list[Relative]:
    """Return a spouse (most adults), children and, for the younger, their parents."""
    found: list[Relative] = []
    born = person.birth_date
    age = today.year - born.year
    family = person.full_name.split()[0]
    ethnic = person.ethnicity
    spouse_family = family
    if age >= 25 and rng.random() < 0.85:
        spouse_sex = "F" if person.sex == "M" else "M"
        spouse_name = names.full_name(rng, spouse_sex, ethnic)
        spouse_family = spouse_name.split()[0]
        spouse_year = born.year + rng.randint(-3, 5 if person.sex == "M" else 2)
        spouse = _relative(rng, "spouse", spouse_name, spouse_year, today)
        if rng.random() < 0.5:
            spouse.citizen_id = new_citizen_id(
                "017", date(spouse_year, 1, 1), spouse_sex
            )
        found.append(spouse)
    father_family = family if person.sex == "M" else spouse_family
    for _child in range(rng.randint(1, 2) if age >= 28 and found else 0):
        year = born.year + rng.randint(24, 36)
        if year <= today.year:
            child = names.full_name(rng, rng.choice("MF"), ethnic, family=father_family)
            found.append(_relative(rng, "child", child, year, today))
    if age < 50 and rng.random() < 0.6:
        found.append(
            _relative(
                rng,
                "father",
                names.full_name(rng, "M", ethnic, family=family),
                born.year - rng.randint(22, 32),
                today,
            )
        )
        found.append(
            _relative(
                rng,
                "mother",
                names.full_name(rng, "F", ethnic),
                born.year - rng.randint(20, 30),
                today,
            )
        )
    for relative in found:
        relative.person_id = person.pk
    return found
