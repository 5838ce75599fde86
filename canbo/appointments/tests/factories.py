from __future__ import annotations

from datetime import date

import factory

from canbo.accounts.tests.factories import UserFactory
from canbo.appointments.models import Appointment, SelectionRound
from canbo.org.tests.factories import PostFactory
from canbo.people.tests.factories import PersonFactory
from canbo.policy.appointment import term_end


class TermFactory(factory.django.DjangoModelFactory[Appointment]):
    """An approved term (an appointment already decided)."""

    class Meta:
        model = Appointment

    person = factory.SubFactory(PersonFactory)
    post = factory.SubFactory(PostFactory, rank=20)
    unit = factory.LazyAttribute(lambda o: o.person.unit)
    unit_path = factory.LazyAttribute(lambda o: o.unit.path)
    kind = Appointment.Kind.FIRST
    status = Appointment.Status.APPROVED
    process_started = date(2021, 5, 1)
    decision_ref = "123/QĐ-UBND"
    decision_date = date(2021, 7, 1)
    term_start = date(2021, 7, 1)
    term_end = factory.LazyAttribute(lambda o: term_end(o.term_start))
    created_by = factory.SubFactory(UserFactory)


class ProposalFactory(TermFactory):
    status = Appointment.Status.PROPOSED
    decision_ref = ""
    decision_date = None  # type: ignore[assignment]
    term_start = None  # type: ignore[assignment]
    term_end = None
    process_started = date(2026, 3, 1)


class SelectionRoundFactory(factory.django.DjangoModelFactory[SelectionRound]):
    class Meta:
        model = SelectionRound

    post = factory.SubFactory(PostFactory, rank=20)
    unit = factory.SubFactory("canbo.org.tests.factories.UnitFactory")
    unit_path = factory.LazyAttribute(lambda o: o.unit.path)
    announced_on = date(2026, 3, 1)
    created_by = factory.SubFactory(UserFactory)
