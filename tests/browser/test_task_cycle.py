"""The whole life of a task, in a real browser.

A manager assigns a product to the staff persona, who submits it with a file; the
manager returns it once; the staff member asks for more time and is refused, then
hands the product in two days after the deadline; the manager accepts it. The
board then shows one failed review and one delay, and so do the period figures.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import Page, expect

from canbo.people.tests.factories import AssignmentFactory
from canbo.tests.fixtures import Cast
from canbo.work.models import Task
from canbo.work.selectors import period_figures
from canbo.work.tests.factories import ProductTypeFactory
from tests.browser.conftest import LogIn

pytestmark = pytest.mark.browser

SCREENSHOT = "/tmp/canbo-task-cycle.png"  # noqa: S108


def _log_out(page: Page) -> None:
    page.locator("form[action$='/accounts/logout/'] [type=submit]").click()


def _assign(page: Page, cast: Cast, product_pk: int) -> int:
    worker = cast.users["staff"].person
    assert worker is not None
    page.goto("/tasks/new/")
    form = page.locator("#assign-form")
    form.locator("select[name=people]").select_option(str(worker.pk))
    # Choosing a product replaces the deadline input with htmx (a new suggested
    # date): wait for the new input, or it could replace the date typed below.
    page.locator("#id_deadline").evaluate(
        "input => input.setAttribute('data-before', '1')"
    )
    form.locator("select[name=product_type]").select_option(str(product_pk))
    page.wait_for_selector("#id_deadline:not([data-before])")
    form.locator("input[name=quantity]").fill("4")
    form.locator("input[name=deadline]").fill(timezone.localdate().isoformat())
    form.locator("input[name=title]").fill("Báo cáo biên chế quý IV")
    form.locator("[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/tasks/\d+/$"))
    expect(page.locator("[data-field=converted]")).to_have_text("6")
    return int(page.url.rstrip("/").rsplit("/", 1)[-1])


def _submit(page: Page, task_pk: int, evidence: Path | None = None) -> None:
    page.goto(f"/tasks/{task_pk}/")
    form = page.locator("#action-submit form")
    form.locator("input[name=quantity]").fill("4")
    if evidence is not None:
        form.locator("input[name=attachments]").set_input_files(str(evidence))
    form.locator("[type=submit]").click()
    expect(page.locator("#task-status")).to_have_attribute(
        "class", re.compile("status-submitted")
    )


def _review(page: Page, task_pk: int, decision: str, reason: str = "") -> None:
    page.goto(f"/tasks/{task_pk}/")
    form = page.locator("#action-review form")
    form.locator(f"input[name=decision][value={decision}]").check()
    if reason:
        form.locator("textarea[name=reason]").fill(reason)
    form.locator("[type=submit]").click()
    expect(page.locator("#action-review")).to_have_count(0)


def test_a_task_goes_round_returned_once_refused_more_time_and_accepted_late(
    page: Page, cast: Cast, log_in: LogIn, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    worker = cast.users["staff"].person
    assert worker is not None
    product = ProductTypeFactory(name="Báo cáo chuyên đề")
    AssignmentFactory(
        person=worker, unit=worker.unit, job_position=product.catalogue.job_position
    )
    report = tmp_path / "bao-cao.pdf"
    report.write_bytes(b"%PDF-1.4 bao cao")

    log_in(page, "manager")
    task_pk = _assign(page, cast, product.pk)
    _log_out(page)

    log_in(page, "staff")
    _submit(page, task_pk, report)
    expect(page.locator("#submissions a", has_text="bao-cao.pdf")).to_be_visible()
    _log_out(page)

    log_in(page, "manager")
    _review(page, task_pk, "return", "Thiếu số liệu phụ lục 2")
    expect(page.locator("[data-field=failed_reviews]")).to_have_text("1")
    _log_out(page)

    log_in(page, "staff")
    page.goto(f"/tasks/{task_pk}/")
    form = page.locator("#action-extension form")
    tomorrow = timezone.localdate() + timedelta(days=1)
    form.locator("input[name=requested_deadline]").fill(tomorrow.isoformat())
    form.locator("textarea[name=reason]").fill("Chờ số liệu của các phòng")
    form.locator("[type=submit]").click()
    expect(page.locator("#deadlines .ext-pending")).to_be_visible()
    _log_out(page)

    log_in(page, "manager")
    page.goto(f"/tasks/{task_pk}/")
    decide = page.locator("#action-decide form")
    decide.locator("input[name=decision][value=refuse]").check()
    decide.locator("[type=submit]").click()
    expect(page.locator("#deadlines .ext-refused")).to_be_visible()
    _log_out(page)

    # Two days after the deadline the staff member hands the product in again.
    with time_machine.travel(timezone.now() + timedelta(days=2), tick=True):
        log_in(page, "staff")
        _submit(page, task_pk)
        _log_out(page)

    log_in(page, "manager")
    _review(page, task_pk, "accept")
    expect(page.locator("#task-status")).to_have_attribute(
        "class", re.compile("status-accepted")
    )
    expect(
        page.locator(".badge", has_text=re.compile("late|muộn|chậm"))
    ).to_be_visible()

    page.goto(f"/tasks/board/unit/{worker.unit_id}/")
    expect(page.locator("[data-figure=failed_reviews] td.num")).to_have_text("1")
    expect(page.locator("[data-figure=delays] td.num")).to_have_text("1")
    expect(page.locator("[data-count=done_late] .value")).to_have_text("1")
    expect(page.locator(f"[data-person='{worker.pk}'] td").nth(7)).to_have_text("1")
    page.screenshot(path=SCREENSHOT, full_page=True)

    task = Task.objects.get(pk=task_pk)
    figures = period_figures(Task.objects.all(), task.deadline, task.deadline)
    assert (figures.failed_reviews, figures.delays) == (1, 1)


def test_the_assign_form_finds_staff_and_proposes_the_deadline_as_you_type(
    page: Page, cast: Cast, log_in: LogIn
) -> None:
    worker = cast.users["staff"].person
    assert worker is not None
    product = ProductTypeFactory(name="Tờ trình", default_days=9)
    AssignmentFactory(
        person=worker, unit=worker.unit, job_position=product.catalogue.job_position
    )
    log_in(page, "manager")
    page.goto("/tasks/new/")

    page.locator("#id_q").fill("chau")
    expect(page.locator("#id_people option")).to_have_count(1)
    expect(page.locator("#id_people option")).to_have_text("Phạm Minh Châu")
    page.locator("#id_product_type").select_option(str(product.pk))
    expected = timezone.localdate() + timedelta(days=9)
    expect(page.locator("#id_deadline")).to_have_value(expected.isoformat())
