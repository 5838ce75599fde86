"""The "Export .xlsx" buttons on the lists: shown to those who may export the
list, carrying its filters, and leading to a file of the same rows."""

from __future__ import annotations

import re

from canbo.reports.models import Export
from canbo.reports.tests.helpers import file_of, rows_of
from canbo.tests.fixtures import Cast

PAGES = {
    "/people/": "staff",
    "/rotation/due/": "rotation_due",
    "/appointments/": "terms_ending",
    "/discipline/salary/": "raises_due",
    "/planning/review/": "planning_review",
    "/training/gaps/": "training_gaps",
    "/trust/flagged/": "trust_flagged",
    "/trust/conflicts/": "conflicts",
}


def _link(html: str, kind: str) -> str:
    found = re.search(rf'href="([^"]+)" data-export-link="{kind}"', html)
    assert found, kind
    return found.group(1).replace("&amp;", "&")


def test_every_list_offers_its_export(cast: Cast) -> None:
    client = cast.client("personnel")
    for page, kind in PAGES.items():
        html = client.get(page).content.decode()
        assert f"kind={kind}" in _link(html, kind), page
    board = client.get(f"/tasks/board/unit/{cast.org.dept_a.pk}/").content.decode()
    assert f"unit={cast.org.dept_a.pk}" in _link(board, "tasks")


def test_the_staff_link_keeps_the_filters_and_exports_those_rows(cast: Cast) -> None:
    client = cast.client("personnel")
    html = client.get(f"/people/?unit={cast.org.division_a1.pk}&q=an").content.decode()
    link = _link(html, "staff")
    assert "q=an" in link
    confirm = client.get(link)
    assert confirm.status_code == 200
    response = client.post("/reports/exports/new/", {
        "kind": "staff", "unit": cast.org.division_a1.pk, "q": "an",
    })  # fmt: skip
    assert response.status_code == 302
    rows = rows_of(file_of(Export.objects.get()))
    assert [r[0] for r in rows[1:]] == ["Nguyễn Văn An"]


def test_staff_see_no_export_button_on_their_period(cast: Cast) -> None:
    from canbo.planning.tests.factories import annual_level

    person = cast.users["staff"].person
    assert person is not None
    sheet = annual_level(person, 2025, "HTTNV", user=cast.users["personnel"])
    mine = cast.client("staff").get(f"/evaluation/periods/{sheet.period_id}/")
    assert mine.status_code == 200
    assert "data-export-link" not in mine.content.decode()
    head = (
        cast.client("head")
        .get(f"/evaluation/periods/{sheet.period_id}/")
        .content.decode()
    )
    assert f"period={sheet.period_id}" in _link(head, "sheets")
