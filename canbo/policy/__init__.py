"""The regulations as code: pure Python, no Django, today's date is a parameter.

Every rule names its source article in its docstring; refusals are stable reason
codes that the interface layers translate.

The public scoring API (Nghị định 335/2025 arts. 14–20), stable for integrators:
`TaskOutcome`, `task_points`, `Level`, `classify`, `apply_quota`; and the
trust-vote rule of Quy định 96-QĐ/TW, `trust_vote_outcome`.
"""

from canbo.policy.levels import Level, apply_quota, classify
from canbo.policy.retirement import months_until, retirement_date
from canbo.policy.scoring import NoAssignedWorkError, TaskOutcome, task_points
from canbo.policy.trust import trust_vote_outcome

__all__ = [
    "Level",
    "NoAssignedWorkError",
    "TaskOutcome",
    "apply_quota",
    "classify",
    "months_until",
    "retirement_date",
    "task_points",
    "trust_vote_outcome",
]
