from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from canbo.org.models import Unit
from canbo.tests.fixtures import Org


def test_pathprefix_selects_the_subtree(org: Org) -> None:
    codes = set(
        Unit.objects.filter(path__pathprefix=org.dept_a.path).values_list(
            "code", flat=True
        )
    )
    assert codes == {"SNV", "SNV-TCBC"}


def test_pathprefix_uses_glob_on_sqlite_and_like_on_postgresql(org: Org) -> None:
    with CaptureQueriesContext(connection) as queries:
        list(Unit.objects.filter(path__pathprefix=org.dept_a.path))
    operator = "GLOB" if connection.vendor == "sqlite" else "LIKE"
    assert f"{operator} " in queries[-1]["sql"]


def test_pathprefix_refuses_anything_but_a_path(org: Org) -> None:
    with pytest.raises(ValueError, match="unit path"):
        list(Unit.objects.filter(path__pathprefix="0001%"))
