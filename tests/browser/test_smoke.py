"""The harness itself: the live server answers and chromium renders its pages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_login_page_shows_a_form_with_username_password_and_a_submit_button(
    page: Page,
) -> None:
    response = page.goto("/accounts/login/")

    assert response is not None
    assert response.status == 200
    form = page.locator("form:has(input[name=password])")
    expect(form.locator("input[name=username]")).to_be_visible()
    expect(form.locator("input[name=password]")).to_have_attribute("type", "password")
    expect(form.locator("[type=submit]")).to_be_visible()


def test_a_wrong_password_keeps_the_visitor_on_the_login_page(page: Page) -> None:
    page.goto("/accounts/login/")
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=username]").fill("nobody")
    form.locator("input[name=password]").fill("not-the-password")
    form.locator("[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.locator(".errorlist")).to_be_visible()
