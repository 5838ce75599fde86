"""`canbo demo_setup`: one login per role on the demo province, and nothing twice."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from canbo.accounts.models import RoleGrant, User
from canbo.core.models import AuditEntry
from canbo.demo.generate import generate_province
from canbo.demo.setup import DEMO_PASSWORD, ensure_demo
from canbo.org.tests.factories import UnitFactory

TODAY = date(2026, 11, 1)
pytestmark = pytest.mark.django_db

EXPECTED = {
    # username: (role, unit code, includes subordinate units)
    "admin": ("admin", "AS", True),
    "personnel": ("personnel", "AS", True),
    "head": ("head", "AS-SNV", True),
    "manager": ("manager", "AS-SNV-02", False),
    "staff": ("staff", "AS-SNV-02", False),
    "auditor": ("auditor", "AS", True),
}


def _grants() -> dict[str, tuple[str, str, bool]]:
    return {
        g.user.username: (g.role, g.unit.code, g.include_subtree)
        for g in RoleGrant.objects.select_related("user", "unit")
    }


def test_demo_setup_generates_a_province_and_one_login_per_role() -> None:
    summary, logins = ensure_demo(today=TODAY, progress=lambda _m: None, staff=300)

    assert summary is not None
    assert summary.staff == 300
    assert [login.username for login in logins] == list(EXPECTED)
    assert _grants() == EXPECTED


def test_running_demo_setup_again_changes_nothing() -> None:
    generate_province(staff=300, seed=1, today=TODAY)
    call_command("demo_setup", stdout=StringIO())
    entries = AuditEntry.objects.count()

    out = StringIO()
    call_command("demo_setup", stdout=out)

    assert AuditEntry.objects.count() == entries
    # The demo logins, and the inactive system user the generated records name.
    assert User.objects.filter(is_active=True).count() == len(EXPECTED)
    assert _grants() == EXPECTED
    assert DEMO_PASSWORD in out.getvalue()


def test_demo_users_log_in_with_the_printed_password_and_admin_is_a_superuser() -> None:
    ensure_demo(today=TODAY, progress=lambda _m: None, staff=300)

    for username in EXPECTED:
        assert Client().login(username=username, password=DEMO_PASSWORD), username
    assert User.objects.get(username="admin").is_superuser
    assert not User.objects.filter(is_superuser=True).exclude(username="admin").exists()


def test_the_staff_and_manager_logins_are_people_of_their_division() -> None:
    ensure_demo(today=TODAY, progress=lambda _m: None, staff=300)

    staff = User.objects.select_related("person__unit").get(username="staff")
    manager = User.objects.select_related("person__unit").get(username="manager")

    assert staff.person is not None
    assert staff.person.unit.code == "AS-SNV-02"
    assert manager.person is not None
    assert manager.person.unit.code == "AS-SNV-02"
    assert manager.person.assignments.filter(
        end_date__isnull=True, post__code="TRUONG_PHONG"
    ).exists()
    assert not staff.person.assignments.filter(
        end_date__isnull=True, post__isnull=False
    ).exists()


def test_a_database_with_its_own_units_gets_no_demo_logins() -> None:
    UnitFactory(code="HN", name="Thành phố Hà Nội", kind="province")
    out = StringIO()

    call_command("demo_setup", stdout=out)

    assert not User.objects.exists()
    assert DEMO_PASSWORD not in out.getvalue()
