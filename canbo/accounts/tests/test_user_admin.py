from __future__ import annotations

from canbo.accounts.models import RoleGrant, User
from canbo.core.models import AuditEntry
from canbo.tests.fixtures import Cast


def test_admin_creates_a_login_linked_to_a_record_and_grants_a_role(cast: Cast) -> None:
    client = cast.client("admin")
    person = cast.org.person_a1
    response = client.post(
        "/accounts/users/new/",
        {
            "username": "an.nv",
            "full_name": person.full_name,
            "password": "Mat-khau-2026!",
            "citizen_id": person.citizen_id,
        },
    )
    user = User.objects.get(username="an.nv")
    assert response.status_code == 302
    assert user.person == person
    client.post(
        f"/accounts/users/{user.pk}/", {"role": "manager", "unit_code": "SNV-TCBC"}
    )
    grant = RoleGrant.objects.get(user=user)
    assert (grant.role, grant.unit.code, grant.include_subtree) == (
        "manager",
        "SNV-TCBC",
        False,
    )
    assert AuditEntry.objects.filter(
        action="accounts.grant.created", data__user="an.nv"
    ).exists()


def test_weak_password_and_taken_name_are_refused_on_their_fields(cast: Cast) -> None:
    response = cast.client("admin").post(
        "/accounts/users/new/", {"username": "staff", "password": "123"}
    )
    errors = response.context["form"].errors
    assert response.status_code == 422
    assert "username" in errors
    assert "password" in errors


def test_grant_on_an_unknown_unit_code_is_refused(cast: Cast) -> None:
    user = cast.users["head"]
    response = cast.client("admin").post(
        f"/accounts/users/{user.pk}/", {"role": "auditor", "unit_code": "NOPE"}
    )
    assert response.status_code == 422
    assert "unit_code" in response.context["form"].errors
    assert user.grants.count() == 1


def test_blocked_user_cannot_log_in(cast: Cast) -> None:
    head = cast.users["head"]
    cast.client("admin").post(f"/accounts/users/{head.pk}/toggle-active/")
    head.refresh_from_db()
    assert not head.is_active
    assert AuditEntry.objects.filter(
        action="accounts.user.updated", object_id=str(head.pk)
    ).exists()
