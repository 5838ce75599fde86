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


def _padded(row: tuple[Any, ...], header: tuple[Any, ...]) -> tuple[Any, ...]:
    """The row with its empty cells at the end (the .xlsx reader leaves them off)."""
    return row + (None,) * (len(header) - len(row))


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
    assert rows[4][0] == "Beside each unit: its shares in 2024, 2023."
    assert rows[5][0].startswith("Quota: those rated Excellent may not exceed 20")
    header = rows[7]
    assert header[:3] == ("Unit", "Rated", "Excellent (HTXSNV)")
    by_unit = {r[0]: _padded(r, header) for r in rows[8:]}
    # A1: 8 rated; 1 excellent of 5 good: 20 % of 5 = 1 allowed.
    assert by_unit["Phòng Tổ chức, biên chế"][1:12] == (
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
    assert by_unit["Phòng Công chức"][10:12] == (1, "No")
    # No decided level in 2024 or 2023: those columns are left empty.
    assert by_unit["Phòng Công chức"][12:] == (None,) * 12
    assert by_unit["Grand total"][1:3] == (14, 3)
    assert len(by_unit) == 3


def test_each_unit_beside_its_previous_two_years_with_the_quota(cast: Cast) -> None:
    a1, a2 = (
        cast.org.division_a1,
        UnitFactory(name="Phòng Công chức", parent=cast.org.dept_a),
    )
    user = cast.users["personnel"]

    def rate(unit: Any, year: int, levels: list[str]) -> None:
        for level in levels:
            annual_level(PersonFactory(unit=unit), year, level, user=user)

    rate(a1, 2025, ["HTXSNV", "HTTNV", "HTTNV", "HTTNV", "HTTNV", "HTTNV"])
    rate(
        a1,
        2024,
        ["HTXSNV", "HTXSNV", "HTTNV", "HTTNV", "HTTNV", "HTNV", "KHTNV", "HTNV"],
    )
    rate(a1, 2023, ["HTTNV", "HTNV", "HTNV", "HTNV"])
    rate(a1, 2022, ["HTXSNV"] * 5)  # three years back: not shown
    rate(a2, 2024, ["HTTNV", "HTTNV", "HTTNV", "HTTNV", "HTXSNV"])  # none in 2025
    rate(cast.org.division_b1, 2024, ["HTXSNV"])  # department B: not counted
    UnitRating.objects.create(unit=a2, year=2024, score=Decimal(95), level="HTXSNV",
                              recognised_excellent=True, decided_by=cast.users["head"])  # fmt: skip
    for fmt in ("xlsx", "pdf"):
        export = _report(cast, "levels", fmt=fmt, unit=cast.org.dept_a.pk, year=2025)
        assert export.status == Export.Status.DONE
    xlsx = Export.objects.get(format="xlsx")
    rows = rows_of(file_of(xlsx))
    header = rows[7]
    assert header[12:18] == (
        "2024 · Rated", "2024 · HTXSNV (%)", "2024 · HTTNV (%)",
        "2024 · HTNV (%)", "2024 · KHTNV (%)", "2024 · Within the quota",
    )  # fmt: skip
    assert header[18] == "2023 · Rated"
    assert len(header) == 24
    by_unit = {r[0]: _padded(r, header) for r in rows[8:]}
    a1_row = by_unit["Phòng Tổ chức, biên chế"]
    assert a1_row[1:3] == (6, 1)
    assert a1_row[10:12] == (1, "Yes")  # 20 % of 5 good = 1
    # 2024: 8 rated, 2 excellent of 3 good: over the quota (0 allowed).
    assert a1_row[12:18] == (8, 25, 37.5, 25, 12.5, "No")
    assert a1_row[18:] == (4, 0, 25, 75, 0, "Yes")
    # A2 had no level decided in 2025, and was recognised excellent in 2024:
    # 25 % of 4 good = 1 excellent allowed.
    a2_row = by_unit["Phòng Công chức"]
    assert a2_row[1] == 0
    assert a2_row[12:18] == (5, 20, 80, 0, 0, "Yes")
    assert a2_row[18:] == (None,) * 6
    assert by_unit["Grand total"][12] == 13
    assert by_unit["Grand total"][18] == 4
    pdf = file_of(Export.objects.get(format="pdf"))
    assert pdf.startswith(b"%PDF")


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
