from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client

from canbo.core.audit import log_action
from canbo.core.models import AuditEntry, AuditImmutableError
from canbo.tests.fixtures import Cast


def test_entries_cannot_be_changed_or_deleted_through_the_orm(cast: Cast) -> None:
    entry = log_action("test.thing.done", actor=cast.actor("admin"))
    entry.action = "tampered"
    with pytest.raises(AuditImmutableError):
        entry.save()
    with pytest.raises(AuditImmutableError):
        entry.delete()
    with pytest.raises(AuditImmutableError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="tampered")
    with pytest.raises(AuditImmutableError):
        AuditEntry.objects.all().delete()


def test_the_database_refuses_updates_too(cast: Cast) -> None:
    entry = log_action("test.thing.done", actor=cast.actor("admin"))
    with (
        pytest.raises(DatabaseError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        # Bypass the ORM guard, as a careless script might.
        cursor.execute(
            "UPDATE core_auditentry SET action = %s WHERE id = %s",
            ["tampered", entry.pk],
        )
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.thing.done"


def test_sensitive_keys_are_masked(cast: Cast) -> None:
    entry = log_action(
        "test.thing.done",
        actor=cast.actor("admin"),
        data={"password": "x", "name": "y"},
    )
    assert entry.data == {"password": "********", "name": "y"}


def test_login_and_failed_login_are_recorded(cast: Cast) -> None:
    client = Client()
    client.post("/accounts/login/", {"username": "staff", "password": "wrong"})
    client.post(
        "/accounts/login/", {"username": "staff", "password": "canbo-test-pass"}
    )
    failed = AuditEntry.objects.get(action="accounts.login_failed")
    assert failed.data == {"username": "staff"}
    assert AuditEntry.objects.filter(
        action="accounts.login", actor_name="staff"
    ).exists()


def test_auditor_sees_only_entries_of_their_subtree(cast: Cast) -> None:
    log_action(
        "test.in_scope", actor=cast.actor("admin"), unit_path=cast.org.division_a1.path
    )
    log_action(
        "test.out_of_scope",
        actor=cast.actor("admin"),
        unit_path=cast.org.division_b1.path,
    )
    response = cast.client("auditor").get("/audit/")
    actions = {entry.action for entry in response.context["page"]}
    assert "test.in_scope" in actions
    assert "test.out_of_scope" not in actions


def test_audit_log_is_searchable_by_object(cast: Cast) -> None:
    person = cast.org.person_a1
    log_action(
        "people.person.updated",
        actor=cast.actor("admin"),
        obj=person,
        unit_path=person.unit_path,
    )
    response = cast.client("auditor").get("/audit/", {"q": "nguyen van an"})
    assert [e.object_repr for e in response.context["page"]] == ["Nguyễn Văn An"]
