from __future__ import annotations

from datetime import date
from typing import Any

import factory

from canbo.org.tests.factories import PostFactory, UnitFactory
from canbo.people.tests.factories import PersonFactory
from canbo.training.models import Kind, Standard, Target, Training


class TrainingFactory(factory.django.DjangoModelFactory[Training]):
    class Meta:
        model = Training

    person = factory.SubFactory(PersonFactory)
    unit = factory.LazyAttribute(lambda o: o.person.unit)
    kind = Kind.DEGREE
    level = "bachelor"
    field = "Luật"
    institution = "Trường Đại học Luật Hà Nội"
    start_date = date(2004, 9, 1)
    end_date = date(2008, 6, 30)

    @classmethod
    def _create(
        cls, model_class: type[Training], *args: Any, **kwargs: Any
    ) -> Training:
        kwargs["unit_path"] = kwargs["unit"].path
        return super()._create(model_class, *args, **kwargs)


class StandardFactory(factory.django.DjangoModelFactory[Standard]):
    class Meta:
        model = Standard

    post = factory.SubFactory(PostFactory)
    degree = "bachelor"
    theory = "intermediate"
    state_management = "principal"


class TargetFactory(factory.django.DjangoModelFactory[Target]):
    class Meta:
        model = Target

    unit = factory.SubFactory(UnitFactory)
    unit_path = factory.LazyAttribute(lambda o: o.unit.path)
    name = "Lãnh đạo có trình độ thạc sĩ trở lên"
    population = Target.Population.LEADERS
    kind = Kind.DEGREE
    level = "master"
    threshold_percent = 30
