"""The planning endpoints for the API permission matrix (canbo/api/tests/matrix.py).

Division A1 has a pool (post rank 30) with the colleague An (potential) and a
second candidate (to remove); a second pool holds someone rated KHTNV in 2025,
whom the 2025 review removes. Division A1's structure targets are read and set.
Each write is valid for the personnel officer.
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import TYPE_CHECKING, Any

from canbo.org.tests.factories import PostFactory
from canbo.people.tests.factories import PersonFactory
from canbo.planning.models import PlanningCandidate, PlanningPool
from canbo.planning.tests import matrix_rows
from canbo.planning.tests.factories import annual_level
from canbo.tests.fixtures import PERSONAS, Cast

if TYPE_CHECKING:
    from collections.abc import Callable

    from canbo.api.tests.matrix import Endpoint

API = "/api/v1/planning"
EVERYONE = frozenset(PERSONAS)
VIEWERS = frozenset({"admin", "personnel", "head", "auditor"})
EDITORS = frozenset({"personnel"})
_serial = itertools.count(1)


def _candidate(cast: Cast, pool_id: int, name: str) -> PlanningCandidate:
    person = PersonFactory(full_name=name, unit=cast.org.division_a1)
    return PlanningCandidate.objects.create(
        pool_id=pool_id, person=person, added_on=date(2026, 1, 5)
    )


def _review_pool(cast: Cast) -> PlanningCandidate:
    unit = cast.org.division_a1
    pool = PlanningPool.objects.create(
        post=PostFactory(code="MX-TP", name="Trưởng phòng", rank=20), unit=unit,
        unit_path=unit.path, term_start=2026, term_end=2031,
        created_by=cast.users["personnel"],
    )  # fmt: skip
    candidate = _candidate(cast, pool.pk, "Đỗ Văn Kém")
    annual_level(candidate.person, 2025, "KHTNV", "40", user=cast.users["personnel"])
    return candidate


def endpoints(cast: Cast) -> list[Endpoint]:
    from canbo.api.tests.matrix import Endpoint

    pool = matrix_rows.pool(cast)
    kept = matrix_rows.candidate(cast)
    leaving = _candidate(cast, pool, "Trần Thị Rời").pk
    _review_pool(cast)
    unit = cast.org.division_a1.pk

    def fresh_person() -> dict[str, Any]:
        n = next(_serial)
        person = PersonFactory(full_name=f"Ứng Viên {n}", unit=cast.org.division_a1)
        return {"person": person.pk}

    def body(values: dict[str, Any]) -> Callable[[], dict[str, Any]]:
        return lambda: dict(values)

    def new_pool() -> dict[str, Any]:
        n = next(_serial)
        post = PostFactory(code=f"MX-P{n}", name=f"Chức vụ ma trận {n}", rank=25)
        return {"post": post.pk, "unit": unit, "term_start": 2026, "term_end": 2031}

    def targets() -> dict[str, Any]:
        n = next(_serial) % 20
        return {"young_age": 35 + n % 6, "old_age": 50, "young_min": 10 + n,
                "women_min": 30, "ethnic_min": 5}  # fmt: skip

    pools, candidates = f"{API}/pools", f"{API}/candidates"
    return [
        Endpoint("GET", pools, pools, EVERYONE),
        Endpoint("POST", pools, pools, EDITORS, new_pool),
        Endpoint("GET", f"{pools}/{{pool_id}}", f"{pools}/{pool}", VIEWERS),
        Endpoint(
            "POST", f"{pools}/{{pool_id}}/candidates", f"{pools}/{pool}/candidates",
            EDITORS, fresh_person,
        ),
        Endpoint(
            "GET", f"{pools}/{{pool_id}}/nine-box", f"{pools}/{pool}/nine-box", VIEWERS
        ),
        Endpoint(
            "POST", f"{candidates}/{{candidate_id}}/remove",
            f"{candidates}/{leaving}/remove", EDITORS, body({"reason": "Nghỉ hưu"}),
        ),
        Endpoint(
            "POST", f"{candidates}/{{candidate_id}}/potential",
            f"{candidates}/{kept}/potential", EDITORS, body({"potential": 2}),
        ),
        Endpoint("GET", f"{API}/review", f"{API}/review?year=2025", EVERYONE),
        Endpoint(
            "POST", f"{API}/review", f"{API}/review", EDITORS,
            body({"unit": unit, "year": 2025, "decision_ref": "9/QĐ-SNV"}),
        ),
        Endpoint("GET", f"{API}/changes", f"{API}/changes", EVERYONE),
        Endpoint(
            "GET", f"{API}/units/{{unit_id}}/targets", f"{API}/units/{unit}/targets",
            VIEWERS,
        ),
        Endpoint(
            "PUT", f"{API}/units/{{unit_id}}/targets", f"{API}/units/{unit}/targets",
            EDITORS, targets,
        ),
    ]  # fmt: skip
