"""A personnel officer's everyday journey, in a real browser.

Log in, walk down the organisation tree, find a colleague by a name typed without
diacritics, open the profile, change a field and see the change in the history.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from canbo.tests.fixtures import Cast
from tests.browser.conftest import LogIn

pytestmark = pytest.mark.browser

NEW_PHONE = "0912345678"
SCREENSHOT = "/tmp/canbo-staff-journey.png"  # noqa: S108


def test_personnel_officer_finds_a_colleague_edits_the_phone_and_sees_it_in_history(
    page: Page, cast: Cast, log_in: LogIn
) -> None:
    org = cast.org
    log_in(page, "personnel")

    page.goto("/units/")
    expect(page.locator("h1")).to_have_text(org.dept_a.name)
    page.locator(".tree a", has_text=org.division_a1.name).click()
    expect(page.locator("h1")).to_have_text(org.division_a1.name)

    page.locator(f'a[href*="/people/?unit={org.division_a1.pk}"]').click()
    search = page.locator("form[role=search]")
    search.locator("input[name=q]").fill("nguyen van an")
    search.locator("[type=submit]").click()
    results = page.locator("#results")
    expect(results.get_by_role("link", name="Nguyễn Văn An")).to_be_visible()
    expect(results.get_by_role("link", name="Phạm Minh Châu")).to_have_count(0)

    results.get_by_role("link", name="Nguyễn Văn An").click()
    expect(page).to_have_url(re.compile(rf"/people/{org.person_a1.pk}/$"))
    page.locator(f'.page-head a[href$="/people/{org.person_a1.pk}/edit/"]').click()
    form = page.locator("form:has(input[name=full_name])")
    form.locator("input[name=phone]").fill(NEW_PHONE)
    form.locator("[type=submit]").click()

    expect(page).to_have_url(re.compile(rf"/people/{org.person_a1.pk}/$"))
    expect(page.locator("dd[data-field=phone]")).to_have_text(NEW_PHONE)
    expect(page.locator("#history ins", has_text=NEW_PHONE)).to_be_visible()
    page.screenshot(path=SCREENSHOT, full_page=True)


def test_the_staff_list_fits_a_phone_screen_without_sideways_scrolling(
    phone_page: Page, cast: Cast, log_in: LogIn
) -> None:
    log_in(phone_page, "personnel")

    phone_page.goto("/people/")

    expect(phone_page.get_by_role("link", name="Nguyễn Văn An")).to_be_attached()
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
