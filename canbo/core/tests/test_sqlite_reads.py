"""On SQLite, a worker that records its progress while it reads must not fail
when another process writes meanwhile (the demo's integrity run once did)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

ALIAS = "scratch_file"


@pytest.fixture
def file_database(
    tmp_path: Path, django_db_blocker: Any
) -> Iterator[BaseDatabaseWrapper]:
    """A SQLite file in WAL mode, as the embedded deployment uses, with a table
    of three rows (sessions: a model without foreign keys)."""
    wanted = {
        "default": dict(connections.settings["default"]),
        ALIAS: {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(tmp_path / "db.sqlite3"),
            "OPTIONS": {"timeout": 1, "init_command": "PRAGMA journal_mode=WAL;"},
        },
    }
    connections.settings[ALIAS] = connections.configure_settings(wanted)[ALIAS]
    with django_db_blocker.unblock():
        with connections[ALIAS].schema_editor() as editor:
            editor.create_model(Session)
        with connections[ALIAS].cursor() as cursor:
            for key in ("a", "b", "c"):
                cursor.execute(
                    "INSERT INTO django_session VALUES (%s, '', '2030-01-01')", [key]
                )
        other = connections.create_connection(ALIAS)  # another process
        try:
            yield other
        finally:
            other.close()
            connections[ALIAS].close()
            del connections[ALIAS]
            del connections.settings[ALIAS]


def test_a_write_after_another_process_wrote_during_a_read(
    file_database: BaseDatabaseWrapper, django_db_blocker: Any
) -> None:
    with django_db_blocker.unblock():
        rows = Session.objects.using(ALIAS).order_by("pk").iterator(chunk_size=1)
        assert next(rows).pk == "a"
        with file_database.cursor() as cursor:  # e.g. a page saving a session
            cursor.execute(
                "UPDATE django_session SET session_data = 'x' WHERE session_key = 'c'"
            )
        # The worker records its progress in the middle of its read.
        Session.objects.using(ALIAS).filter(pk="a").update(session_data="progress")
        assert [s.pk for s in rows] == ["b", "c"]
        done = dict(Session.objects.using(ALIAS).values_list("pk", "session_data"))
    assert done == {"a": "progress", "b": "", "c": "x"}
