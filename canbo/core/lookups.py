"""`__pathprefix`: a materialized-path prefix filter that uses an index on both databases.

Django's `__startswith` becomes `LIKE … ESCAPE '\\'` on SQLite, which SQLite never
serves from an index; `GLOB 'prefix*'` is. Paths hold only digits and dots, so no
GLOB or LIKE wildcard needs escaping.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import CharField, Lookup
from django.db.models.sql.compiler import SQLCompiler


class PathPrefix(Lookup[str]):
    lookup_name = "pathprefix"

    def get_db_prep_lookup(self, value: Any, connection: BaseDatabaseWrapper) -> Any:
        if not isinstance(value, str) or not value.replace(".", "").isdigit():
            raise ValueError(f"not a unit path: {value!r}")
        wildcard = "*" if connection.vendor == "sqlite" else "%"
        return ("%s", [value + wildcard])

    def as_sql(  # type: ignore[override]  # Lookup and Expression stubs disagree
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper
    ) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        operator = "GLOB" if connection.vendor == "sqlite" else "LIKE"
        return f"{lhs} {operator} {rhs}", [*lhs_params, *rhs_params]


def register() -> None:
    CharField.register_lookup(PathPrefix)
