"""In-app notifications about tasks, and their e-mail copies.

A notification is written once: its `key` names the event (kind, task, the
deadline or the object that caused it, recipient), so running a job twice, or
a hook firing twice, creates nothing new. Notifications are not audited: the
events they announce are.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from canbo.accounts.models import RoleGrant, User
from canbo.policy.access import Capability, Role, roles_with
from canbo.work.models import ExtensionRequest, Notification, Review, Task

log = logging.getLogger(__name__)

Kind = Notification.Kind
EMAIL_BATCH = 100
# A notification not e-mailed within this time (mail server down) is not retried.
EMAIL_RETRY_DAYS = 3
ASSIGNER_ROLES = (Role.MANAGER, Role.HEAD)


@dataclass(frozen=True)
class Notice:
    """A notification to write: who, about what, and its idempotence key."""

    user_id: int
    task_id: int | None
    kind: str
    message: Text
    key: str
    link: str = ""


def task_url(task_id: int) -> str:
    """Return the path of a task's page (the task pages live under /tasks/)."""
    return f"/tasks/{task_id}/"


def notice_key(kind: str, task_id: int, event: object, user_id: int) -> str:
    return f"{kind}:{task_id}:{event}:{user_id}"[:120]


def notify(
    user: User, task: Task | None, kind: str, message: str, key: str
) -> Notification | None:
    """Write one notification unless one with `key` exists; return it when new."""
    notification, created = Notification.objects.get_or_create(
        key=key,
        defaults={"user": user, "task": task, "kind": kind, "message": message[:255]},
    )
    return notification if created else None


def write_notices(notices: Iterable[Notice]) -> int:
    """Write the notices whose keys are new, in two queries; return how many."""
    pending = {n.key: n for n in notices}
    if not pending:
        return 0
    existing = set(
        Notification.objects.filter(key__in=list(pending)).values_list("key", flat=True)
    )
    rows = [
        Notification(
            user_id=n.user_id,
            task_id=n.task_id,
            kind=n.kind,
            message=str(n.message)[:255],
            text=n.message.msgid,
            params=n.message.params,
            link=n.link,
            key=n.key,
        )
        for key, n in pending.items()
        if key not in existing
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


@dataclass(frozen=True)
class Text:
    """A message kept untranslated (a msgid and its parameters), so that each
    reader sees it in their own language; str() gives the site's language."""

    msgid: str
    params: dict[str, str]

    def __str__(self) -> str:
        with translation.override(settings.LANGUAGE_CODE):
            return _(self.msgid) % self.params


def text_of(msgid: str, params: dict[str, str]) -> Text:
    return Text(msgid, params)


def assigner_ids(unit_id: int, unit_path: str) -> set[int]:
    """Return the users holding a manager or head role that covers the unit."""
    return role_holder_ids(ASSIGNER_ROLES, unit_id, unit_path)


def role_holder_ids(roles: Iterable[Role], unit_id: int, unit_path: str) -> set[int]:
    """Users holding one of `roles` on the unit, or on a unit above it with its
    subtree, in one query (see RoleIndex for many units at once)."""
    prefixes = path_prefixes(unit_path)
    grants = RoleGrant.objects.filter(role__in=[r.value for r in roles]).filter(
        Q(unit_id=unit_id) | Q(include_subtree=True, unit__path__in=prefixes)
    )
    return set(grants.values_list("user_id", flat=True))


@dataclass(frozen=True)
class RoleIndex:
    """The holders of some roles across the organisation, read in one query, to
    find those of many units without a query each (as role_holder_ids)."""

    by_unit: dict[int, set[int]]  # unit id → users, grants on the unit itself
    by_path: dict[str, set[int]]  # unit path → users, grants on its subtree

    @classmethod
    def load(cls, roles: Iterable[Role]) -> RoleIndex:
        by_unit: dict[int, set[int]] = defaultdict(set)
        by_path: dict[str, set[int]] = defaultdict(set)
        grants = RoleGrant.objects.filter(
            role__in=[r.value for r in roles]
        ).values_list("user_id", "unit_id", "unit__path", "include_subtree")
        for user_id, unit_id, path, subtree in grants:
            by_unit[unit_id].add(user_id)
            if subtree:
                by_path[path].add(user_id)
        return cls(by_unit=dict(by_unit), by_path=dict(by_path))

    def holders(self, unit_id: int, unit_path: str) -> set[int]:
        users = set(self.by_unit.get(unit_id, ()))
        for prefix in path_prefixes(unit_path):
            users |= self.by_path.get(prefix, set())
        return users


def path_prefixes(unit_path: str) -> list[str]:
    """Return "a.", "a.b.", … for the materialized path "a.b.…": the unit and its ancestors."""
    parts = [p for p in unit_path.split(".") if p]
    return [".".join(parts[: i + 1]) + "." for i in range(len(parts))]


def unit_leader_ids(unit_id: int) -> set[int]:
    """Return the users who deliver a task ordered from the unit as a whole: those
    holding a task-assigning role on the unit itself (see services.is_assignee)."""
    roles = [r.value for r in roles_with(Capability.ASSIGN_TASKS)]
    grants = RoleGrant.objects.filter(unit_id=unit_id, role__in=roles)
    return set(grants.values_list("user_id", flat=True))


def _assignee_user_ids(task: Task) -> set[int]:
    """The login of the assignee, or the unit's own leaders for a unit's task."""
    if task.assignee_id is None:
        return unit_leader_ids(task.unit_id)
    users = User.objects.filter(person_id=task.assignee_id)
    return set(users.values_list("pk", flat=True))


def _to_each(
    user_ids: Iterable[int], task: Task, kind: str, message: Text, event: object
) -> None:
    notices = [
        Notice(
            user_id, task.pk, kind, message, notice_key(kind, task.pk, event, user_id)
        )
        for user_id in sorted(user_ids)
    ]
    after_commit(notices)


def after_commit(notices: list[Notice]) -> None:
    def write() -> None:
        if write_notices(notices):
            from canbo.work.tasks import email_notifications

            email_notifications.enqueue()

    transaction.on_commit(write, robust=True)


def review_requested(task: Task, submission_id: int) -> None:
    """Tell the assigner that the assignee handed the product in."""
    message = text_of(
        gettext_noop("“%(title)s” was submitted for your review."),
        {"title": task.title},
    )
    kind = Kind.REVIEW_REQUESTED
    user_id = task.assigned_by_id
    key = notice_key(kind, task.pk, submission_id, user_id)
    after_commit([Notice(user_id, task.pk, kind, message, key)])


def reviewed(task: Task, review: Review) -> None:
    """Tell the assignee that the product was accepted or returned."""
    if review.decision == Review.Decision.ACCEPTED:
        kind, text = Kind.ACCEPTED, gettext_noop("“%(title)s” was accepted.")
    else:
        kind, text = (
            Kind.RETURNED,
            gettext_noop("“%(title)s” was returned for rework: %(reason)s"),
        )
    message = text_of(text, {"title": task.title, "reason": review.reason})
    _to_each(_assignee_user_ids(task), task, kind, message, review.pk)


def extension_requested(task: Task, extension: ExtensionRequest) -> None:
    """Tell the assigner that the assignee asks for a later deadline."""
    message = text_of(
        gettext_noop("An extension of “%(title)s” to %(date)s is requested."),
        {
            "title": task.title,
            "date": extension.requested_deadline.strftime("%d/%m/%Y"),
        },
    )
    kind, user_id = Kind.EXTENSION_REQUESTED, task.assigned_by_id
    key = notice_key(kind, task.pk, extension.pk, user_id)
    after_commit([Notice(user_id, task.pk, kind, message, key)])


def extension_decided(task: Task, extension: ExtensionRequest) -> None:
    """Tell the assignee whether the extension was approved or refused."""
    approved = extension.status == ExtensionRequest.Status.APPROVED
    text = (
        gettext_noop("The extension of “%(title)s” to %(date)s was approved.")
        if approved
        else gettext_noop("The extension of “%(title)s” to %(date)s was refused.")
    )
    date_text = extension.requested_deadline.strftime("%d/%m/%Y")
    message = text_of(text, {"title": task.title, "date": date_text})
    _to_each(
        _assignee_user_ids(task), task, Kind.EXTENSION_DECIDED, message, extension.pk
    )


def proposed(task: Task) -> None:
    """Tell the managers and heads of the unit that a staff member proposed a task."""
    message = text_of(
        gettext_noop("“%(title)s” was proposed and waits for your approval."),
        {"title": task.title},
    )
    kind = Kind.PROPOSAL
    notices = [
        Notice(user_id, task.pk, kind, message, notice_key(kind, task.pk, 0, user_id))
        for user_id in assigner_ids(task.unit_id, task.unit_path)
        if user_id != task.assigned_by_id
    ]
    after_commit(notices)


def _claim(now: datetime) -> list[Notification]:
    """Mark a batch of notifications as e-mailed, so no other worker sends them."""
    with transaction.atomic():
        batch = list(
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                emailed_at__isnull=True,
                created_at__gte=now - timedelta(days=EMAIL_RETRY_DAYS),
            )
            .exclude(user__email="")
            .select_related("user")
            .order_by("id")[:EMAIL_BATCH]
        )
        Notification.objects.filter(pk__in=[n.pk for n in batch]).update(emailed_at=now)
    return batch


def _message(notification: Notification) -> EmailMessage:
    link = settings.SITE_URL + notification.link if notification.link else ""
    if not link and notification.task_id is not None:
        link = settings.SITE_URL + task_url(notification.task_id)
    return EmailMessage(
        subject=f"[canbo] {notification.message}"[:200],
        body=f"{notification.message}\n\n{link}".strip(),
        to=[notification.user.email],
    )


def send_emails(now: datetime) -> int:
    """E-mail every new notification once to its user, if they have an address.

    A batch is claimed (emailed_at set) before sending; a message the mail
    server refuses is released for the next run. Return how many were sent.
    """
    sent = 0
    while batch := _claim(now):
        failed: list[int] = []
        with mailers.default as connection:
            for notification in batch:
                try:
                    connection.send_messages([_message(notification)])
                except Exception:  # the mail server refused or is down
                    log.exception("could not e-mail notification %s", notification.pk)
                    failed.append(notification.pk)
        Notification.objects.filter(pk__in=failed).update(emailed_at=None)
        sent += len(batch) - len(failed)
        if failed:
            break
    return sent


def notifications_for(user: User) -> QuerySet[Notification]:
    """Return the user's own notifications, newest first (nobody sees another's)."""
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def unread_count(user: User) -> int:
    """Count the user's unread notifications (one indexed query)."""
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def open_notification(user: User, pk: int, now: datetime) -> Notification:
    """Mark the user's notification read and return it; another's answers 404."""
    notification = notifications_for(user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    if notification.read_at is None:
        notification.read_at = now
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(user: User, now: datetime) -> int:
    """Mark every unread notification of the user read; return how many."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=now
    )
