"""The permission-matrix row, and the rows each listed app contributes.

Each app of LISTED_APPS lists its pages in `canbo/<app>/tests/matrix_rows.py` as
`ROWS: dict[str, Row]`; canbo/tests/test_permission_matrix.py checks them all
and fails when a named page route is missing from every list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from canbo.tests.fixtures import PERSONAS, Cast

CAREER_APPS = (
    "discipline",
    "training",
    "planning",
    "rotation",
    "appointments",
    "trust",
)
INSIGHT_APPS = ("insight", "integrity", "reports")
# Apps whose pages (tests/matrix_rows.py) and API operations
# (canbo/api/tests/<app>_matrix.py) are listed by the app itself.
LISTED_APPS = CAREER_APPS + INSIGHT_APPS

# Personas whose scope includes division A1 and who see careers data.
CAREER_VIEWERS = {"admin": 200, "personnel": 200, "head": 200, "auditor": 200}
CAREER_EDITORS = {"personnel": 200}
# Everyone holding a careers role somewhere: lists filtered to their scope.
CAREER_LISTS = {**CAREER_VIEWERS, "outsider": 200}
EVERYONE = dict.fromkeys(PERSONAS, 200)
# Dashboards: every role but staff; integrity findings: heads, personnel, auditors.
DASHBOARD_VIEWERS = {**CAREER_LISTS, "manager": 200}
INTEGRITY_VIEWERS = {"personnel": 200, "head": 200, "auditor": 200, "outsider": 200}


@dataclass(frozen=True)
class Row:
    method: str
    url: Callable[[Cast], str]
    allowed: dict[str, int]  # persona -> status; every other persona expects `denied`
    denied: int = 404
    data: dict[str, str] | None = None


def _career_rows() -> dict[str, Row]:
    rows: dict[str, Row] = {}
    for app in LISTED_APPS:
        module = import_module(f"canbo.{app}.tests.matrix_rows")
        rows.update({f"{app}: {name}": row for name, row in module.ROWS.items()})
    return rows


CAREER_ROWS = _career_rows()
