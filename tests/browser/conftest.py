"""Browser-test harness: a live canbo server driven by Debian's chromium via Playwright.

Fixtures:
    browser     one chromium per session (skipped when chromium is missing, which
                fails the run under CI)
    page        a fresh browser context per test, desktop viewport, on the live
                server: `page.goto("/units/")` works with relative URLs
    phone_page  the same at a phone's size, with touch
    log_in      log_in(page, "personnel") logs in through the real login form

Every test here is marked `browser` by its module (`pytestmark`), so `bin/test
sqlite` leaves them out and `bin/test browser` runs only them. When a test fails,
a screenshot of each of its pages is saved in test-results/.
"""

from __future__ import annotations

import os
import re
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any, Protocol

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from pytest_django.live_server_helper import LiveServer

from canbo.accounts.tests.factories import PASSWORD

# Playwright's sync API runs an event loop in this thread; Django would then refuse
# the ORM calls that fixtures make, though they are not async at all.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("CANBO_CHROMIUM", "/usr/bin/chromium")
# The network is closed: keep chromium from reaching out at all.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 800}}
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
TIMEOUT_MS = 10_000
RESULTS = Path(__file__).resolve().parents[2] / "test-results"
_FAILED = pytest.StashKey[bool]()  # set on a test item when its call phase failed


class LogIn(Protocol):
    def __call__(self, page: Page, username: str, password: str = PASSWORD) -> None: ...


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.skip(f"{CHROMIUM} not found: apt-get install chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


def _open(
    browser: Browser, live_server: LiveServer, options: dict[str, Any]
) -> tuple[BrowserContext, Page]:
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", **options)
    context.set_default_timeout(TIMEOUT_MS)
    return context, context.new_page()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, Any, Any]:
    report = yield
    if report.when == "call":
        item.stash[_FAILED] = report.failed
    return report


def _keep_evidence(request: pytest.FixtureRequest, page: Page, suffix: str) -> None:
    if request.node.stash.get(_FAILED, False):
        RESULTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid) + suffix + ".png"
        page.screenshot(path=RESULTS / name, full_page=True)


@pytest.fixture
def page(
    browser: Browser, live_server: LiveServer, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """A desktop-sized page on a fresh context (no cookies) against the live server."""
    context, opened = _open(browser, live_server, DESKTOP)
    yield opened
    _keep_evidence(request, opened, "")
    context.close()


@pytest.fixture
def phone_page(
    browser: Browser, live_server: LiveServer, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """A phone-sized page (390×844, touch) on its own fresh context."""
    context, opened = _open(browser, live_server, PHONE)
    yield opened
    _keep_evidence(request, opened, "-phone")
    context.close()


def log_in_through_form(page: Page, username: str, password: str = PASSWORD) -> None:
    """Log in through the real login form and wait until it lets us through."""
    page.goto("/accounts/login/")
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(password)
    form.locator("[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


@pytest.fixture
def log_in() -> LogIn:
    """log_in(page, username, password=PASSWORD): the cast's users share PASSWORD."""
    return log_in_through_form
