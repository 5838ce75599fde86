"""The discipline endpoints for the API permission matrix (canbo/api/tests/matrix.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from canbo.tests.fixtures import Cast

if TYPE_CHECKING:
    from canbo.api.tests.matrix import Endpoint

CAREER_VIEWERS = frozenset({"admin", "personnel", "head", "auditor"})
PERSONNEL = frozenset({"personnel"})


def _body(values: dict[str, Any]) -> Callable[[], dict[str, Any]]:
    return lambda: dict(values)


def endpoints(cast: Cast) -> list[Endpoint]:
    from canbo.api.tests.matrix import API, EVERYONE, Endpoint
    from canbo.discipline.tests.factories import DisciplineFactory

    review = DisciplineFactory(person=cast.org.person_a1).pk
    decided = DisciplineFactory(person=cast.org.person_a1, decided_on=date(2026, 3, 2))

    def new_review() -> int:
        return DisciplineFactory(person=cast.org.person_a1).pk

    records = f"{API}/discipline/records"
    opened = {"person": cast.org.person_a1.pk, "violation": "Vi phạm giờ làm việc",
              "violation_date": "2026-02-02", "review_started": "2026-03-01"}  # fmt: skip
    decision = {"version": 1, "form": "reprimand", "decision_ref": "3/QĐ-SNV",
                "decision_date": date(2026, 6, 1).isoformat()}  # fmt: skip
    return [
        Endpoint("GET", records, records, EVERYONE),
        Endpoint("POST", records, records, PERSONNEL, _body(opened)),
        Endpoint(
            "GET", f"{records}/{{record_id}}", f"{records}/{review}", CAREER_VIEWERS
        ),
        Endpoint(
            "POST",
            f"{records}/{{record_id}}/decision",
            f"{records}/{review}/decision",
            PERSONNEL,
            _body(decision),
        ),
        Endpoint(
            "PATCH",
            f"{records}/{{record_id}}",
            f"{records}/{decided.pk}",
            PERSONNEL,
            _body({"version": 1, "decision_ref": "14/QĐ-SNV", "note": "Sửa số"}),
        ),
        Endpoint(
            "POST",
            f"{records}/{{record_id}}/close",
            f"{records}/{review}/close",
            PERSONNEL,
            _body({"version": 1, "note": "Không đủ căn cứ kết luận"}),
            fresh=lambda: f"{records}/{new_review()}/close",
        ),
        Endpoint(
            "GET", f"{API}/discipline/raises", f"{API}/discipline/raises", EVERYONE
        ),
    ]
