"""Comparison with equivalent posts: ranked by published annual score then KPI,
with the unit's result beside each holder, within the viewer's scope."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from canbo.evaluation.models import UnitRating
from canbo.insight.tests.factories import period, sheet
from canbo.org.models import Post
from canbo.org.tests.factories import JobPositionFactory, PostFactory, UnitFactory
from canbo.people.models import Person
from canbo.people.tests.factories import AssignmentFactory, PersonFactory
from canbo.tests.fixtures import Cast

YEAR = 2025


@pytest.fixture
def post(cast: Cast) -> Post:
    """Heads of division in A1, A2 (two, tied on score) and B1; one in A1 unrated."""
    org, user = cast.org, cast.users["personnel"]
    chief = PostFactory(code="TP", name="Trưởng phòng")
    a2 = UnitFactory(code="SNV-CCVC", name="Phòng Công chức", parent=org.dept_a)
    people: dict[str, Person] = {
        "An": org.person_a1,
        "Bình": PersonFactory(full_name="Trần Văn Bình", unit=a2),
        "Cường": PersonFactory(full_name="Lý Văn Cường", unit=a2),
        "Bích": org.person_b1,
        "Dũng": PersonFactory(full_name="Phan Văn Dũng", unit=org.division_a1),
    }
    for person in people.values():
        AssignmentFactory(person=person, post=chief)
    for unit in (org.dept_a, org.dept_b):
        annual = period(unit, "year", date(YEAR, 1, 1), user=user)
        for name, score, done in (
            ("An", "85", "9"),
            ("Bình", "90", "8"),
            ("Cường", "90", "9"),
            ("Bích", "99", "9"),
        ):
            if people[name].unit_path.startswith(unit.path):
                sheet(
                    annual,
                    people[name],
                    level="HTTNV",
                    score=score,
                    assigned="10",
                    completed=done,
                )
    UnitRating.objects.create(
        unit=org.division_a1,
        year=YEAR,
        score=Decimal("88"),
        level="HTTNV",
        decided_by=user,
    )
    return chief


def test_holders_ranked_by_score_then_kpi_with_their_unit(
    cast: Cast, post: Post
) -> None:
    page = cast.client("head").get(f"/insight/compare/?post={post.pk}&year={YEAR}")
    assert page.status_code == 200
    rows = page.context["rows"]
    assert [(r.rank, r.assignment.person.full_name) for r in rows] == [
        (1, "Lý Văn Cường"),  # 90 and 90 %
        (2, "Trần Văn Bình"),  # 90 and 80 %
        (3, "Nguyễn Văn An"),
        (None, "Phan Văn Dũng"),  # no published annual result: not ranked
    ]
    an = rows[2]
    assert (an.kpi, an.unit_score, an.unit_level) == (90, Decimal("88.00"), "HTTNV")
    html = page.content.decode()
    assert f'href="/people/{cast.org.person_a1.pk}/"' in html
    assert 'aria-describedby="ranking-table"' in html
    assert "1. Lý Văn Cường: 90" in html  # the chart's bar, as in the table


def test_the_ranking_respects_the_viewer_scope(cast: Cast, post: Post) -> None:
    page = cast.client("outsider").get(f"/insight/compare/?post={post.pk}&year={YEAR}")
    assert [r.assignment.person.full_name for r in page.context["rows"]] == [
        "Lê Thị Bích"
    ]
    page = cast.client("manager").get(f"/insight/compare/?post={post.pk}&year={YEAR}")
    names = {r.assignment.person.full_name for r in page.context["rows"]}
    assert names == {"Nguyễn Văn An", "Phan Văn Dũng"}


def test_unpublished_results_do_not_count(cast: Cast, post: Post) -> None:
    position = JobPositionFactory()
    person = PersonFactory(unit=cast.org.division_a1)
    AssignmentFactory(person=person, job_position=position)
    draft = period(
        cast.org.division_a1,
        "year",
        date(YEAR, 1, 1),
        user=cast.users["personnel"],
        status="open",
    )
    sheet(draft, person, score="99", level="HTXSNV")
    page = cast.client("head").get(
        f"/insight/compare/?position={position.pk}&year={YEAR}"
    )
    [row] = page.context["rows"]
    assert row.rank is None
    assert row.score is None


def test_choosing_both_is_refused(cast: Cast, post: Post) -> None:
    position = JobPositionFactory()
    page = cast.client("head").get(
        f"/insight/compare/?post={post.pk}&position={position.pk}"
    )
    assert page.context["rows"] == []
    assert "not both" in page.content.decode()
