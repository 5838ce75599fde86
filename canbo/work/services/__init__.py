"""Writes to tasks. Each service is one transaction and writes the audit log."""

from canbo.work.services.common import deadline_end, lock_task
from canbo.work.services.extensions import decide_extension, request_extension
from canbo.work.services.products import excuse_delay, review_product, submit_product
from canbo.work.services.tasks import (
    assign_task,
    decide_proposal,
    propose_task,
    update_progress,
)

__all__ = [
    "assign_task",
    "deadline_end",
    "decide_extension",
    "decide_proposal",
    "excuse_delay",
    "lock_task",
    "propose_task",
    "request_extension",
    "review_product",
    "submit_product",
    "update_progress",
]
