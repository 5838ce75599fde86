"""A trust vote, in a real browser.

The personnel officer of department A records the mid-term vote on a colleague
of division A1 with two thirds low trust ballots and sees the dismissal from post
explained with its source; a vote short of the quorum is refused with the reason
and nothing is saved. English is chosen through the language switcher, so the
test reads the same words before and after the Vietnamese catalogue is filled.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from canbo.tests.fixtures import Cast
from canbo.trust.models import TrustVote
from tests.browser.conftest import LogIn

pytestmark = pytest.mark.browser


def _fill(
    page: Page, cast: Cast, returned: str, high: str, trust: str, low: str
) -> None:
    page.goto("/trust/new/")
    page.fill("input[name=person]", cast.org.person_a1.citizen_id)
    page.fill("input[name=held_on]", "2024-06-14")
    page.fill("input[name=body]", "Ban Chấp hành Đảng bộ Sở Nội vụ")
    page.fill("input[name=summoned]", "30")
    for name, value in (("returned", returned), ("high", high), ("trust", trust),
                        ("low", low)):  # fmt: skip
        page.fill(f"input[name={name}]", value)
    page.locator("form.card [type=submit]").click()


def test_personnel_record_a_vote_with_two_thirds_low(
    page: Page, cast: Cast, log_in: LogIn
) -> None:
    log_in(page, "personnel")
    page.goto("/trust/")
    page.select_option("#lang-select", "en")
    page.locator("form.lang [type=submit]").click()

    _fill(page, cast, returned="19", high="5", trust="5", low="9")
    expect(page.locator(".errorlist")).to_contain_text(
        "No quorum: 19 of the 30 people summoned voted"
    )
    assert not TrustVote.objects.exists()

    _fill(page, cast, returned="30", high="4", trust="6", low="20")
    expect(page).to_have_url(re.compile(r"/trust/\d+/$"))
    outcome = page.locator("#outcome")
    expect(outcome).to_contain_text("Dismissal from post")
    expect(outcome).to_contain_text("Two thirds or more of the ballots returned")
    expect(outcome).to_contain_text("Quy định 96-QĐ/TW")
    expect(page.locator("[data-share=low]")).to_contain_text("20/30")
    assert TrustVote.objects.get().outcome == "dismiss"

    page.goto("/trust/flagged/")
    expect(page.locator("tbody")).to_contain_text(cast.org.person_a1.full_name)
