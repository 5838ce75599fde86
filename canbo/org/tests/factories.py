from __future__ import annotations

from typing import Any

import factory

from canbo.org.models import JobPosition, Post, Unit, path_segment


class UnitFactory(factory.django.DjangoModelFactory[Unit]):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.Sequence(lambda n: f"Phòng thử nghiệm {n}")
    kind = Unit.Kind.DIVISION
    parent = None
    staffing_quota = 10

    @classmethod
    def _create(cls, model_class: type[Unit], *args: Any, **kwargs: Any) -> Unit:
        parent = kwargs.get("parent")
        kwargs["depth"] = parent.depth + 1 if parent else 0
        unit = super()._create(model_class, *args, **kwargs)
        unit.path = (parent.path if parent else "") + path_segment(unit.pk)
        unit.save(update_fields=["path"])
        return unit


class PostFactory(factory.django.DjangoModelFactory[Post]):
    class Meta:
        model = Post
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"POST{n}")
    name = factory.Sequence(lambda n: f"Chức vụ {n}")
    rank = 10


class JobPositionFactory(factory.django.DjangoModelFactory[JobPosition]):
    class Meta:
        model = JobPosition

    code = factory.Sequence(lambda n: f"VTVL{n:03d}")
    name = factory.Sequence(lambda n: f"Chuyên viên nghiệp vụ {n}")
    competencies = "Soạn thảo văn bản | 3\nTin học | 2"
