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
    age = today.year - person.birth_date.year
    spouse = (
        _spouse(rng, person, today, new_citizen_id)
        if age >= 25 and rng.random() < 0.85
        else None
    )
    found = [spouse] if spouse else []
    if spouse is not None and age >= 28:
        found += _children(rng, person, spouse, today)
    if age < 50 and rng.random() < 0.6:
        found += _parents(rng, person, today)
    for relative in found:
        relative.person_id = person.pk
    return found


def _spouse(
    rng: random.Random, person: Person, today: date, new_citizen_id: NewCitizenId
) -> Relative:
    sex = "F" if person.sex == "M" else "M"
    year = person.birth_date.year + rng.randint(-3, 5 if person.sex == "M" else 2)
    spouse = _relative(
        rng, "spouse", names.full_name(rng, sex, person.ethnicity), year, today
    )
    if rng.random() < 0.5:
        spouse.citizen_id = new_citizen_id("017", date(year, 1, 1), sex)
    return spouse


def _children(
    rng: random.Random, person: Person, spouse: Relative, today: date
) -> list[Relative]:
    """One or two children carrying their father's surname."""
    father = person.full_name if person.sex == "M" else spouse.full_name
    children = []
    for _child in range(rng.randint(1, 2)):
        year = person.birth_date.year + rng.randint(24, 36)
        if year <= today.year:
            name = names.full_name(
                rng, rng.choice("MF"), person.ethnicity, family=father.split()[0]
            )
            children.append(_relative(rng, "child", name, year, today))
    return children


def _parents(rng: random.Random, person: Person, today: date) -> list[Relative]:
    family, year = person.full_name.split()[0], person.birth_date.year
    father = names.full_name(rng, "M", person.ethnicity, family=family)
    mother = names.full_name(rng, "F", person.ethnicity)
    return [
        _relative(rng, "father", father, year - rng.randint(22, 32), today),
        _relative(rng, "mother", mother, year - rng.randint(20, 30), today),
    ]
