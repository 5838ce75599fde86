"""Raw bulk inserts for the task generator: hundreds of thousands of rows, fast."""

from __future__ import annotations

from typing import Any

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Field, Model

from canbo.work.models import (
    Catalogue,
    ExtensionRequest,
    ProductType,
    Review,
    Submission,
    Task,
)

BATCH_SIZE = 5000


# Field names in the order the writer puts values in its row tuples.
COLUMNS: dict[type[Model], tuple[str, ...]] = {
    Task: (
        "id", "title", "description", "product_type", "quantity", "coefficient",
        "converted_quantity", "assignee", "unit", "unit_path", "assigned_by",
        "assigned_on", "deadline", "original_deadline", "priority", "document_ref",
        "document_date", "status", "progress", "completed_on", "completed_quantity",
        "meets_quality", "failed_reviews", "late", "delay_excused", "delay_excuse",
        "version", "created_at", "updated_at",
    ),
    Submission: ("id", "task", "quantity", "note", "submitted_by", "submitted_on",
                 "submitted_at"),
    Review: ("id", "submission", "decision", "meets_quality", "reason", "excused",
             "reviewed_by", "reviewed_at"),
    ExtensionRequest: (
        "id", "task", "previous_deadline", "requested_deadline", "reason", "status",
        "requested_by", "requested_at", "decided_by", "decided_at", "decision_note",
    ),
}  # fmt: skip


def _column(model: type[Model], name: str) -> str:
    field = model._meta.get_field(name)
    if not isinstance(field, Field):
        raise TypeError(name)
    return str(field.column)


def insert(model: type[Model], rows: list[tuple[Any, ...]]) -> None:
    """Write rows without ORM instances or SQL compiling: COPY on PostgreSQL,
    one parameterised INSERT run over many rows elsewhere."""
    if not rows:
        return
    quote, meta = connection.ops.quote_name, model._meta
    names = ", ".join(quote(_column(model, name)) for name in COLUMNS[model])
    # Table and column names come from the model's metadata; values are parameters.
    table = quote(meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(COLUMNS[model]))
        sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
        for start in range(0, len(rows), BATCH_SIZE):
            cursor.executemany(sql, rows[start : start + BATCH_SIZE])


def reset_sequences() -> None:
    """Ids were given in Python; move the database sequences past them."""
    models = [Catalogue, ProductType, Task, Submission, Review, ExtensionRequest]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
