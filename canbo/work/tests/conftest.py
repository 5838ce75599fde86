from __future__ import annotations

from dataclasses import dataclass

import pytest

from canbo.people.models import Person
from canbo.people.tests.factories import AssignmentFactory
from canbo.tests.fixtures import Cast
from canbo.work.models import ProductType
from canbo.work.tests.factories import ProductTypeFactory


@dataclass
class Desk:
    """The staff persona (Phạm Minh Châu, division A1) holds a job position with a catalogue."""

    cast: Cast
    worker: Person
    product: ProductType


@pytest.fixture
def desk(cast: Cast) -> Desk:
    worker = cast.users["staff"].person
    assert worker is not None
    product = ProductTypeFactory()
    AssignmentFactory(
        person=worker, unit=worker.unit, job_position=product.catalogue.job_position
    )
    return Desk(cast=cast, worker=worker, product=product)
