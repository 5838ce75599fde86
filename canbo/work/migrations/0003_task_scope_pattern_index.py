"""On PostgreSQL, an index that serves `unit_path LIKE 'prefix%'` with the deadline.

The default operator class of task_scope_idx cannot serve a LIKE prefix unless the
database collation is C; the boards of a department filter exactly that way.
"""

from __future__ import annotations

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS task_scope_like_idx "
            "ON work_task (unit_path varchar_pattern_ops, deadline);"
        )


def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS task_scope_like_idx;")


class Migration(migrations.Migration):
    dependencies = [("work", "0002_product_groups")]
    operations = [migrations.RunPython(create, drop)]
