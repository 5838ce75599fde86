"""A periodic position change, in a real browser.

The personnel officer opens the due list, adds a due colleague to the year's
plan, publishes the plan, carries out the change, and the colleague's profile
shows the new assignment.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from canbo.org.tests.factories import JobPositionFactory
from canbo.rotation.tests.factories import RotationPlanFactory, due_assignment
from canbo.tests.fixtures import Cast
from tests.browser.conftest import LogIn

pytestmark = pytest.mark.browser


def test_personnel_officer_carries_out_a_position_change(
    page: Page, log_in: LogIn, cast: Cast
) -> None:
    today = timezone.localdate()
    person = cast.org.person_a1
    current = due_assignment(
        person, start=today.replace(year=today.year - 4), months=36
    )
    JobPositionFactory(name="Chuyên viên tổng hợp thử nghiệm")
    RotationPlanFactory(unit=cast.org.dept_a, year=today.year)
    log_in(page, "personnel")

    page.goto("/rotation/due/")
    row = page.locator(f"tr[data-assignment='{current.pk}']")
    expect(row).to_contain_text(person.full_name)
    row.locator("a[href$='/add/']").click()

    page.locator("select[name=target_job_position]").select_option(
        label="Chuyên viên tổng hợp thử nghiệm"
    )
    page.locator("input[name=planned_date]").fill(today.isoformat())
    page.locator("main form [type=submit]").first.click()
    expect(page.locator("#items")).to_contain_text(person.full_name)

    page.locator("form[action$='/publish/'] [type=submit]").click()
    expect(page.locator("#plan-status")).to_have_attribute("data-status", "published")

    form = page.locator("form[action$='/execute/']")
    effective = max(today, current.start_date + timedelta(days=1))
    form.locator("input[name=on]").fill(effective.isoformat())
    form.locator("input[name=decision_ref]").fill("45/QĐ-SNV")
    form.locator("[type=submit]").click()
    expect(page.locator("#items")).to_contain_text("45/QĐ-SNV")

    page.goto(f"/people/{person.pk}/")
    expect(page.locator("body")).to_contain_text("Chuyên viên tổng hợp thử nghiệm")
