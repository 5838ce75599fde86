"""Raw bulk inserts for hundreds of thousands of rows: COPY on PostgreSQL, one
parameterised INSERT run over many rows elsewhere. No ORM instances, no signals:
for generated data and derived rows whose values the caller has already checked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Field, Model

BATCH_SIZE = 5000


def _column(model: type[Model], name: str) -> str:
    field = model._meta.get_field(name)
    if not isinstance(field, Field):
        raise TypeError(name)
    return str(field.column)


def bulk_insert(
    model: type[Model], columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """Write `rows` (values in the order of the field names `columns`)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(_column(model, name)) for name in columns)
    # Table and column names come from the model's metadata; values are parameters.
    table = quote(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
        for start in range(0, len(rows), BATCH_SIZE):
            cursor.executemany(sql, rows[start : start + BATCH_SIZE])
