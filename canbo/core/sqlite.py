"""The embedded SQLite database: whole reads, so that no write meets its own open read.

On SQLite a query read in chunks (`QuerySet.iterator()`) keeps its statement,
and so a read transaction, open until the last row. If another process commits
meanwhile (a page saving a session, the periodic jobs), the next write on the
reading connection fails at once with "database is locked", whatever the busy
timeout: the snapshot it reads is stale. The task worker does exactly that
(an integrity run or an export records its progress while it reads), so on
SQLite every query is fetched whole before its rows are used. The embedded
database serves small agencies, so the rows fit in memory; PostgreSQL keeps
its server-side cursors.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper


def whole_reads(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """`connection_created` receiver: no chunked reads on SQLite connections."""
    if connection.vendor == "sqlite":
        connection.features.can_use_chunked_reads = False
