from __future__ import annotations

import pytest

from canbo.policy.access import Capability, Role, can, roles_with

# The matrix as auditors read it: every role × capability, spelled out.
EXPECTED = {
    Role.STAFF: set(),
    Role.MANAGER: {
        "view_units",
        "view_people",
        "assign_tasks",
        "review_sheets",
        "view_dashboards",
    },
    Role.HEAD: {
        "view_units",
        "view_people",
        "assign_tasks",
        "review_sheets",
        "decide_levels",
        "view_careers",
        "override_rules",
        "view_dashboards",
        "view_integrity",
    },
    Role.PERSONNEL: {
        "view_units",
        "view_people",
        "edit_people",
        "import_data",
        "open_periods",
        "view_careers",
        "manage_careers",
        "view_dashboards",
        "view_integrity",
        "run_analytics",
        "view_favouritism",
    },
    Role.ADMIN: {
        "view_units",
        "view_people",
        "edit_units",
        "edit_people",
        "import_data",
        "manage_catalogues",
        "manage_users",
        "view_audit",
        "open_periods",
        "manage_packs",
        "view_careers",
        "view_dashboards",
    },
    Role.AUDITOR: {
        "view_units",
        "view_people",
        "view_audit",
        "view_careers",
        "view_dashboards",
        "view_integrity",
        "run_analytics",
        "view_favouritism",
    },
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("capability", list(Capability))
def test_capability_matrix(role: Role, capability: Capability) -> None:
    assert can(role, capability) == (capability.value in EXPECTED[role])


def test_only_auditors_and_admins_read_the_audit_log() -> None:
    assert roles_with(Capability.VIEW_AUDIT) == {Role.AUDITOR, Role.ADMIN}


def test_only_heads_decide_levels() -> None:
    assert roles_with(Capability.DECIDE_LEVELS) == {Role.HEAD}


def test_favouritism_signals_are_hidden_from_the_heads_they_name() -> None:
    assert roles_with(Capability.VIEW_FAVOURITISM) == {Role.PERSONNEL, Role.AUDITOR}
