from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import factory

from canbo.accounts.tests.factories import UserFactory
from canbo.discipline.models import Discipline
from canbo.people.tests.factories import PersonFactory
from canbo.policy.discipline import Form, period_end


class DisciplineFactory(factory.django.DjangoModelFactory[Discipline]):
    """A record under review by default; `decided_on=<date>` makes it decided
    (a reprimand unless `form` says otherwise), in effect from that day."""

    class Meta:
        model = Discipline

    class Params:
        decided_on: date | None = None

    person = factory.SubFactory(PersonFactory)
    unit = factory.LazyAttribute(lambda o: o.person.unit)
    violation = "Chậm giải quyết hồ sơ của công dân"
    violation_date = factory.LazyAttribute(
        lambda o: (o.decided_on or date(2026, 6, 1)) - timedelta(days=60)
    )
    review_started = factory.LazyAttribute(
        lambda o: (o.decided_on or date(2026, 6, 1)) - timedelta(days=30)
    )
    stage = factory.LazyAttribute(
        lambda o: Discipline.Stage.DECIDED if o.decided_on else Discipline.Stage.REVIEW
    )
    form = factory.LazyAttribute(
        lambda o: Discipline.Form.REPRIMAND if o.decided_on else ""
    )
    decision_ref = factory.LazyAttribute(lambda o: "12/QĐ-SNV" if o.decided_on else "")
    decision_date = factory.LazyAttribute(lambda o: o.decided_on)
    effective_from = factory.LazyAttribute(lambda o: o.decided_on)
    created_by = factory.SubFactory(UserFactory)

    @classmethod
    def _create(
        cls, model_class: type[Discipline], *args: Any, **kwargs: Any
    ) -> Discipline:
        kwargs["unit_path"] = kwargs["unit"].path
        start, form = kwargs.get("effective_from"), kwargs.get("form")
        if start and form and form != Form.DISMISSAL:
            kwargs["effective_until"] = period_end(Form(form), start)
        return super()._create(model_class, *args, **kwargs)
