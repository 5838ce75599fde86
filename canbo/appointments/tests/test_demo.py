from __future__ import annotations

from datetime import date

import pytest

from canbo.appointments import demo
from canbo.appointments.models import Appointment, SelectionRound
from canbo.demo.generate import generate_province
from canbo.org.models import Unit
from canbo.policy.discipline import add_months

TODAY = date(2026, 11, 1)
pytestmark = pytest.mark.django_db


def test_the_demo_gives_leaders_terms_some_ending_soon() -> None:
    generate_province(staff=400, seed=3, today=TODAY)
    root = Unit.objects.get(parent__isnull=True)
    Appointment.objects.all().delete()
    SelectionRound.objects.all().delete()
    written = demo.generate(root_path=root.path, today=TODAY, seed=3)
    terms = Appointment.objects.filter(status="approved")
    assert written == Appointment.objects.count() + 4, SelectionRound.objects.count()
    assert terms.count() > 5
    assert all(t.term_end is not None and t.term_end >= TODAY for t in terms)
    soon = terms.filter(term_end__lte=add_months(TODAY, 6)).count()
    assert 0 < soon < terms.count() / 2
    assert Appointment.objects.filter(status="proposed").count() <= 5
    assert SelectionRound.objects.get().candidates.count() == 3
