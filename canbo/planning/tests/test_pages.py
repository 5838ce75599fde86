"""The planning pages as a personnel officer and a viewer use them."""

from __future__ import annotations

from datetime import date

from canbo.core.models import AuditEntry
from canbo.people.tests.factories import PersonFactory
from canbo.planning.models import PlanningCandidate, PlanningPool
from canbo.planning.tests.factories import (
    CandidateFactory,
    PoolFactory,
    annual_level,
    holds_post,
)
from canbo.tests.fixtures import Cast


def _pool(cast: Cast) -> PlanningPool:
    return PoolFactory(unit=cast.org.dept_a, created_by=cast.users["personnel"])


def test_the_list_shows_pools_in_scope_with_default_targets(cast: Cast) -> None:
    pool = _pool(cast)
    CandidateFactory(pool=pool, person=cast.org.person_a1)
    page = cast.client("head").get("/planning/")
    assert page.status_code == 200
    assert f'data-pool="{pool.pk}"' in page.text
    assert "data-defaults" in page.text
    outsider = cast.client("outsider").get("/planning/")
    assert f'data-pool="{pool.pk}"' not in outsider.text


def test_adding_a_candidate_through_the_form(cast: Cast) -> None:
    pool = _pool(cast)
    person = PersonFactory(unit=cast.org.division_a1, birth_date=date(1982, 1, 1))
    holds_post(person, 10)
    client = cast.client("personnel")
    form = client.get(f"/planning/{pool.pk}/")
    assert f'value="{person.pk}"' in form.text
    response = client.post(f"/planning/{pool.pk}/", {"person": person.pk})
    assert response.status_code == 302
    assert pool.candidates.get().person_id == person.pk


def test_a_refused_candidate_shows_the_reason_and_writes_nothing(cast: Cast) -> None:
    pool = _pool(cast)
    person = PersonFactory(unit=cast.org.division_a1)
    holds_post(person, pool.post.rank + 1, code="HIGHER")
    client = cast.client("personnel")
    entries = AuditEntry.objects.count()
    response = client.post(f"/planning/{pool.pk}/", {"person": person.pk})
    assert response.status_code == 422
    assert "QĐ 377-QĐ/TW" in response.text
    assert not PlanningCandidate.objects.exists()
    assert AuditEntry.objects.count() == entries


def test_the_pool_shows_levels_and_flags_beside_each_candidate(cast: Cast) -> None:
    pool = _pool(cast)
    CandidateFactory(pool=pool, person=cast.org.person_a1, potential=3)
    annual_level(cast.org.person_a1, 2025, "KHTNV", "40", user=cast.users["admin"])
    page = cast.client("auditor").get(f"/planning/{pool.pk}/")
    assert "2025: KHTNV" in page.text
    assert "data-flags" in page.text
    assert 'id="add"' not in page.text  # viewers do not change planning


def test_the_nine_box_places_a_candidate_by_score_and_potential(cast: Cast) -> None:
    pool = _pool(cast)
    CandidateFactory(pool=pool, person=cast.org.person_a1, potential=3)
    for year in (2023, 2024, 2025):
        annual_level(cast.org.person_a1, year, "HTXSNV", "92", user=cast.users["admin"])
    page = cast.client("head").get(f"/planning/{pool.pk}/nine-box/")
    box = page.text.split('data-box="9"')[1].split("</div>\n")[1]
    assert cast.org.person_a1.full_name in page.text.split('data-box="9"')[1]
    assert box is not None


def test_targets_are_saved_per_unit(cast: Cast) -> None:
    unit = cast.org.dept_a
    response = cast.client("personnel").post(
        f"/planning/targets/{unit.pk}/",
        {"young_age": "45", "old_age": "55", "young_min": "20", "women_min": "30",
         "ethnic_min": "0"},
    )  # fmt: skip
    assert response.status_code == 302
    page = cast.client("head").get(f"/planning/targets/{cast.org.division_a1.pk}/")
    assert "Sở Nội vụ" in page.text
    bad = cast.client("personnel").post(
        f"/planning/targets/{unit.pk}/",
        {"young_age": "50", "old_age": "45", "young_min": "120", "women_min": "30",
         "ethnic_min": "0"},
    )  # fmt: skip
    assert bad.status_code == 422


def test_the_profile_shows_the_persons_plans(cast: Cast) -> None:
    pool = _pool(cast)
    CandidateFactory(pool=pool, person=cast.org.person_a1)
    page = cast.client("personnel").get(f"/people/{cast.org.person_a1.pk}/")
    assert pool.post.name in page.text
