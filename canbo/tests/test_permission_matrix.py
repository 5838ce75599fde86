"""Every page × every persona: who gets the page, who gets 404.

Personas and their scopes are described in canbo/tests/fixtures.py. Objects named
here live in department A (division A1) unless the name says otherwise, so the
outsider, who works in department B, must get 404 everywhere they are named.
Success and refusal share the same setup (Zulip's rule), so a refusal cannot pass
for the wrong reason.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from canbo.accounts.services import create_api_token
from canbo.evaluation.tests import matrix as evaluation
from canbo.imports.models import ImportJob
from canbo.org.tests.factories import JobPositionFactory, PostFactory
from canbo.people.tests.factories import AssignmentFactory, RelativeFactory
from canbo.tests.fixtures import PERSONAS, Cast
from canbo.tests.rows import CAREER_ROWS, Row
from canbo.work.tests import matrix as work


def _a1(cast: Cast) -> int:
    return cast.org.person_a1.pk


def _assignment(cast: Cast) -> int:
    return AssignmentFactory(person=cast.org.person_a1).pk


def _relative(cast: Cast) -> int:
    return RelativeFactory(person=cast.org.person_a1).pk


def _post(cast: Cast) -> int:
    return PostFactory().pk


def _job_position(cast: Cast) -> int:
    return JobPositionFactory().pk


def _head_token(cast: Cast) -> int:
    token, _raw = create_api_token(actor=None, user=cast.users["head"], name="t")
    return token.pk


def _job(cast: Cast) -> int:
    job = ImportJob.objects.create(
        kind=ImportJob.Kind.STAFF,
        original_name="nhan-su.xlsx",
        file="imports/none.xlsx",
        status=ImportJob.Status.PREVIEWED,
        requested_by=cast.users["personnel"],
    )
    return job.pk


def _catalogue(cast: Cast) -> int:
    from canbo.work.tests.factories import CatalogueFactory

    return CatalogueFactory().pk


def _product(cast: Cast) -> int:
    from canbo.work.tests.factories import ProductTypeFactory

    return ProductTypeFactory().pk


def _notice(cast: Cast) -> int:
    from canbo.work.models import Notification

    notice = Notification.objects.create(
        user=cast.users["manager"], kind="overdue", message="m", key="matrix"
    )
    return notice.pk


IMPORTERS = {"admin": 200, "personnel": 200, "outsider": 200}
EVERYONE = dict.fromkeys(PERSONAS, 200)
# Everyone whose scope or own record includes division A1.
IN_A1 = {p: 200 for p in PERSONAS if p != "outsider"}
VIEWERS_OF_A1 = {
    "admin": 200,
    "personnel": 200,
    "head": 200,
    "manager": 200,
    "auditor": 200,
}
EDITORS_OF_A1 = {"admin": 200, "personnel": 200}

ROWS: dict[str, Row] = {
    "home": Row("get", lambda c: "/", EVERYONE),
    "my account": Row("get", lambda c: "/accounts/me/", EVERYONE),
    "users": Row("get", lambda c: "/accounts/users/", {"admin": 200}),
    "new login": Row("get", lambda c: "/accounts/users/new/", {"admin": 200}),
    "a login in A": Row(
        "get", lambda c: f"/accounts/users/{c.users['personnel'].pk}/", {"admin": 200}
    ),
    "block a login": Row(
        "post",
        lambda c: f"/accounts/users/{c.users['head'].pk}/toggle-active/",
        {"admin": 302},
    ),
    "take back a role": Row(
        "post",
        lambda c: f"/accounts/grants/{c.users['head'].grants.get().pk}/revoke/",
        {"admin": 302},
    ),
    "log out": Row("post", lambda c: "/accounts/logout/", dict.fromkeys(PERSONAS, 302)),
    "edit a post": Row(
        "get", lambda c: f"/units/catalogues/posts/{_post(c)}/edit/", {"admin": 200}
    ),
    "a job position": Row(
        "get",
        lambda c: f"/units/catalogues/job-positions/{_job_position(c)}/",
        EVERYONE,
    ),
    "edit a job position": Row(
        "get",
        lambda c: f"/units/catalogues/job-positions/{_job_position(c)}/edit/",
        {"admin": 200},
    ),
    "my API tokens": Row("get", lambda c: "/api-tokens/", EVERYONE),
    "create an API token": Row(
        "post", lambda c: "/api-tokens/new/", EVERYONE, data={"name": "script"}
    ),
    "revoke the head's token": Row(
        "post", lambda c: f"/api-tokens/{_head_token(c)}/revoke/", {"head": 302}
    ),
    "imports": Row("get", lambda c: "/imports/", IMPORTERS),
    "staff import template": Row(
        "get", lambda c: "/imports/template/staff.xlsx", IMPORTERS
    ),
    "upload an import": Row(
        "post", lambda c: "/imports/new/", dict.fromkeys(IMPORTERS, 422)
    ),
    "personnel's import job": Row(
        "get", lambda c: f"/imports/{_job(c)}/", {"personnel": 200}
    ),
    "apply personnel's dry run": Row(
        "post", lambda c: f"/imports/{_job(c)}/apply/", {"personnel": 302}
    ),
    # --- work: tasks and boards (issue 3) ---
    "my tasks": Row("get", lambda c: "/tasks/", EVERYONE),
    "assign a task": Row("get", lambda c: "/tasks/new/", {"head": 200, "manager": 200}),
    "task board": Row(
        "get", lambda c: "/tasks/board/", {p: 302 for p in PERSONAS if p != "staff"}
    ),
    "task board of A1": Row(
        "get", lambda c: f"/tasks/board/unit/{c.org.division_a1.pk}/", VIEWERS_OF_A1
    ),
    "task in A1": Row(
        "get",
        lambda c: f"/tasks/{work.task_in_a1(c).pk}/",
        {**VIEWERS_OF_A1, "staff": 200},
    ),
    "task evidence": Row(
        "get",
        lambda c: f"/tasks/evidence/{work.link_evidence(c)}/",
        {**dict.fromkeys(VIEWERS_OF_A1, 302), "staff": 302},
    ),
    "update progress": Row(
        "post",
        lambda c: f"/tasks/{work.task_in_a1(c).pk}/progress/",
        {"staff": 302},
        data={"progress": "40"},
    ),
    "submit a product": Row(
        "post",
        lambda c: f"/tasks/{work.task_in_a1(c).pk}/submit/",
        {"staff": 302},
        data={"quantity": "2"},
    ),
    "request an extension": Row(
        "post",
        lambda c: f"/tasks/{work.task_in_a1(c).pk}/extension/",
        {"staff": 302},
        data={"requested_deadline": work.later(), "reason": "Chờ số liệu"},
    ),
    "review a product": Row(
        "post",
        lambda c: f"/tasks/{work.submitted_task(c).pk}/review/",
        {"head": 302, "manager": 302},
        data={"decision": "accept", "meets_quality": "on"},
    ),
    "excuse a delay": Row(
        "post",
        lambda c: f"/tasks/{work.late_task(c).pk}/excuse/",
        {"head": 302, "manager": 302},
        data={"reason": "Mất điện diện rộng"},
    ),
    "decide a proposed task": Row(
        "post",
        lambda c: f"/tasks/{work.proposed_task(c).pk}/proposal/",
        {"head": 302, "manager": 302},
        data={"decision": "approve"},
    ),
    "decide an extension": Row(
        "post",
        work.pending_extension,
        {"head": 302, "manager": 302},
        data={"decision": "refuse"},
    ),
    # --- work: notifications and catalogues (issue 3) ---
    "notifications": Row("get", lambda c: "/notifications/", EVERYONE),
    "open the manager's notification": Row(
        "post", lambda c: f"/notifications/{_notice(c)}/open/", {"manager": 302}
    ),
    "mark all notifications read": Row(
        "post", lambda c: "/notifications/read-all/", dict.fromkeys(PERSONAS, 302)
    ),
    "product catalogues": Row("get", lambda c: "/catalogues/", EVERYONE),
    "new product catalogue": Row("get", lambda c: "/catalogues/new/", {"admin": 200}),
    "a product catalogue": Row(
        "get", lambda c: f"/catalogues/{_catalogue(c)}/", EVERYONE
    ),
    "export a product catalogue": Row(
        "get", lambda c: f"/catalogues/{_catalogue(c)}/export.xlsx", EVERYONE
    ),
    "new catalogue version (empty form)": Row(
        "post", lambda c: f"/catalogues/{_catalogue(c)}/versions/", {"admin": 422}
    ),
    "import a catalogue (no file)": Row(
        "post", lambda c: f"/catalogues/{_catalogue(c)}/import/", {"admin": 422}
    ),
    "new product type": Row(
        "get",
        lambda c: f"/catalogues/{_catalogue(c)}/products/new/",
        {"admin": 200},
    ),
    "edit a product type": Row(
        "get", lambda c: f"/catalogues/products/{_product(c)}/edit/", {"admin": 200}
    ),
    "remove a product type": Row(
        "post", lambda c: f"/catalogues/products/{_product(c)}/delete/", {"admin": 302}
    ),
    # --- evaluation (issue 4) ---
    "evaluation home": Row("get", lambda c: "/evaluation/", EVERYONE),
    "an evaluation period of division A1": Row(
        "get", lambda c: f"/evaluation/periods/{evaluation.period(c)}/", IN_A1
    ),
    "publish a period (sheets undecided)": Row(
        "post",
        lambda c: f"/evaluation/periods/{evaluation.period(c)}/publish/",
        {"admin": 302, "personnel": 302},
    ),
    "classify a year (a month period)": Row(
        "post",
        lambda c: f"/evaluation/periods/{evaluation.period(c)}/classify/",
        {"admin": 302, "personnel": 302},
    ),
    "reopen a period (not published)": Row(
        "post",
        lambda c: f"/evaluation/periods/{evaluation.period(c)}/reopen/",
        {"admin": 302, "personnel": 302},
    ),
    "the staff persona's sheet": Row(
        "get", lambda c: f"/evaluation/sheets/{evaluation.staff_sheet(c)}/", IN_A1
    ),
    "the staff persona's sheet as .docx": Row(
        "get",
        lambda c: f"/evaluation/sheets/{evaluation.staff_sheet(c)}/sheet.docx",
        IN_A1,
    ),
    "the staff persona's sheet as PDF": Row(
        "get",
        lambda c: f"/evaluation/sheets/{evaluation.staff_sheet(c)}/sheet.pdf",
        IN_A1,
    ),
    "a period's results as .docx": Row(
        "get",
        lambda c: f"/evaluation/periods/{evaluation.period(c)}/results.docx",
        IN_A1,
    ),
    "a period's results as PDF": Row(
        "get",
        lambda c: f"/evaluation/periods/{evaluation.period(c)}/results.pdf",
        IN_A1,
    ),
    "a period's summary as .xlsx": Row(
        "get",
        lambda c: f"/evaluation/periods/{evaluation.period(c)}/summary.xlsx",
        IN_A1,
    ),
    "record a disqualifier on An (form)": Row(
        "get",
        lambda c: f"/evaluation/people/{c.org.person_a1.pk}/disqualification/",
        {"admin": 200, "personnel": 200},
    ),
    "rate division A1 (form)": Row(
        "get",
        lambda c: f"/evaluation/units/{c.org.division_a1.pk}/rating/",
        {"head": 200},
    ),
    "policy packs": Row("get", lambda c: "/evaluation/packs/", EVERYONE),
    "a built-in policy pack": Row(
        "get", lambda c: "/evaluation/packs/ND335_2026/", EVERYONE
    ),
    "define a policy pack (form)": Row(
        "get", lambda c: "/evaluation/packs/new/", {"admin": 200}
    ),
    "edit a stored policy pack (form)": Row(
        "get",
        lambda c: f"/evaluation/packs/{evaluation.stored_pack(c)}/edit/",
        {"admin": 200},
    ),
    "rate a Party member (empty form)": Row(
        "post",
        lambda c: f"/evaluation/sheets/{evaluation.staff_sheet(c)}/party/",
        {"head": 302},
    ),
    "attach minutes (no file)": Row(
        "post",
        lambda c: f"/evaluation/periods/{evaluation.period(c)}/minutes/upload/",
        {"admin": 302, "personnel": 302, "head": 302},
    ),
    "the minutes (none attached)": Row(
        "get", lambda c: f"/evaluation/periods/{evaluation.period(c)}/minutes/", {}
    ),
    "self-assess (empty form)": Row(
        "post",
        lambda c: f"/evaluation/sheets/{evaluation.staff_sheet(c)}/self/",
        {"staff": 422},
    ),
    "review a submitted sheet (empty form)": Row(
        "post",
        lambda c: (
            f"/evaluation/sheets/{evaluation.colleague_sheet(c, 'submitted')}/review/"
        ),
        {"manager": 422, "head": 422},
    ),
    "decide a reviewed sheet (empty form)": Row(
        "post",
        lambda c: (
            f"/evaluation/sheets/{evaluation.colleague_sheet(c, 'reviewed')}/decide/"
        ),
        {"head": 422},
    ),
    "audit log": Row("get", lambda c: "/audit/", {"admin": 200, "auditor": 200}),
    "unit tree": Row(
        "get", lambda c: "/units/", {p: 302 for p in PERSONAS if p != "staff"}
    ),
    "department A": Row(
        "get",
        lambda c: f"/units/{c.org.dept_a.pk}/",
        {"admin": 200, "personnel": 200, "head": 200, "auditor": 200},
    ),
    "division A1": Row(
        "get", lambda c: f"/units/{c.org.division_a1.pk}/", VIEWERS_OF_A1
    ),
    "department B": Row(
        "get", lambda c: f"/units/{c.org.dept_b.pk}/", {"admin": 200, "outsider": 200}
    ),
    "new unit": Row("get", lambda c: "/units/new/", {"admin": 200}),
    "edit division A1": Row(
        "get", lambda c: f"/units/{c.org.division_a1.pk}/edit/", {"admin": 200}
    ),
    "catalogues": Row("get", lambda c: "/units/catalogues/", EVERYONE),
    "new post": Row("get", lambda c: "/units/catalogues/posts/new/", {"admin": 200}),
    "new job position": Row(
        "get", lambda c: "/units/catalogues/job-positions/new/", {"admin": 200}
    ),
    "staff list": Row(
        "get", lambda c: "/people/", {p: 200 for p in PERSONAS if p != "staff"}
    ),
    "new staff record": Row(
        "get",
        lambda c: "/people/new/",
        {"admin": 200, "personnel": 200, "outsider": 200},
    ),
    "profile in A1": Row("get", lambda c: f"/people/{_a1(c)}/", VIEWERS_OF_A1),
    "own profile": Row(
        "get",
        lambda c: f"/people/{c.users['staff'].person_id}/",
        {**VIEWERS_OF_A1, "staff": 200},
    ),
    "profile in B1": Row(
        "get",
        lambda c: f"/people/{c.org.person_b1.pk}/",
        {"admin": 200, "outsider": 200},
    ),
    "edit profile in A1": Row(
        "get", lambda c: f"/people/{_a1(c)}/edit/", EDITORS_OF_A1
    ),
    "add assignment": Row(
        "get", lambda c: f"/people/{_a1(c)}/assignments/new/", EDITORS_OF_A1
    ),
    "edit assignment": Row(
        "get", lambda c: f"/people/assignments/{_assignment(c)}/edit/", EDITORS_OF_A1
    ),
    "delete assignment": Row(
        "post",
        lambda c: f"/people/assignments/{_assignment(c)}/delete/",
        {"admin": 302, "personnel": 302},
    ),
    "add relative": Row(
        "get", lambda c: f"/people/{_a1(c)}/relatives/new/", EDITORS_OF_A1
    ),
    "edit relative": Row(
        "get", lambda c: f"/people/relatives/{_relative(c)}/edit/", EDITORS_OF_A1
    ),
    "delete relative": Row(
        "post",
        lambda c: f"/people/relatives/{_relative(c)}/delete/",
        {"admin": 302, "personnel": 302},
    ),
}


ROWS.update(CAREER_ROWS)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", list(ROWS))
def test_permission_matrix(cast: Cast, name: str, persona: str) -> None:
    row = ROWS[name]
    client = cast.client(persona)
    response = getattr(client, row.method)(row.url(cast), row.data)
    assert response.status_code == row.allowed.get(persona, row.denied)


def test_missing_and_forbidden_look_the_same(cast: Cast) -> None:
    client = cast.client("outsider")
    forbidden = client.get(f"/people/{cast.org.person_a1.pk}/")
    missing = client.get("/people/999999/")
    assert forbidden.status_code == missing.status_code == 404
    # The pages differ only in the CSRF token and the current path in the header.
    main = re.compile(r"<main.*</main>", re.DOTALL)
    assert main.search(forbidden.text)[0] == main.search(missing.text)[0]  # type: ignore[index]


# Routes that answer anonymous users by design, and the API (its own matrix is
# canbo/api/tests/test_matrix.py, checked against the OpenAPI schema).
NOT_IN_THIS_MATRIX = {"accounts:login", "set_language"}


def _route_names(
    patterns: list[URLPattern | URLResolver], namespace: str = ""
) -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "api":
                inner = (
                    f"{namespace}{pattern.namespace}:"
                    if pattern.namespace
                    else namespace
                )
                names |= _route_names(pattern.url_patterns, inner)
        elif pattern.name:
            names.add(namespace + pattern.name)
    return names


def test_every_page_route_is_in_the_matrix(cast: Cast) -> None:
    covered = {resolve(row.url(cast).split("?")[0]).view_name for row in ROWS.values()}
    missing = _route_names(get_resolver().url_patterns) - covered - NOT_IN_THIS_MATRIX
    assert not missing, f"add these routes to ROWS: {sorted(missing)}"
