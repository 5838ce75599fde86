"""Sheets with self-reviews, runs, findings and template texts for the integrity tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import factory

from canbo.accounts.tests.factories import UserFactory
from canbo.evaluation.models import Period, Sheet
from canbo.integrity.models import Detector, Finding, Run, TemplateText
from canbo.org.models import Unit
from canbo.people.models import Person

YEAR = 2026


def month(unit: Unit, number: int, year: int = YEAR) -> Period:
    """The published monthly period `number` of `unit` (created once)."""
    start = date(year, number, 1)
    end = date(year + (number == 12), number % 12 + 1, 1)
    period, _created = Period.objects.get_or_create(
        unit=unit, kind=Period.Kind.MONTH, start=start,
        defaults={
            "unit_path": unit.path, "end": date.fromordinal(end.toordinal() - 1),
            "status": Period.Status.PUBLISHED, "self_deadline": start,
            "review_deadline": start, "decision_deadline": start,
            "opened_by": UserFactory(),
        },
    )  # fmt: skip
    return period


def sheet(person: Person, period: Period, text: str, **values: Any) -> Sheet:
    """A submitted sheet of `person` in `period` with this self-review."""
    return Sheet.objects.create(
        period=period, person=person, unit=person.unit, unit_path=person.unit_path,
        pack="ND335_2026", status=Sheet.Status.SUBMITTED, self_review=text, **values,
    )  # fmt: skip


class TemplateTextFactory(factory.django.DjangoModelFactory[TemplateText]):
    class Meta:
        model = TemplateText

    title = factory.Sequence(lambda n: f"Mẫu tự đánh giá {n}")
    text = (
        "Tôi luôn chấp hành tốt chủ trương của Đảng, chính sách pháp luật của Nhà nước."
    )

    @classmethod
    def _create(
        cls, model_class: type[TemplateText], *args: Any, **kwargs: Any
    ) -> TemplateText:
        kwargs["unit_path"] = kwargs["unit"].path
        return super()._create(model_class, *args, **kwargs)


class RunFactory(factory.django.DjangoModelFactory[Run]):
    class Meta:
        model = Run

    detectors = factory.LazyFunction(lambda: [Detector.COPIED.value])
    year = YEAR
    status = Run.Status.DONE
    progress = 100

    @classmethod
    def _create(cls, model_class: type[Run], *args: Any, **kwargs: Any) -> Run:
        kwargs["unit_path"] = kwargs["unit"].path
        return super()._create(model_class, *args, **kwargs)


class FindingFactory(factory.django.DjangoModelFactory[Finding]):
    class Meta:
        model = Finding

    run = factory.SubFactory(RunFactory, unit=factory.SelfAttribute("..unit"))
    detector = Detector.COPIED
    statistic = Decimal("0.8700")
    threshold = Decimal("0.5000")
    comparison = "self-reviews of Phòng Tổ chức, biên chế in 10/2026"
    summary = "Nguyễn Văn An and Trần Thị Bích wrote self-reviews 87% alike in 10/2026"
    evidence = factory.LazyFunction(dict)

    @classmethod
    def _create(cls, model_class: type[Finding], *args: Any, **kwargs: Any) -> Finding:
        kwargs["unit_path"] = kwargs["unit"].path
        return super()._create(model_class, *args, **kwargs)
