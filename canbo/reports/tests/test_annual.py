"""The standard annual reports, from hand-made data: the level distribution
with its quota, the staff structure, the planning coverage; and the PDF."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.utils import translation

from canbo.evaluation.models import UnitRating
from canbo.org.tests.factories import PostFactory, UnitFactory
from canbo.people.models import Person
from canbo.people.tests.factories import PersonFactory
from canbo.planning.models import PlanningCandidate
from canbo.planning.tests.factories import CandidateFactory, PoolFactory, annual_level
from canbo.reports import services
from canbo.reports.models import Export
from canbo.reports.tests.helpers import file_of, rows_of
from canbo.tests.fixtures import Cast


@pytest.fixture(autouse=True)
def english(settings: Any) -> Iterator[None]:
    settings.LANGUAGE_CODE = "en"
    with (
        time_machine.travel("2026-06-30 10:00 +07:00", tick=False),
        translation.override("en"),
    ):
        yield


def _report(
    cast: Cast, kind: str, who: str = "personnel", fmt: str = "xlsx", **params: Any
) -> Export:
    return services.request_export(
        actor=cast.actor(who), kind=kind, params=params, fmt=fmt
    )


def _levels(cast: Cast, unit: Any, levels: list[str]) -> None:
    user = cast.users["personnel"]
    for level in levels:
        annual_level(PersonFactory(unit=unit), 2025, level, user=user)


def test_level_distribution_counts_shares_and_quota(cast: Cast) -> None:
    a1 = cast.org.division_a1
    a2 = UnitFactory(name="Phòng Công chức", parent=cast.org.dept_a)
    _levels(
        cast,
        a1,
        ["HTXSNV", "HTTNV", "HTTNV", "HTTNV", "HTTNV", "HTTNV", "HTNV", "KHTNV"],
    )
    _levels(cast, a2, ["HTXSNV", "HTXSNV", "HTTNV", "HTTNV", "HTTNV", "HTTNV"])
    _levels(cast, cast.org.division_b1, ["HTXSNV"])  # department B: not counted
    UnitRating.objects.create(unit=a2, year=2025, score=Decimal(95), level="HTXSNV",
                              recognised_excellent=True, decided_by=cast.users["head"])  # fmt: skip
    export = _report(cast, "levels", unit=cast.org.dept_a.pk, year=2025)
    rows = rows_of(file_of(export))
    assert rows[0][0] == "Classification levels by unit"
    assert rows[2][0] == "Year: 2025"
    assert rows[3][0] == "As of 30/06/2026"
    header = rows[5]
    assert header[:3] == ("Unit", "Rated", "Excellent (HTXSNV)")
    by_unit = {r[0]: r for r in rows[6:]}
    # A1: 8 rated; 1 excellent of 5 good: 20 % of 5 = 1 allowed.
    assert by_unit["Phòng Tổ chức, biên chế"][1:] == (
        8,
        1,
        12.5,
        5,
        62.5,
        1,
        12.5,
        1,
        12.5,
        1,
        "Yes",
    )
    # A2 is recognised excellent: 25 % of 4 good = 1, and 2 excellent exceed it.
    assert by_unit["Phòng Công chức"][1:4] == (6, 2, 33.3)
    assert by_unit["Phòng Công chức"][-2:] == (1, "No")
    assert by_unit["Grand total"][1:3] == (14, 3)
    assert len(by_unit) == 3


def test_level_report_for_a_unit_out_of_scope_is_404(cast: Cast) -> None:
    from django.http import Http404

    with pytest.raises(Http404):
        _report(cast, "levels", unit=cast.org.dept_b.pk, year=2025)


def test_staff_structure_by_age_sex_and_qualifications(cast: Cast) -> None:
    a1 = cast.org.division_a1
    PersonFactory(unit=a1, sex="F", birth_date=date(1997, 1, 1), ethnicity="Tày",
                  education=Person.Education.MASTER,
                  political_theory=Person.PoliticalTheory.ADVANCED)  # fmt: skip
    PersonFactory(unit=a1, sex="F", birth_date=date(1966, 6, 30))  # 60 on the day
    PersonFactory(
        unit=a1, sex="M", birth_date=date(1966, 7, 1), is_active=False
    )  # left
    export = _report(cast, "structure", unit=cast.org.dept_a.pk)
    rows = rows_of(file_of(export))
    header = rows[4]
    row = dict(
        zip(
            header,
            next(r for r in rows if r and r[0] == "Phòng Tổ chức, biên chế"),
            strict=True,
        )
    )
    # An and Châu (men born 1985, 41) and the two women above.
    assert (row["Staff"], row["Women"], row["Women (%)"]) == (4, 2, 50)
    assert row["Under 30 · women"] == 1
    assert row["60 and over · women"] == 1
    assert row["40–49 · men"] == 2
    assert (row["Ethnic minorities"], row["Ethnic minorities (%)"]) == (1, 25)
    assert (row["Master"], row["Below university"]) == (1, 3)
    assert (row["Political theory: advanced"], row["Political theory: none"]) == (1, 3)


def test_planning_coverage_per_post(cast: Cast) -> None:
    director = PostFactory(code="GD", name="Giám đốc Sở", rank=40)
    head = PostFactory(code="TP", name="Trưởng phòng", rank=30)
    a2 = UnitFactory(parent=cast.org.dept_a)
    PoolFactory(post=director, unit=cast.org.dept_a)  # no candidate
    pool = PoolFactory(post=head, unit=cast.org.division_a1)
    for _n in range(2):
        CandidateFactory(pool=pool, person=PersonFactory(unit=cast.org.division_a1))
    CandidateFactory(pool=pool, person=PersonFactory(unit=cast.org.division_a1),
                     status=PlanningCandidate.Status.REMOVED)  # fmt: skip
    CandidateFactory(
        pool=PoolFactory(post=head, unit=a2), person=PersonFactory(unit=a2)
    )
    PoolFactory(post=head, unit=cast.org.division_a1, term_start=2031, term_end=2036)
    PoolFactory(post=head, unit=cast.org.division_b1)  # department B
    rows = rows_of(
        file_of(_report(cast, "coverage", unit=cast.org.dept_a.pk, year=2026))
    )
    assert rows[6:] == [
        ("Giám đốc Sở", 1, 1, 0, 0, 0, 0),
        ("Trưởng phòng", 2, 0, 1, 1, 0, 100),
        ("Grand total", 3, 1, 1, 1, 0, 66.7),
    ]


def test_the_annual_report_as_pdf(cast: Cast) -> None:
    _levels(cast, cast.org.division_a1, ["HTTNV"])
    export = _report(cast, "levels", fmt="pdf", unit=cast.org.dept_a.pk, year=2025)
    assert export.filename.endswith(".pdf")
    assert file_of(export).startswith(b"%PDF")


def test_the_reports_page_makes_a_report(cast: Cast) -> None:
    client = cast.client("head")
    page = client.get("/reports/")
    assert "Planning coverage by post" in page.content.decode()
    response = client.post("/reports/", {"kind": "structure", "unit": cast.org.dept_a.pk,
                                         "format": "xlsx"})  # fmt: skip
    export = Export.objects.get()
    assert response["Location"] == f"/reports/exports/{export.pk}/"
    assert export.status == Export.Status.DONE


def test_the_manager_has_no_planning_report(cast: Cast) -> None:
    page = cast.client("manager").get("/reports/").content.decode()
    assert "Staff structure by unit" in page
    assert 'value="coverage"' not in page


def test_a_pdf_goes_to_the_worker_sooner_than_a_spreadsheet(
    cast: Cast, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EXPORT_DIRECT_PDF_ROWS = 0
    _levels(cast, cast.org.division_a1, ["HTTNV"])
    with django_capture_on_commit_callbacks(execute=True):
        sheet = _report(cast, "levels", unit=cast.org.dept_a.pk, year=2025)
        pdf = _report(cast, "levels", fmt="pdf", unit=cast.org.dept_a.pk, year=2025)
    assert (sheet.status, pdf.status) == (Export.Status.DONE, Export.Status.QUEUED)
    pdf.refresh_from_db()  # the worker (immediate in tests) wrote it on commit
    assert pdf.status == Export.Status.DONE
    assert file_of(pdf).startswith(b"%PDF")
