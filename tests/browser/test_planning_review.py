"""The annual planning review, in a real browser.

A personnel officer opens the 2025 review for department A, sees the candidate
rated "Không hoàn thành nhiệm vụ" and the disciplined one proposed for removal
with their reasons, applies the review with its decision number, and finds the
removals in the pool's history; the candidate with a good year stays.
"""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from canbo.people.tests.factories import PersonFactory
from canbo.planning.models import PlanningCandidate
from canbo.planning.tests.factories import (
    CandidateFactory,
    PoolFactory,
    annual_level,
    disciplined,
)
from canbo.tests.fixtures import Cast
from tests.browser.conftest import LogIn

pytestmark = pytest.mark.browser


def test_a_personnel_officer_applies_the_annual_review(
    page: Page, log_in: LogIn, cast: Cast
) -> None:
    officer = cast.users["personnel"]
    pool = PoolFactory(unit=cast.org.dept_a, created_by=officer)
    failing = PersonFactory(full_name="Hoàng Văn Kém", unit=cast.org.division_a1)
    punished = PersonFactory(full_name="Vũ Thị Phạt", unit=cast.org.division_a1)
    good = PersonFactory(full_name="Lý Minh Tốt", unit=cast.org.division_a1)
    for person in (failing, punished, good):
        CandidateFactory(pool=pool, person=person)
    annual_level(failing, 2025, "KHTNV", "42", user=officer)
    annual_level(good, 2025, "HTTNV", "86", user=officer)
    disciplined(punished, date(2025, 5, 1), user=officer)

    log_in(page, "personnel")
    page.goto(f"/planning/review/?unit={cast.org.dept_a.pk}&year=2025")
    rows = page.locator("#to-remove tbody tr")
    expect(rows).to_have_count(2)
    failing_row = rows.filter(has_text="Hoàng Văn Kém")
    expect(failing_row.locator("[data-reasons]")).to_contain_text(
        "Không hoàn thành nhiệm vụ"
    )
    expect(failing_row.locator("[data-reasons]")).to_contain_text("QĐ 377-QĐ/TW")
    expect(
        rows.filter(has_text="Vũ Thị Phạt").locator("[data-reasons]")
    ).to_contain_text("2025")
    expect(page.locator("#to-remove")).not_to_contain_text("Lý Minh Tốt")

    form = page.locator("form[action$='/planning/review/apply/']")
    form.locator("input[name=decision_ref]").fill("15/QĐ-SNV")
    form.locator("button[type=submit]").click()
    expect(page.locator(".messages .success")).to_be_visible()
    expect(page.locator("#to-remove tbody tr")).to_have_count(0)

    page.goto(f"/planning/{pool.pk}/")
    history = page.locator("#history [data-change=removed]")
    expect(history).to_have_count(2)
    expect(history.filter(has_text="Hoàng Văn Kém")).to_contain_text("15/QĐ-SNV")
    expect(page.locator("#candidates")).to_contain_text("Lý Minh Tốt")
    assert PlanningCandidate.objects.get(person=good).status == "active"
    assert PlanningCandidate.objects.get(person=failing).status == "removed"
