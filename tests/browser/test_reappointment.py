"""A reappointment, in a real browser.

A term of the colleague An ends in three months. The personnel officer finds it in
the list of terms ending, with the date the notice is due, proposes the
reappointment, sees the checks pass, records the decision number, and finds the
new term on An's profile.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from canbo.appointments.models import Appointment
from canbo.appointments.tests.factories import TermFactory
from canbo.org.tests.factories import PostFactory
from canbo.people.tests.factories import AssignmentFactory
from canbo.policy.appointment import term_end
from canbo.policy.discipline import add_months
from canbo.tests.fixtures import Cast
from tests.browser.conftest import LogIn

pytestmark = pytest.mark.browser


def test_personnel_reappoints_a_term_that_is_ending(
    page: Page, cast: Cast, log_in: LogIn
) -> None:
    today = timezone.localdate()
    person = cast.org.person_a1
    post = PostFactory(code="PTP", name="Phó Trưởng phòng", rank=20)
    start = add_months(today, 3 - 60)
    held = AssignmentFactory(
        person=person, unit=cast.org.division_a1, post=post, start_date=start
    )
    term = TermFactory(
        person=person, post=post, unit=cast.org.division_a1, term_start=start,
        decision_date=start, process_started=start - timedelta(days=30), assignment=held,
    )  # fmt: skip

    log_in(page, "personnel")
    page.goto("/appointments/")
    row = page.locator(f"#terms tr[data-term='{term.pk}']")
    expect(row).to_contain_text(person.full_name)
    expect(row).to_contain_text(term.term_end.strftime("%d/%m/%Y"))
    row.locator("a.btn").click()

    page.locator("select[name=kind]").select_option("reappointment")
    page.locator("form [type=submit]").last.click()
    expect(page.locator("#checks")).to_be_visible()
    expect(page.locator("#checks .badge-danger")).to_have_count(0)
    expect(page.locator("#checks [data-check='term_not_completed']")).to_have_count(0)

    form = page.locator("#approve form")
    form.locator("input[name=decision_ref]").fill("88/QĐ-SNV")
    form.locator("input[name=decision_date]").fill(today.isoformat())
    form.locator("[type=submit]").click()
    new_start = term.term_end + timedelta(days=1)
    expect(page.locator("#decision")).to_contain_text("88/QĐ-SNV")
    expect(page.locator("#term")).to_contain_text(new_start.strftime("%d/%m/%Y"))

    renewed = Appointment.objects.get(previous=term)
    assert renewed.status == Appointment.Status.APPROVED
    assert renewed.term_end == term_end(new_start)

    page.goto(f"/people/{person.pk}/")
    terms = page.locator("#appointment-terms")
    expect(terms).to_contain_text(post.name)
    expect(terms).to_contain_text(new_start.strftime("%d/%m/%Y"))
    expect(terms).to_contain_text(renewed.term_end.strftime("%d/%m/%Y"))
