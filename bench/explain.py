"""Query plans of a page's slowest queries, to find what a slow page waits on."""

from __future__ import annotations

from typing import Any

SLOWEST = 3


def print_plans(label: str, queries: list[dict[str, Any]]) -> None:
    """Print EXPLAIN output for the slowest captured queries of one request.

    The captured SQL has its parameters interpolated already, so it can be run
    again as it is (it is a read; nothing is changed).
    """
    from django.db import connection

    prefix = (
        "EXPLAIN ANALYZE "
        if connection.vendor == "postgresql"
        else "EXPLAIN QUERY PLAN "
    )
    print(f"\n### {label}: {len(queries)} queries")
    slowest = sorted(queries, key=lambda q: float(q.get("time") or 0), reverse=True)[
        :SLOWEST
    ]
    for query in slowest:
        sql = query["sql"]
        print(f"\n-- {float(query.get('time') or 0) * 1000:.1f} ms\n{sql[:1500]}")
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql)
            for row in cursor.fetchall():
                print("   ", " | ".join(str(cell) for cell in row))
