from __future__ import annotations

from datetime import date
from io import BytesIO
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from canbo.imports.models import ImportJob
from canbo.imports.tests.helpers import STAFF_HEADER, staff_row, upload, xlsx
from canbo.people.models import Person
from canbo.people.tests.factories import citizen_id_for
from canbo.tests.fixtures import Cast

BIRTH = date(1991, 9, 2)


def english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def good_file(serial: int = 1) -> bytes:
    row = staff_row(
        citizen_id=citizen_id_for(BIRTH, "M", serial),
        full_name="Phan Văn Long",
        sex="Nam",
        birth_date="02/09/1991",
        unit="SNV-TCBC",
        category="Công chức",
    )
    return xlsx(STAFF_HEADER, [row])


def post_file(
    client: Client,
    content: bytes,
    capture: Any,
    *,
    dry_run: bool,
    name: str = "nhan-su.xlsx",
) -> Any:
    data: dict[str, Any] = {"kind": "staff", "file": upload(content, name)}
    if dry_run:
        data["dry_run"] = "on"
    with capture(execute=True):
        return client.post(reverse("imports:create"), data)


def test_the_import_page_offers_templates_and_the_upload_form(cast: Cast) -> None:
    page = english(cast.client("personnel")).get(reverse("imports:list"))

    assert page.status_code == 200
    assert reverse("imports:template", args=["staff"]) in page.text
    assert (
        reverse("imports:template", args=["units"]) not in page.text
    )  # personnel cannot edit units
    assert 'value="units"' not in page.text
    assert 'enctype="multipart/form-data"' in page.text


def test_users_without_the_import_capability_get_404(cast: Cast) -> None:
    client = cast.client("manager")
    assert client.get(reverse("imports:list")).status_code == 404
    assert client.get(reverse("imports:template", args=["staff"])).status_code == 404


def test_the_template_downloads_as_an_xlsx_file(cast: Cast) -> None:
    response = cast.client("admin").get(reverse("imports:template", args=["units"]))

    assert response.status_code == 200
    assert (
        response["Content-Disposition"] == 'attachment; filename="mau-nhap-don-vi.xlsx"'
    )
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames[:2] == ["Đơn vị", "Hướng dẫn"]
    units = [row[0] for row in book["Danh mục"].iter_rows(min_row=2, values_only=True)]
    assert units == ["P01", "SNV", "SNV-TCBC", "STC", "STC-NS"]


def test_a_dry_run_upload_shows_the_changes_and_applying_it_imports_the_same_file(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    client = english(cast.client("personnel"))
    response = post_file(
        client, good_file(), django_capture_on_commit_callbacks, dry_run=True
    )
    preview = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("imports:detail", args=[preview.pk])

    page = client.get(response["Location"])
    assert "Phan Văn Long" in page.text
    assert "Apply this file" in page.text
    assert not Person.objects.filter(full_name="Phan Văn Long").exists()

    with django_capture_on_commit_callbacks(execute=True):
        applied = client.post(reverse("imports:apply", args=[preview.pk]))
    job = ImportJob.objects.exclude(pk=preview.pk).get()
    assert applied["Location"] == reverse("imports:detail", args=[job.pk])
    assert (job.status, job.dry_run, job.file.name) == (
        ImportJob.Status.APPLIED,
        False,
        preview.file.name,
    )
    assert Person.objects.filter(full_name="Phan Văn Long").exists()


def test_the_job_page_lists_each_error_with_row_column_and_reason(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    client = english(cast.client("personnel"))
    content = xlsx(STAFF_HEADER, [staff_row(citizen_id="123", full_name="A", sex="Nam", birth_date="01/01/1990", unit="STC-NS", category="Công chức")])  # fmt: skip
    response = post_file(
        client, content, django_capture_on_commit_callbacks, dry_run=False
    )

    page = client.get(response["Location"])

    assert "Rejected: errors in the file" in page.text
    assert (
        "<td>Mã đơn vị</td><td>Unknown unit code “STC-NS”, or it is outside your scope.</td>"
        in page.text
    )
    assert "<td>2</td><td>Số CCCD</td>" in page.text
    assert "Apply this file" not in page.text


def test_a_file_that_is_not_xlsx_is_refused_on_the_upload_form(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    client = english(cast.client("personnel"))
    response = post_file(
        client,
        b"a,b\n1,2\n",
        django_capture_on_commit_callbacks,
        dry_run=True,
        name="x.xlsx",
    )

    assert response.status_code == 422
    assert "is not an Excel workbook (.xlsx)" in response.text
    assert not ImportJob.objects.exists()


@pytest.fixture
def running_job(cast: Cast) -> ImportJob:
    return ImportJob.objects.create(
        kind="staff",
        file="imports/x.xlsx",
        original_name="x.xlsx",
        requested_by=cast.users["personnel"],
        status=ImportJob.Status.RUNNING,
        total_rows=200,
        processed_rows=50,
    )


def test_a_running_job_page_shows_progress_and_refreshes_itself(
    cast: Cast, running_job: ImportJob
) -> None:
    client = english(cast.client("personnel"))
    url = reverse("imports:detail", args=[running_job.pk])

    page = client.get(url)
    assert 'hx-trigger="every 1s"' in page.text
    assert f'hx-get="{url}"' in page.text
    assert '<meta http-equiv="refresh"' in page.text
    assert 'aria-valuenow="25"' in page.text
    assert "50 of 200 rows checked." in page.text

    fragment = client.get(url, headers={"HX-Request": "true"})
    assert "<html" not in fragment.text
    assert 'aria-valuenow="25"' in fragment.text


def test_a_finished_job_page_stops_polling(cast: Cast, running_job: ImportJob) -> None:
    running_job.status = ImportJob.Status.PREVIEWED
    running_job.save()

    page = cast.client("personnel").get(
        reverse("imports:detail", args=[running_job.pk])
    )

    assert "hx-trigger" not in page.text
    assert "http-equiv" not in page.text


def test_a_user_cannot_see_another_users_job(
    cast: Cast, running_job: ImportJob
) -> None:
    for name in ("admin", "outsider"):
        client = cast.client(name)
        assert (
            client.get(reverse("imports:detail", args=[running_job.pk])).status_code
            == 404
        )
        assert (
            client.post(reverse("imports:apply", args=[running_job.pk])).status_code
            == 404
        )
    assert "x.xlsx" not in cast.client("admin").get(reverse("imports:list")).text
