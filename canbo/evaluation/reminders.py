"""Reminders of the evaluation steps, run with the other periodic jobs.

From the day before a step is due, and until it is done: each person whose
self-assessment is not submitted; each reviewer (manager or head covering the
unit) with sheets waiting for review; each head with sheets waiting for a
decision. One notice per person, step and period: a second run writes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from canbo.accounts.models import User
from canbo.evaluation.models import Period, Sheet
from canbo.policy.access import Capability, roles_with
from canbo.work.models import Notification
from canbo.work.notifications import (
    Notice,
    RoleIndex,
    notice_key,
    text_of,
    write_notices,
)

KIND = Notification.Kind.STEP_DUE
SELF_TEXT = gettext_noop("Your self-assessment for %(period)s is due on %(date)s.")
WAITING_TEXT = gettext_noop(
    "%(count)s sheets of %(period)s wait for you; the step is due on %(date)s."
)


def _label(period: Period) -> str:
    return period.start.strftime("%Y" if period.kind == Period.Kind.YEAR else "%m/%Y")


def _self_notices(period: Period, due: date) -> list[Notice]:
    users = dict(
        User.objects.filter(
            person__sheets__period=period, person__sheets__status=Sheet.Status.DRAFT,
            is_active=True,
        ).values_list("person__sheets__pk", "pk")
    )  # fmt: skip
    params = {"period": _label(period), "date": due.strftime("%d/%m/%Y")}
    return [
        Notice(user_id, None, KIND, text_of(SELF_TEXT, params),
               notice_key(KIND, period.pk, f"self:{sheet_id}", user_id),
               reverse("evaluation:sheet", args=[sheet_id]))
        for sheet_id, user_id in users.items()
    ]  # fmt: skip


def _waiting_notices(
    period: Period, status: str, roles: RoleIndex, step: str, due: date
) -> list[Notice]:
    """One notice per user holding `roles` over units with sheets in `status`."""
    per_user: dict[int, int] = defaultdict(int)
    units = (
        period.sheets.filter(status=status)
        .values_list("unit_id", "unit_path")
        .annotate(n=Count("id"))
        .order_by()
    )
    for unit_id, unit_path, count in units:
        for user_id in roles.holders(unit_id, unit_path):
            per_user[user_id] += count
    params = {"period": _label(period), "date": due.strftime("%d/%m/%Y")}
    link = reverse("evaluation:period", args=[period.pk]) + f"?status={status}"
    return [
        Notice(user_id, None, KIND, text_of(WAITING_TEXT, {**params, "count": str(n)}),
               notice_key(KIND, period.pk, step, user_id), link)
        for user_id, n in per_user.items()
    ]  # fmt: skip


def send_step_reminders(now: datetime) -> int:
    """Write the reminders due at `now`; return how many are new."""
    soon = timezone.localdate(now) + timedelta(days=1)
    notices: list[Notice] = []
    reviewers = RoleIndex.load(roles_with(Capability.REVIEW_SHEETS))
    deciders = RoleIndex.load(roles_with(Capability.DECIDE_LEVELS))
    for period in Period.objects.filter(status=Period.Status.OPEN):
        if period.self_deadline <= soon:
            notices += _self_notices(period, period.self_deadline)
        if period.review_deadline <= soon:
            notices += _waiting_notices(
                period,
                Sheet.Status.SUBMITTED,
                reviewers,
                "review",
                period.review_deadline,
            )
        if period.decision_deadline <= soon:
            notices += _waiting_notices(
                period,
                Sheet.Status.REVIEWED,
                deciders,
                "decision",
                period.decision_deadline,
            )
    return write_notices(notices)
