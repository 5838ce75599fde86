from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory

from canbo.org.tests.factories import JobPositionFactory
from canbo.work.models import Catalogue, ProductGroup, ProductType


class ProductGroupFactory(factory.django.DjangoModelFactory[ProductGroup]):
    class Meta:
        model = ProductGroup
        django_get_or_create = ("code",)

    code = "B"
    name = "Công việc chuyên môn dùng chung"


class CatalogueFactory(factory.django.DjangoModelFactory[Catalogue]):
    class Meta:
        model = Catalogue

    job_position = factory.SubFactory(JobPositionFactory)
    valid_from = date(2026, 1, 1)


class ProductTypeFactory(factory.django.DjangoModelFactory[ProductType]):
    class Meta:
        model = ProductType

    catalogue = factory.SubFactory(CatalogueFactory)
    group = factory.SubFactory(ProductGroupFactory)
    code = factory.Sequence(lambda n: f"SP{n:03d}")
    name = "Văn bản tham mưu"
    unit_of_measure = "văn bản"
    coefficient = Decimal("1.5")
