"""Raw bulk inserts for the task generator: hundreds of thousands of rows, fast."""

from __future__ import annotations

from typing import Any

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Model

from canbo.core.bulk import BATCH_SIZE, bulk_insert
from canbo.work.models import (
    Catalogue,
    ExtensionRequest,
    ProductType,
    Review,
    Submission,
    Task,
)

__all__ = ["BATCH_SIZE", "insert", "reset_sequences"]


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


def insert(model: type[Model], rows: list[tuple[Any, ...]]) -> None:
    """Write generated rows in the column order of COLUMNS (see canbo.core.bulk)."""
    bulk_insert(model, COLUMNS[model], rows)


def reset_sequences() -> None:
    """Ids were given in Python; move the database sequences past them."""
    models = [Catalogue, ProductType, Task, Submission, Review, ExtensionRequest]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
