"""Exports of lists: rows in scope only, Vietnamese headers, progress and
status, the signed link that only its requester may use and that expires."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.utils import timezone, translation
from openpyxl import load_workbook

from canbo.core.models import AuditEntry
from canbo.org.tests.factories import PostFactory
from canbo.people.tests.factories import AssignmentFactory, PersonFactory
from canbo.reports import services
from canbo.reports.models import Export
from canbo.reports.tests.helpers import body, file_of, rows_of
from canbo.tests.fixtures import Cast


def _staff_export(cast: Cast, who: str = "personnel", **params: Any) -> Export:
    return services.request_export(actor=cast.actor(who), kind="staff", params=params)


def test_staff_export_holds_exactly_the_rows_in_scope(cast: Cast) -> None:
    dung = PersonFactory(
        full_name="Trần Văn Dũng", unit=cast.org.dept_a, birth_date=date(1990, 3, 4)
    )
    AssignmentFactory(person=dung, post=PostFactory(name="Phó Giám đốc Sở"))
    with translation.override("en"):
        export = _staff_export(cast)
    assert export.status == Export.Status.DONE
    rows = rows_of(file_of(export))
    assert rows[0][:3] == ("Full name", "Date of birth", "Sex")
    names = sorted(r[0] for r in rows[1:])
    # Department A's people (An, Châu the staff member, Dũng); not Bích of department B.
    assert names == sorted(["Nguyễn Văn An", "Phạm Minh Châu", "Trần Văn Dũng"])
    row = next(r for r in rows if r[0] == "Trần Văn Dũng")
    assert row[1].date() == date(1990, 3, 4)  # a date, not text
    assert row[2] == "Male"
    assert row[5] == "Phó Giám đốc Sở"
    assert export.rows_total == export.rows_done == 3


def test_the_outsider_gets_only_department_b(cast: Cast) -> None:
    export = _staff_export(cast, "outsider")
    assert [r[0] for r in rows_of(file_of(export))[1:]] == ["Lê Thị Bích"]


def test_headers_are_vietnamese_by_default(cast: Cast) -> None:
    response = cast.client("personnel").post(
        "/reports/exports/new/", {"kind": "staff", "unit": cast.org.division_a1.pk}
    )
    export = Export.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/reports/exports/{export.pk}/"
    rows = rows_of(file_of(export))
    assert rows[0][0] == "Họ và tên"
    assert rows[0][4] == "Đơn vị"
    assert len(rows) == 3  # the header, An and Châu of division A1


def test_the_file_has_a_bold_frozen_header_and_widths(cast: Cast) -> None:
    export = _staff_export(cast)
    book = load_workbook(export.file.path)
    sheet = book.active
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    assert sheet.column_dimensions["A"].width == 28


def test_a_unit_out_of_scope_is_404(cast: Cast) -> None:
    client = cast.client("personnel")
    response = client.post(
        "/reports/exports/new/", {"kind": "staff", "unit": cast.org.dept_b.pk}
    )
    assert response.status_code == 404
    assert not Export.objects.exists()


def test_a_list_nobody_may_export_is_404_for_staff(cast: Cast) -> None:
    response = cast.client("staff").get("/reports/exports/new/?kind=staff")
    assert response.status_code == 404


def test_asking_is_audited(cast: Cast) -> None:
    export = _staff_export(cast, unit=str(cast.org.division_a1.pk))
    entry = AuditEntry.objects.get(action="reports.export.requested")
    assert entry.object_id == str(export.pk)
    assert entry.data["rows"] == 2
    assert entry.unit_path == cast.org.division_a1.path


def test_a_large_export_runs_in_the_background_with_progress(
    cast: Cast, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EXPORT_DIRECT_ROWS = 1
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        export = _staff_export(cast)
    assert export.status == Export.Status.QUEUED
    page = cast.client("personnel").get(f"/reports/exports/{export.pk}/")
    assert 'hx-trigger="every 2s"' in page.content.decode()
    assert "<noscript>" in page.content.decode()
    for callback in callbacks:
        callback()  # the task runs (the immediate backend in tests)
    export.refresh_from_db()
    assert export.status == Export.Status.DONE
    assert export.rows_done == 2
    assert export.finished_at is not None
    assert export.expires_at == export.finished_at + timedelta(hours=24)
    # A second run of the task finds it claimed and changes nothing.
    assert services.write_export(export.pk) == "done"


def test_a_failed_export_says_so(cast: Cast, settings: Any) -> None:
    export = Export.objects.create(
        requested_by=cast.users["personnel"], kind="nope", title="x"
    )
    assert services.write_export(export.pk) == "failed"
    export.refresh_from_db()
    assert export.status == Export.Status.FAILED
    assert export.error == "nope"


def _link(cast: Cast, export: Export) -> str:
    page = cast.client("personnel").get(f"/reports/exports/{export.pk}/")
    text = page.content.decode()
    start = text.index("/reports/download/")
    return text[start : text.index('"', start)]


def test_the_requester_downloads_with_the_signed_link(cast: Cast) -> None:
    export = _staff_export(cast)
    response = cast.client("personnel").get(_link(cast, export))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert rows_of(body(response))[1:]


def test_someone_else_cannot_download_my_export(cast: Cast) -> None:
    export = _staff_export(cast)
    link = _link(cast, export)
    for other in ("head", "auditor", "outsider"):
        assert cast.client(other).get(link).status_code == 404
        assert (
            cast.client(other).get(f"/reports/exports/{export.pk}/").status_code == 404
        )
    assert cast.client("personnel").get(link + "x").status_code == 404  # tampered


def test_an_expired_export_is_gone_and_its_file_removed(cast: Cast) -> None:
    export = _staff_export(cast)
    link = _link(cast, export)
    path = export.file.path
    Export.objects.filter(pk=export.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    response = cast.client("personnel").get(link)
    assert response.status_code == 410
    export.refresh_from_db()
    assert export.status == Export.Status.EXPIRED
    assert not export.file
    assert not Path(path).exists()


def test_an_old_link_is_gone(cast: Cast) -> None:
    export = _staff_export(cast)
    link = _link(cast, export)
    with time_machine.travel(timezone.now() + timedelta(hours=24, seconds=1)):
        assert cast.client("personnel").get(link).status_code == 410


def test_the_purge_removes_expired_files(cast: Cast) -> None:
    kept = _staff_export(cast)
    old = _staff_export(cast)
    Export.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - timedelta(hours=1)
    )
    assert services.purge_expired() == 1
    old.refresh_from_db()
    kept.refresh_from_db()
    assert (old.status, kept.status) == (Export.Status.EXPIRED, Export.Status.DONE)
    assert not old.file
    assert kept.file


def test_my_exports_lists_only_mine(cast: Cast) -> None:
    _staff_export(cast)
    mine = cast.client("personnel").get("/reports/exports/").content.decode()
    theirs = cast.client("head").get("/reports/exports/").content.decode()
    assert "data-export=" in mine
    assert "data-export=" not in theirs


@pytest.mark.parametrize("kind", ["tasks", "sheets"])
def test_other_lists_export(cast: Cast, kind: str) -> None:
    from canbo.planning.tests.factories import annual_level

    sheet = annual_level(
        cast.org.person_a1, 2025, "HTTNV", user=cast.users["personnel"]
    )
    params = {"period": str(sheet.period_id)} if kind == "sheets" else {}
    export = services.request_export(actor=cast.actor("head"), kind=kind, params=params)
    rows = rows_of(file_of(export))
    if kind == "sheets":
        assert rows[-1][0] == "Nguyễn Văn An"
        assert rows[-1][4] == 80
    else:
        assert len(rows) == 1  # the header; no task yet


def test_the_purge_command(cast: Cast) -> None:
    from io import StringIO

    from django.core.management import call_command

    old = _staff_export(cast)
    Export.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - timedelta(hours=1)
    )
    out = StringIO()
    call_command("purge_exports", stdout=out)
    assert "1" in out.getvalue()
    old.refresh_from_db()
    assert old.status == Export.Status.EXPIRED


def test_the_htmx_poll_gets_only_the_fragment(cast: Cast, settings: Any) -> None:
    settings.EXPORT_DIRECT_ROWS = 0
    export = _staff_export(cast)  # queued: the task runs on commit, not in the test
    client = cast.client("personnel")
    for url, marker in (
        ("/reports/exports/", 'id="exports"'),
        (f"/reports/exports/{export.pk}/", 'id="export-status"'),
    ):
        fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
        assert marker in fragment
        assert 'hx-trigger="every 2s"' in fragment
        assert "<html" not in fragment
