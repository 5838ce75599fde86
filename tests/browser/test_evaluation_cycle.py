"""A month's evaluation, in a real browser.

The personnel officer opens November for division A1; the staff persona assesses
themselves; the manager lowers one criterion with a reason and proposes a level;
the head decides it; the officer publishes; the staff member sees the result.
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from canbo.people.tests.factories import AssignmentFactory
from canbo.policy.packs import GENERAL_CRITERIA
from canbo.tests.fixtures import Cast
from canbo.work import services
from canbo.work.tests.factories import ProductTypeFactory
from tests.browser.conftest import LogIn

pytestmark = pytest.mark.browser


def _log_out(page: Page) -> None:
    page.locator("form[action$='/accounts/logout/'] [type=submit]").click()


def _a_task_done_on_time(cast: Cast) -> None:
    """One product of the staff persona, due and accepted today."""
    worker = cast.users["staff"].person
    assert worker is not None
    product = ProductTypeFactory()
    AssignmentFactory(
        person=worker, unit=worker.unit, job_position=product.catalogue.job_position
    )
    today = timezone.localdate()
    (task,) = services.assign_task(
        actor=cast.actor("manager"), product_type=product, quantity=Decimal(2),
        deadline=today, today=today, assignees=[worker],
    )  # fmt: skip
    services.submit_product(
        actor=cast.actor("staff"), task=task, quantity=Decimal(2), today=today
    )
    services.review_product(actor=cast.actor("manager"), task=task, accept=True)


def _open_the_month(page: Page, cast: Cast) -> None:
    today = timezone.localdate()
    page.goto("/evaluation/")
    form = page.locator("#open form")
    form.locator("select[name=unit]").select_option(str(cast.org.division_a1.pk))
    form.locator("select[name=kind]").select_option("month")
    form.locator("input[name=day]").fill(today.isoformat())
    for name, days in (
        ("self_deadline", 3),
        ("review_deadline", 5),
        ("decision_deadline", 8),
    ):
        form.locator(f"input[name={name}]").fill(
            (today + timedelta(days=days)).isoformat()
        )
    form.locator("[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/evaluation/periods/\d+/$"))
    expect(page.locator("#sheets tr[data-sheet]")).to_have_count(1)


def _my_sheet(page: Page) -> None:
    page.goto("/evaluation/")
    page.locator("#my-sheets a").first.click()
    expect(page).to_have_url(re.compile(r"/evaluation/sheets/\d+/$"))


def test_a_month_is_assessed_reviewed_decided_published_and_seen(
    page: Page, cast: Cast, log_in: LogIn
) -> None:
    cast.org.person_a1.is_active = False  # a colleague who left: no sheet
    cast.org.person_a1.save()
    _a_task_done_on_time(cast)

    log_in(page, "personnel")
    _open_the_month(page, cast)
    period_url = page.url
    sheet_url = page.locator("#sheets tr[data-sheet] a").get_attribute("href")
    assert sheet_url is not None
    _log_out(page)

    log_in(page, "staff")
    _my_sheet(page)
    expect(page.locator("[data-points=tasks] .value")).to_have_text("70,00")
    form = page.locator("#step form")
    for criterion in GENERAL_CRITERIA:
        form.locator(f"input[name=points_{criterion.code}]").fill(str(criterion.points))
    form.locator("textarea[name=self_review]").fill(
        "Hoàn thành tốt các nhiệm vụ được giao."
    )
    form.locator("[type=submit][name=submit]").click()
    expect(page.locator("[data-points=score] .value")).to_have_text("100,00")
    expect(page.locator("#step")).to_have_count(0)
    _log_out(page)

    log_in(page, "manager")
    page.goto(sheet_url)
    form = page.locator("#step form")
    form.locator("input[name=points_c1]").fill("2")
    form.locator("textarea[name=reason]").fill("Chưa có sáng kiến trong tháng.")
    form.locator("select[name=proposed_level]").select_option("HTXSNV")
    form.locator("[type=submit]").click()
    expect(page.locator("[data-points=score] .value")).to_have_text("98,00")
    _log_out(page)

    log_in(page, "head")
    page.goto(sheet_url)
    form = page.locator("#step form")
    expect(form.locator("select[name=level]")).to_have_value("HTXSNV")
    form.locator("[type=submit]").click()
    expect(page.locator("[data-status]")).to_have_attribute("data-status", "decided")
    _log_out(page)

    log_in(page, "personnel")
    page.goto(period_url)
    page.locator("#publication [type=submit]").click()
    expect(page.locator(".messages")).to_contain_text(re.compile("công khai|published"))
    _log_out(page)

    log_in(page, "staff")
    page.goto("/evaluation/")
    expect(page.locator("#my-sheets tr[data-sheet] td").last).to_contain_text("HTXSNV")
    _my_sheet(page)
    expect(page.locator("[data-points=level] .value")).to_have_text("HTXSNV")
