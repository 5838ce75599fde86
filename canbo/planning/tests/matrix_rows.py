"""The planning pages in the permission matrix (canbo/tests/test_permission_matrix.py).

Objects live in department A: a pool for division A1 with the colleague An as
a candidate.
"""

from __future__ import annotations

from canbo.org.tests.factories import PostFactory
from canbo.planning.models import PlanningCandidate, PlanningPool
from canbo.tests.fixtures import Cast
from canbo.tests.rows import CAREER_LISTS, CAREER_VIEWERS, Row

MANAGERS = {"personnel": 200, "outsider": 200}


def pool(cast: Cast) -> int:
    found, _created = PlanningPool.objects.get_or_create(
        post=PostFactory(code="MX-PGD", name="Phó Giám đốc", rank=30),
        unit=cast.org.division_a1,
        term_start=2026,
        defaults={
            "unit_path": cast.org.division_a1.path,
            "term_end": 2031,
            "created_by": cast.users["personnel"],
        },
    )
    return found.pk


def candidate(cast: Cast) -> int:
    found, _created = PlanningCandidate.objects.get_or_create(
        pool_id=pool(cast),
        person=cast.org.person_a1,
        status=PlanningCandidate.Status.ACTIVE,
        defaults={"added_on": "2026-01-05"},
    )
    return found.pk


def _a1(cast: Cast) -> int:
    return cast.org.division_a1.pk


REDIRECT = {"personnel": 302}
TARGETS = {"young_age": "40", "old_age": "50", "young_min": "15", "women_min": "25",
           "ethnic_min": "0"}  # fmt: skip
# The review form names a unit by id: an unknown one sends the officer back.

ROWS: dict[str, Row] = {
    "home": Row("get", lambda c: "/planning/", CAREER_LISTS),
    "new pool": Row("get", lambda c: "/planning/new/", MANAGERS),
    "pool": Row("get", lambda c: f"/planning/{pool(c)}/", CAREER_VIEWERS),
    "nine box": Row("get", lambda c: f"/planning/{pool(c)}/nine-box/", CAREER_VIEWERS),
    "remove": Row(
        "post",
        lambda c: f"/planning/candidates/{candidate(c)}/remove/",
        REDIRECT,
        data={"reason": "Chuyển công tác"},
    ),
    "potential": Row(
        "post",
        lambda c: f"/planning/candidates/{candidate(c)}/potential/",
        REDIRECT,
        data={"potential": "2"},
    ),
    "review": Row("get", lambda c: "/planning/review/", CAREER_LISTS),
    "review apply": Row(
        "post",
        lambda c: "/planning/review/apply/",
        {"personnel": 302, "outsider": 302},
        data={"unit": "0", "year": "2025", "decision_ref": "1/QĐ"},
    ),
    "changes": Row("get", lambda c: "/planning/changes/", CAREER_LISTS),
    "targets": Row("get", lambda c: f"/planning/targets/{_a1(c)}/", CAREER_VIEWERS),
    "targets save": Row(
        "post",
        lambda c: f"/planning/targets/{_a1(c)}/",
        REDIRECT,
        data={
            "young_age": "40",
            "old_age": "50",
            "young_min": "15",
            "women_min": "25",
            "ethnic_min": "0",
        },
    ),
}
