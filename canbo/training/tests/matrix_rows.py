"""The training pages in the permission matrix (canbo/tests/test_permission_matrix.py).

Records, standards and targets named here belong to department A (division A1
and the colleague An), so the outsider gets 404 on each of them.
"""

from __future__ import annotations

from django.core.files.base import ContentFile

from canbo.org.tests.factories import PostFactory
from canbo.tests.fixtures import Cast
from canbo.tests.rows import CAREER_EDITORS, CAREER_LISTS, CAREER_VIEWERS, Row
from canbo.training.tests.factories import (
    StandardFactory,
    TargetFactory,
    TrainingFactory,
)

# Careers managers anywhere (personnel, including the outsider in department B).
MANAGERS_ANYWHERE = {"personnel": 200, "outsider": 200}


def record(cast: Cast) -> int:
    return TrainingFactory(person=cast.org.person_a1).pk


def record_with_file(cast: Cast) -> int:
    found = TrainingFactory(person=cast.org.person_a1, certificate_name="bang.pdf")
    found.certificate_file.save("bang.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return found.pk


def unit_standard(cast: Cast) -> int:
    return StandardFactory(
        post=PostFactory(), unit=cast.org.dept_a, unit_path=cast.org.dept_a.path
    ).pk


def target(cast: Cast) -> int:
    return TargetFactory(unit=cast.org.dept_a).pk


ROWS: dict[str, Row] = {
    "home": Row("get", lambda c: "/training/", CAREER_LISTS),
    "records": Row("get", lambda c: "/training/records/", CAREER_LISTS),
    "record create": Row(
        "get",
        lambda c: f"/training/records/new/?person={c.org.person_a1.pk}",
        CAREER_EDITORS,
    ),
    "record edit": Row(
        "get", lambda c: f"/training/records/{record(c)}/edit/", CAREER_EDITORS
    ),
    "record delete": Row(
        "post", lambda c: f"/training/records/{record(c)}/delete/", {"personnel": 302}
    ),
    "certificate": Row(
        "get",
        lambda c: f"/training/records/{record_with_file(c)}/certificate/",
        CAREER_VIEWERS,
    ),
    "standards": Row("get", lambda c: "/training/standards/", CAREER_LISTS),
    "standard create": Row(
        "get", lambda c: "/training/standards/new/", {**MANAGERS_ANYWHERE, "admin": 200}
    ),
    "standard edit": Row(
        "get",
        lambda c: f"/training/standards/{unit_standard(c)}/edit/",
        {"personnel": 200, "admin": 200},
    ),
    "gaps": Row("get", lambda c: "/training/gaps/", CAREER_LISTS),
    "target create": Row("get", lambda c: "/training/targets/new/", MANAGERS_ANYWHERE),
    "target edit": Row(
        "get", lambda c: f"/training/targets/{target(c)}/edit/", CAREER_EDITORS
    ),
}
