"""Who may do what: the role → capability matrix that auditors review.

Source: canbo's role model (DESIGN.md, "Who uses it"). A role is held on a unit and,
if so marked, its whole subtree; the scope is applied by the selectors.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    STAFF = "staff"
    MANAGER = "manager"
    HEAD = "head"
    PERSONNEL = "personnel"
    ADMIN = "admin"
    AUDITOR = "auditor"


class Capability(StrEnum):
    VIEW_UNITS = "view_units"
    EDIT_UNITS = "edit_units"
    VIEW_PEOPLE = "view_people"
    EDIT_PEOPLE = "edit_people"
    IMPORT_DATA = "import_data"
    VIEW_AUDIT = "view_audit"
    MANAGE_CATALOGUES = "manage_catalogues"
    MANAGE_USERS = "manage_users"
    ASSIGN_TASKS = "assign_tasks"
    OPEN_PERIODS = "open_periods"  # open, publish and reopen evaluation periods
    REVIEW_SHEETS = "review_sheets"  # review the sheets of one's staff
    DECIDE_LEVELS = "decide_levels"  # decide the level (the head, art. 13 of 233)
    MANAGE_PACKS = "manage_packs"  # define a province's or agency's own policy pack
    # Careers: planning, rotation, appointments, trust votes, discipline, training.
    VIEW_CAREERS = "view_careers"
    MANAGE_CAREERS = "manage_careers"
    OVERRIDE_RULES = "override_rules"  # set aside an overridable rule, with reasons
    # Insight: dashboards, comparisons, reports and the integrity analytics.
    VIEW_DASHBOARDS = "view_dashboards"
    VIEW_INTEGRITY = "view_integrity"  # findings on copied texts and lenient ratings
    RUN_ANALYTICS = "run_analytics"  # run the detectors, review their findings
    # Favouritism signals name the deciding head: never shown to heads themselves.
    VIEW_FAVOURITISM = "view_favouritism"


_VIEW = frozenset({Capability.VIEW_UNITS, Capability.VIEW_PEOPLE})

CAPABILITIES: dict[Role, frozenset[Capability]] = {
    # Staff see their own record only; that is granted to everyone, not by a role.
    Role.STAFF: frozenset(),
    Role.MANAGER: _VIEW
    | {Capability.ASSIGN_TASKS, Capability.REVIEW_SHEETS, Capability.VIEW_DASHBOARDS},
    Role.HEAD: _VIEW
    | {
        Capability.ASSIGN_TASKS,
        Capability.REVIEW_SHEETS,
        Capability.DECIDE_LEVELS,
        Capability.VIEW_CAREERS,
        Capability.OVERRIDE_RULES,
        Capability.VIEW_DASHBOARDS,
        Capability.VIEW_INTEGRITY,
    },
    Role.PERSONNEL: _VIEW
    | {
        Capability.EDIT_PEOPLE,
        Capability.IMPORT_DATA,
        Capability.OPEN_PERIODS,
        Capability.VIEW_CAREERS,
        Capability.MANAGE_CAREERS,
        Capability.VIEW_DASHBOARDS,
        Capability.VIEW_INTEGRITY,
        Capability.RUN_ANALYTICS,
        Capability.VIEW_FAVOURITISM,
    },
    Role.ADMIN: _VIEW
    | {
        Capability.EDIT_UNITS,
        Capability.EDIT_PEOPLE,
        Capability.IMPORT_DATA,
        Capability.MANAGE_CATALOGUES,
        Capability.MANAGE_USERS,
        Capability.VIEW_AUDIT,
        Capability.OPEN_PERIODS,
        Capability.MANAGE_PACKS,
        Capability.VIEW_CAREERS,
        Capability.VIEW_DASHBOARDS,
    },
    Role.AUDITOR: _VIEW
    | {
        Capability.VIEW_AUDIT,
        Capability.VIEW_CAREERS,
        Capability.VIEW_DASHBOARDS,
        Capability.VIEW_INTEGRITY,
        Capability.RUN_ANALYTICS,
        Capability.VIEW_FAVOURITISM,
    },
}


def can(role: Role, capability: Capability) -> bool:
    """Return whether `role` carries `capability` within its scope."""
    return capability in CAPABILITIES[role]


def roles_with(capability: Capability) -> frozenset[Role]:
    """Return the roles that carry `capability`."""
    return frozenset(role for role in Role if can(role, capability))
