"""The province dashboard and a copied self-assessment, in a real browser.

An inspector holding the auditor role over the whole province opens the
province's dashboard, drills into department A from its table of units, and
finds there the colleagues of division A1 whose October self-reviews were
rated. An analysis of copied texts over the province has flagged two of those
self-reviews: the inspector opens the finding and reads both texts side by side
with the shared passages marked.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from canbo.accounts.tests.factories import RoleGrantFactory, UserFactory
from canbo.core.actor import actor_for
from canbo.integrity import services
from canbo.integrity.models import Finding
from canbo.integrity.tests.factories import YEAR, month, sheet
from canbo.integrity.tests.texts import COPIED, HONEST, ORIGINAL
from canbo.people.tests.factories import PersonFactory
from canbo.tests.fixtures import Cast
from tests.browser.conftest import LogIn

pytestmark = pytest.mark.browser


def _october(cast: Cast) -> None:
    """Three rated self-reviews in division A1, one copied from another."""
    october = month(cast.org.dept_a, 10)
    bich = PersonFactory(full_name="Trần Thị Bích", unit=cast.org.division_a1)
    cuong = PersonFactory(full_name="Lê Văn Cường", unit=cast.org.division_a1)
    for person, text, score in (
        (cast.org.person_a1, ORIGINAL, "88"),
        (bich, COPIED, "86"),
        (cuong, HONEST, "74"),
    ):
        sheet(person, october, text, score=Decimal(score))


def test_an_inspector_drills_from_the_province_to_a_copied_text(
    page: Page, log_in: LogIn, cast: Cast
) -> None:
    inspector = UserFactory(username="inspector")
    RoleGrantFactory(user=inspector, role="auditor", unit=cast.org.province)
    _october(cast)
    run = services.start_run(
        actor=actor_for(inspector),
        unit=cast.org.province,
        year=YEAR,
        detectors=["copied"],
    )
    finding = Finding.objects.get(run=run, detector="copied")

    log_in(page, "inspector")
    page.goto(f"/insight/?year={YEAR}")
    expect(page.locator("h1")).to_contain_text(cast.org.province.name)
    expect(page.locator("#freshness")).to_be_visible()
    department = page.locator(f"#children-table tr[data-unit='{cast.org.dept_a.pk}']")
    department.get_by_role("link", name=cast.org.dept_a.name).click()

    expect(page).to_have_url(re.compile(rf"unit={cast.org.dept_a.pk}\b"))
    expect(page.locator("h1")).to_contain_text(cast.org.dept_a.name)
    expect(page.locator(".breadcrumbs")).to_contain_text(cast.org.province.name)

    page.goto("/integrity/findings/?detector=copied")
    page.locator(f"tr[data-finding='{finding.pk}'] a").click()
    expect(page).to_have_url(re.compile(rf"/integrity/findings/{finding.pk}/$"))
    sides = page.locator("#texts [data-side]")
    expect(sides).to_have_count(2)
    expect(page.locator("#texts")).to_contain_text(cast.org.person_a1.full_name)
    expect(page.locator("#texts")).to_contain_text("Trần Thị Bích")
    expect(sides.nth(0).locator("mark").first).to_be_visible()
    expect(sides.nth(1).locator("mark").first).to_be_visible()
    expect(page.locator("[data-threshold]")).to_contain_text(re.compile(r"0[.,]6"))
