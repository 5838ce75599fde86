"""The exports API: ask, follow, download; only the requester; expiry is 410."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from canbo.api.tests.helpers import call, token_for
from canbo.reports.models import Export
from canbo.reports.tests.helpers import body, rows_of
from canbo.tests.fixtures import Cast


def test_ask_follow_and_download_an_annual_report(cast: Cast) -> None:
    token = token_for(cast, "head")
    asked = {
        "kind": "levels",
        "format": "xlsx",
        "params": {"unit": cast.org.dept_a.pk, "year": 2025},
    }
    made = call("POST", "/exports", asked, token=token)
    assert made.status_code == 201, made.content
    found = made.json()
    assert (found["status"], found["progress"]) == ("done", 100)
    assert found["download"] == f"/api/v1/exports/{found['id']}/file"
    listed = call("GET", "/exports", token=token).json()
    assert [e["id"] for e in listed["results"]] == [found["id"]]
    file = call("GET", found["download"], token=token)
    assert file.status_code == 200
    assert file.streaming  # read from storage in blocks, never whole in memory
    assert file["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    content = body(file)
    name = Export.objects.get(pk=found["id"]).filename
    assert name.startswith("xep-loai-2025")
    assert file["Content-Disposition"] == f'attachment; filename="{name}"'
    assert int(file["Content-Length"]) == len(content)
    assert rows_of(content)[0][0] == "Classification levels by unit"


def test_a_pdf_report_downloads_as_a_pdf(cast: Cast) -> None:
    token = token_for(cast, "head")
    params = {"unit": cast.org.dept_a.pk, "year": 2025}
    asked = {"kind": "levels", "format": "pdf", "params": params}
    made = call("POST", "/exports", asked, token=token).json()
    file = call("GET", made["download"], token=token)
    content = body(file)
    assert file["Content-Type"] == "application/pdf"
    assert file["Content-Disposition"].endswith('.pdf"')
    assert content.startswith(b"%PDF")


def test_a_list_out_of_scope_or_unknown_is_refused(cast: Cast) -> None:
    token = token_for(cast, "outsider")
    out = {"kind": "staff", "params": {"unit": cast.org.dept_a.pk}}
    assert call("POST", "/exports", out, token=token).status_code == 404
    unknown = call("POST", "/exports", {"kind": "nothing"}, token=token)
    assert unknown.status_code == 422
    assert "kind" in unknown.json()["errors"]
    assert not Export.objects.exists()


def test_someone_elses_export_is_404_and_an_expired_one_410(cast: Cast) -> None:
    made = call(
        "POST", "/exports", {"kind": "staff"}, token=token_for(cast, "personnel")
    ).json()
    other = token_for(cast, "head")
    assert call("GET", f"/exports/{made['id']}", token=other).status_code == 404
    assert call("GET", f"/exports/{made['id']}/file", token=other).status_code == 404
    Export.objects.filter(pk=made["id"]).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    mine = token_for(cast, "personnel")
    assert call("GET", f"/exports/{made['id']}/file", token=mine).status_code == 410
    assert (
        call("GET", f"/exports/{made['id']}", token=mine).json()["status"] == "expired"
    )
    assert not Export.objects.get().file
