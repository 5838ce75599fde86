"""The training endpoints for the API permission matrix (canbo/api/tests/matrix.py).

Records, standards and targets belong to department A (the colleague An in
division A1; a standard and a target of department A). Records are managed by
the personnel officer; a unit's standard also by the admin (catalogues).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from canbo.api.tests.matrix import API, EVERYONE, Endpoint
from canbo.org.tests.factories import PostFactory
from canbo.tests.fixtures import Cast
from canbo.training.tests import matrix_rows

VIEWERS = frozenset({"admin", "personnel", "head", "auditor"})
EDITORS = frozenset({"personnel"})
STANDARD_EDITORS = frozenset({"personnel", "admin"})
_serial = itertools.count(1)


def _record_body(cast: Cast) -> Callable[[], dict[str, Any]]:
    def body() -> dict[str, Any]:
        return {
            "person": cast.org.person_a1.pk,
            "kind": "course",
            "hours": 40,
            "field": "Bồi dưỡng kiến thức quản lý nhà nước",
            "start_date": "2026-03-02",
            "end_date": "2026-03-06",
        }

    return body


def _standard_body(cast: Cast) -> Callable[[], dict[str, Any]]:
    def body() -> dict[str, Any]:
        n = next(_serial)
        post = PostFactory(code=f"MX-TS{n}", name=f"Chuyên viên ma trận {n}")
        return {
            "post": post.code,
            "unit": cast.org.division_a1.pk,
            "degree": "bachelor",
            "course_hours": 40,
        }

    return body


def _target_body(cast: Cast) -> Callable[[], dict[str, Any]]:
    def body() -> dict[str, Any]:
        return {
            "name": f"Lãnh đạo có lý luận chính trị cao cấp {next(_serial)}",
            "unit": cast.org.division_a1.code,
            "population": "leaders",
            "kind": "theory",
            "level": "advanced",
            "threshold_percent": 60,
        }

    return body


def _changing(field: str, text: str) -> Callable[[], dict[str, Any]]:
    return lambda: {field: f"{text} {next(_serial)}"}


def endpoints(cast: Cast) -> list[Endpoint]:
    records = f"{API}/training/records"
    standards, targets = f"{API}/training/standards", f"{API}/training/targets"
    unit = cast.org.division_a1.pk
    record = matrix_rows.record(cast)
    with_file = matrix_rows.record_with_file(cast)
    standard = matrix_rows.unit_standard(cast)
    target = matrix_rows.target(cast)
    return [
        Endpoint("GET", records, records, EVERYONE),
        Endpoint("POST", records, records, EDITORS, _record_body(cast)),
        Endpoint(
            "PATCH", f"{records}/{{record_id}}", f"{records}/{record}", EDITORS,
            _changing("institution", "Học viện Hành chính"),
        ),
        Endpoint(
            "DELETE", f"{records}/{{record_id}}", f"{records}/{record}", EDITORS,
            fresh=lambda: f"{records}/{matrix_rows.record(cast)}",
        ),
        Endpoint(
            "GET", f"{records}/{{record_id}}/certificate",
            f"{records}/{with_file}/certificate", VIEWERS,
        ),
        Endpoint("GET", standards, standards, EVERYONE),
        Endpoint("POST", standards, standards, STANDARD_EDITORS, _standard_body(cast)),
        Endpoint(
            "PATCH", f"{standards}/{{standard_id}}", f"{standards}/{standard}",
            STANDARD_EDITORS, _changing("basis", "Quy định 89-QĐ/TW"),
        ),
        Endpoint(
            "GET",
            f"{API}/training/units/{{unit_id}}/gaps",
            f"{API}/training/units/{unit}/gaps",
            VIEWERS,
        ),
        Endpoint("GET", targets, targets, EVERYONE),
        Endpoint("POST", targets, targets, EDITORS, _target_body(cast)),
        Endpoint(
            "PATCH", f"{targets}/{{target_id}}", f"{targets}/{target}", EDITORS,
            _changing("name", "Lãnh đạo có trình độ thạc sĩ"),
        ),
    ]  # fmt: skip
