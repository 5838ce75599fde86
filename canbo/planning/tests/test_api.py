"""The planning API beyond pools and candidates: the record of changes and the
structure targets, with the same checks and audit as the pages."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from canbo.api.tests.helpers import Api
from canbo.core.models import AuditEntry
from canbo.people.tests.factories import PersonFactory
from canbo.planning.models import PlanningPool, StructureTarget
from canbo.planning.tests.factories import (
    CandidateFactory,
    PoolFactory,
    annual_level,
    holds_post,
)
from canbo.tests.fixtures import Cast

API = "/api/v1/planning"
TARGETS = {"young_age": 35, "old_age": 55, "young_min": 20, "women_min": 30,
           "ethnic_min": 10}  # fmt: skip


def _pool(cast: Cast) -> PlanningPool:
    return PoolFactory(unit=cast.org.dept_a, created_by=cast.users["personnel"])


def test_additions_and_removals_are_listed_newest_first(cast: Cast) -> None:
    pool = _pool(cast)
    person = PersonFactory(unit=cast.org.division_a1, birth_date=date(1982, 1, 1))
    holds_post(person, 10)
    api = Api(cast, "personnel")
    added = api.post(f"{API}/pools/{pool.pk}/candidates", {"person": person.pk})
    assert added.status_code == 201, added.json()
    removed = api.post(
        f"{API}/candidates/{added.json()['id']}/remove", {"reason": "Chuyển công tác"}
    )
    assert removed.status_code == 200, removed.json()

    changes = Api(cast, "auditor").get(
        f"{API}/changes", {"unit": cast.org.dept_a.pk, "pool": pool.pk}
    )
    assert changes.status_code == 200
    rows = changes.json()["results"]
    assert [(r["kind"], r["person"]["id"]) for r in rows] == [
        ("removed", person.pk),
        ("added", person.pk),
    ]
    assert (rows[0]["reason"], rows[0]["by"]) == ("Chuyển công tác", "personnel")
    assert rows[0]["pool"]["unit"]["code"] == cast.org.dept_a.code
    year = timezone.localdate().year
    assert Api(cast, "head").get(f"{API}/changes", {"year": year}).json()["count"] == 2
    assert Api(cast, "outsider").get(f"{API}/changes").json()["count"] == 0


def test_a_unit_outside_the_scope_is_422_on_unit(cast: Cast) -> None:
    response = Api(cast, "outsider").get(f"{API}/changes", {"unit": cast.org.dept_a.pk})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["unit"]


def test_the_qd50_defaults_until_a_unit_above_sets_targets(cast: Cast) -> None:
    division = f"{API}/units/{cast.org.division_a1.pk}/targets"
    before = Api(cast, "head").get(division).json()
    assert (before["defaults"], before["set_by"]) == (True, None)
    assert (before["young_min"], before["women_min"]) == (15, 25)

    saved = Api(cast, "personnel").put(
        f"{API}/units/{cast.org.dept_a.pk}/targets", TARGETS
    )
    assert saved.status_code == 200, saved.json()
    assert saved.json()["set_by"]["id"] == cast.org.dept_a.pk

    after = Api(cast, "head").get(division).json()
    assert after["defaults"] is False
    assert after["set_by"]["code"] == cast.org.dept_a.code
    assert {name: after[name] for name in TARGETS} == TARGETS
    shares = {s["code"]: s["target"] for s in after["structure"]["shares"]}
    assert (shares["young"], shares["women"], shares["ethnic"]) == (20, 30, 10)
    actions = AuditEntry.objects.filter(action__startswith="planning.")
    assert list(actions.values_list("action", flat=True)) == ["planning.targets.saved"]


def test_the_structure_counts_the_people_planned_under_the_unit(cast: Cast) -> None:
    pool = _pool(cast)
    woman = PersonFactory(unit=cast.org.division_a1, sex="F")
    CandidateFactory(pool=pool, person=woman)
    found = Api(cast, "auditor").get(f"{API}/units/{cast.org.dept_a.pk}/targets")
    structure = found.json()["structure"]
    assert structure["total"] == 1
    women = next(s for s in structure["shares"] if s["code"] == "women")
    assert (women["count"], women["percent"], women["below"]) == (1, 100, False)


def test_an_older_group_below_the_young_age_is_422_and_nothing_saved(
    cast: Cast,
) -> None:
    response = Api(cast, "personnel").put(
        f"{API}/units/{cast.org.dept_a.pk}/targets", {**TARGETS, "old_age": 30}
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["old_age"]
    assert not StructureTarget.objects.exists()


def test_viewers_may_not_set_targets(cast: Cast) -> None:
    response = Api(cast, "head").put(
        f"{API}/units/{cast.org.dept_a.pk}/targets", TARGETS
    )
    assert response.status_code == 403
    assert not StructureTarget.objects.exists()


def test_the_review_proposes_last_years_khtnv_when_no_year_is_given(
    cast: Cast,
) -> None:
    candidate = CandidateFactory(pool=_pool(cast), person=cast.org.person_a1)
    last_year = timezone.localdate().year - 1
    annual_level(cast.org.person_a1, last_year, "KHTNV", "40", user=cast.users["head"])
    rows = Api(cast, "head").get(f"{API}/review").json()
    assert [(r["candidate"], r["reasons"]) for r in rows] == [(candidate.pk, ["khtnv"])]
