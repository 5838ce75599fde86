"""The discipline pages in the permission matrix (canbo/tests/test_permission_matrix.py)."""

from __future__ import annotations

from datetime import date

from canbo.tests.fixtures import Cast
from canbo.tests.rows import CAREER_EDITORS, CAREER_LISTS, CAREER_VIEWERS, Row


def _review(cast: Cast) -> int:
    from canbo.discipline.tests.factories import DisciplineFactory

    return DisciplineFactory(person=cast.org.person_a1).pk


def _decided(cast: Cast) -> int:
    from canbo.discipline.tests.factories import DisciplineFactory

    return DisciplineFactory(person=cast.org.person_a1, decided_on=date(2026, 5, 4)).pk


ROWS: dict[str, Row] = {
    "home": Row("get", lambda c: "/discipline/", CAREER_LISTS),
    "salary": Row("get", lambda c: "/discipline/salary/", CAREER_LISTS),
    "detail": Row("get", lambda c: f"/discipline/{_decided(c)}/", CAREER_VIEWERS),
    "new": Row(
        "get",
        lambda c: f"/discipline/people/{c.org.person_a1.pk}/new/",
        CAREER_EDITORS,
    ),
    "decide": Row("get", lambda c: f"/discipline/{_review(c)}/decide/", CAREER_EDITORS),
    "edit": Row("get", lambda c: f"/discipline/{_decided(c)}/edit/", CAREER_EDITORS),
    "close": Row(
        "post",
        lambda c: f"/discipline/{_review(c)}/close/",
        {"personnel": 302},
        data={"version": "1", "note": "Không đủ căn cứ"},
    ),
}
