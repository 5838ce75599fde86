from __future__ import annotations

from datetime import date
from typing import Any

import factory

from canbo.org.tests.factories import UnitFactory
from canbo.people.models import Assignment, Person, Relative
from canbo.policy.citizen_id import sex_century_digit
from canbo.policy.text import fold, name_sort_key


def citizen_id_for(
    birth_date: date, sex: str, serial: int, province: str = "001"
) -> str:
    """Return a valid CCCD for this birth date and sex (serial keeps it unique)."""
    return f"{province}{sex_century_digit(birth_date.year, sex)}{birth_date.year % 100:02d}{serial % 1_000_000:06d}"


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    sex = "M"
    birth_date = date(1985, 6, 15)
    citizen_id = factory.LazyAttributeSequence(
        lambda o, n: citizen_id_for(o.birth_date, o.sex, 100000 + n)
    )
    category = Person.Category.CIVIL_SERVANT
    unit = factory.SubFactory(UnitFactory)

    @classmethod
    def _create(cls, model_class: type[Person], *args: Any, **kwargs: Any) -> Person:
        kwargs["search_name"] = fold(kwargs["full_name"])
        kwargs["sort_name"] = name_sort_key(kwargs["full_name"])
        kwargs["unit_path"] = kwargs["unit"].path
        return super()._create(model_class, *args, **kwargs)


class AssignmentFactory(factory.django.DjangoModelFactory[Assignment]):
    class Meta:
        model = Assignment

    person = factory.SubFactory(PersonFactory)
    unit = factory.LazyAttribute(lambda o: o.person.unit)
    start_date = date(2015, 1, 1)


class RelativeFactory(factory.django.DjangoModelFactory[Relative]):
    class Meta:
        model = Relative

    person = factory.SubFactory(PersonFactory)
    relation = Relative.Relation.SPOUSE
    full_name = "Trần Thị Bình"
    birth_year = 1987
