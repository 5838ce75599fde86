"""Every API endpoint, with sample ids from the cast, for permission-matrix tests.

`api_endpoints(cast)` returns one `Endpoint` per operation of /api/v1. Object
endpoints point at department A's objects (division A1, the colleague An and an
assignment of hers); write endpoints carry a body that is valid for someone
allowed to make the change, fresh on each call of `body()` (unique codes and CCCDs).

`ok_for` names the personas that succeed (2xx). Everyone else is refused with
403 (sees it, may not change it), 404 (out of scope) or 422 (a referenced unit or
person is out of scope), and nothing is written. Lists answer 200 to every
persona, filtered to their scope.

    from canbo.api.tests.matrix import api_endpoints
    from canbo.api.tests.helpers import call, token_for

    for endpoint in api_endpoints(cast):
        response = call(endpoint.method, endpoint.url(), endpoint.body(), token=token_for(cast, "head"))
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module
from typing import Any

from canbo.org.tests.factories import PostFactory
from canbo.people.tests.factories import AssignmentFactory, citizen_id_for
from canbo.tests.fixtures import PERSONAS, Cast
from canbo.tests.rows import LISTED_APPS

API = "/api/v1"
VIEWERS = frozenset({"admin", "personnel", "head", "manager", "auditor"})
PEOPLE_EDITORS = frozenset({"admin", "personnel"})
UNIT_EDITORS = frozenset({"admin"})
EVERYONE = frozenset(PERSONAS)

_serial = itertools.count(1)


def _no_body() -> dict[str, Any] | None:
    return None


@dataclass(frozen=True)
class Endpoint:
    method: str  # "GET", "POST", "PATCH", "PUT" or "DELETE"
    template: (
        str  # the path as the OpenAPI schema lists it, e.g. "/api/v1/units/{unit_id}"
    )
    path: str  # with a sample id filled in
    ok_for: frozenset[str]  # personas that succeed
    body: Callable[[], dict[str, Any] | None] = field(default=_no_body)
    scoped: bool = True  # False for reference data every signed-in user reads
    # For endpoints that use up their object (DELETE): a fresh path on each call.
    fresh: Callable[[], str] | None = None

    def url(self) -> str:
        """The path to call: a fresh object's when the endpoint consumes it."""
        return self.fresh() if self.fresh is not None else self.path

    @property
    def writes(self) -> bool:
        return self.method not in {"GET", "HEAD", "OPTIONS"}

    @property
    def targets_department_a(self) -> bool:
        """Whether the path names one object of department A (outsiders get 404)."""
        return self.scoped and "{" in self.template

    def __str__(self) -> str:
        return f"{self.method} {self.template}"


def _unit_body(cast: Cast) -> Callable[[], dict[str, Any]]:
    def body() -> dict[str, Any]:
        n = next(_serial)
        return {
            "code": f"MX-{n}",
            "name": f"Phòng ma trận {n}",
            "kind": "division",
            "parent": cast.org.dept_a.code,
        }

    return body


def _person_body(cast: Cast) -> Callable[[], dict[str, Any]]:
    def body() -> dict[str, Any]:
        born = date(1990, 3, 4)
        return {
            "full_name": "Trần Văn Ma Trận",
            "sex": "M",
            "birth_date": born.isoformat(),
            "citizen_id": citizen_id_for(born, "M", 900000 + next(_serial)),
            "unit": cast.org.division_a1.pk,
            "category": "cong_chuc",
        }

    return body


def _assignment_body(cast: Cast, post_code: str) -> Callable[[], dict[str, Any]]:
    def body() -> dict[str, Any]:
        return {
            "person": cast.org.person_a1.pk,
            "unit": cast.org.division_a1.pk,
            "post": post_code,
            "start_date": "2020-01-01",
            "end_date": "2020-12-31",
            "is_primary": False,
        }

    return body


def _patch(values: dict[str, Any]) -> Callable[[], dict[str, Any]]:
    def body() -> dict[str, Any]:
        n = next(_serial)
        return {key: f"{value} {n}" for key, value in values.items()}

    return body


def api_endpoints(cast: Cast) -> list[Endpoint]:
    """Return every API operation with sample ids (creates one assignment in department A)."""
    org = cast.org
    post = PostFactory.create(code="MX-POST", name="Phó Trưởng phòng")
    assignment = AssignmentFactory.create(
        person=org.person_a1, unit=org.division_a1, post=post
    )
    from canbo.api.tests.evaluation_matrix import evaluation_endpoints
    from canbo.api.tests.work_matrix import work_endpoints

    careers = [
        import_module(f"canbo.api.tests.{app}_matrix").endpoints(cast)
        for app in LISTED_APPS
    ]

    unit, person = org.division_a1.pk, org.person_a1.pk
    return [
        *work_endpoints(cast),
        *evaluation_endpoints(cast),
        *itertools.chain.from_iterable(careers),
        Endpoint("GET", f"{API}/units", f"{API}/units", EVERYONE),
        Endpoint("GET", f"{API}/units/{{unit_id}}", f"{API}/units/{unit}", VIEWERS),
        Endpoint(
            "POST", f"{API}/units", f"{API}/units", UNIT_EDITORS, _unit_body(cast)
        ),
        Endpoint(
            "PATCH",
            f"{API}/units/{{unit_id}}",
            f"{API}/units/{unit}",
            UNIT_EDITORS,
            _patch({"name": "Phòng"}),
        ),
        Endpoint("GET", f"{API}/people", f"{API}/people", EVERYONE),
        Endpoint(
            "GET", f"{API}/people/{{person_id}}", f"{API}/people/{person}", VIEWERS
        ),
        Endpoint(
            "POST", f"{API}/people", f"{API}/people", PEOPLE_EDITORS, _person_body(cast)
        ),
        Endpoint(
            "PATCH",
            f"{API}/people/{{person_id}}",
            f"{API}/people/{person}",
            PEOPLE_EDITORS,
            _patch({"hometown": "Huế"}),
        ),
        Endpoint("GET", f"{API}/assignments", f"{API}/assignments", EVERYONE),
        Endpoint(
            "GET",
            f"{API}/assignments/{{assignment_id}}",
            f"{API}/assignments/{assignment.pk}",
            VIEWERS,
        ),
        Endpoint(
            "POST",
            f"{API}/assignments",
            f"{API}/assignments",
            PEOPLE_EDITORS,
            _assignment_body(cast, post.code),
        ),
        Endpoint(
            "PATCH",
            f"{API}/assignments/{{assignment_id}}",
            f"{API}/assignments/{assignment.pk}",
            PEOPLE_EDITORS,
            _patch({"decision_ref": "QĐ"}),
        ),
    ]
