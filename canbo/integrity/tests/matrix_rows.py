"""The integrity pages in the permission matrix (canbo/tests/test_permission_matrix.py)."""

from __future__ import annotations

from canbo.tests.fixtures import Cast
from canbo.tests.rows import INTEGRITY_VIEWERS, Row

# Viewers whose scope holds division A1 (the outsider's does not).
IN_SCOPE = {"personnel": 200, "head": 200, "auditor": 200}
# Who runs the analytics somewhere (the outsider in department B too).
ANALYSTS = {"personnel": 200, "auditor": 200, "outsider": 200}


def _run(cast: Cast) -> int:
    from canbo.integrity.tests.factories import RunFactory

    return RunFactory(unit=cast.org.division_a1).pk


def _finding(cast: Cast) -> int:
    from canbo.integrity.tests.factories import FindingFactory

    return FindingFactory(unit=cast.org.division_a1, person=cast.org.person_a1).pk


def _template(cast: Cast) -> int:
    from canbo.integrity.tests.factories import TemplateTextFactory

    return TemplateTextFactory(unit=cast.org.division_a1).pk


ROWS: dict[str, Row] = {
    "home": Row("get", lambda c: "/integrity/", INTEGRITY_VIEWERS),
    "new run": Row("get", lambda c: "/integrity/runs/new/", ANALYSTS),
    "run": Row("get", lambda c: f"/integrity/runs/{_run(c)}/", IN_SCOPE),
    "findings": Row("get", lambda c: "/integrity/findings/", INTEGRITY_VIEWERS),
    "finding": Row("get", lambda c: f"/integrity/findings/{_finding(c)}/", IN_SCOPE),
    "review": Row(
        "post",
        lambda c: f"/integrity/findings/{_finding(c)}/review/",
        {"personnel": 302, "auditor": 302},
        data={"status": "dismissed", "note": "Đã kiểm tra."},
    ),
    "templates": Row("get", lambda c: "/integrity/templates/", ANALYSTS),
    "new template": Row("get", lambda c: "/integrity/templates/new/", ANALYSTS),
    "delete template": Row(
        "post",
        lambda c: f"/integrity/templates/{_template(c)}/delete/",
        {"personnel": 302, "auditor": 302},
    ),
}
