"""Refuse UPDATE on audit entries in the database itself, not only in the ORM."""

from __future__ import annotations

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

SQLITE_CREATE = """
CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE ON core_auditentry
BEGIN SELECT RAISE(ABORT, 'audit entries are immutable'); END;
"""
POSTGRES_CREATE = """
CREATE FUNCTION core_auditentry_immutable() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'audit entries are immutable'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE ON core_auditentry
FOR EACH ROW EXECUTE FUNCTION core_auditentry_immutable();
"""
DROP = {
    "sqlite": "DROP TRIGGER IF EXISTS core_auditentry_no_update;",
    "postgresql": (
        "DROP TRIGGER IF EXISTS core_auditentry_no_update ON core_auditentry; "
        "DROP FUNCTION IF EXISTS core_auditentry_immutable();"
    ),
}


def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)


def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    sql = DROP.get(schema_editor.connection.vendor)
    if sql:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
