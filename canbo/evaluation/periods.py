"""Opening, filling, publishing and reopening evaluation periods (services).

Rules: a period is a calendar month, quarter or year of a unit and everything
under it (Decree 335 art. 14: monthly or quarterly monitoring; art. 21: the
year). Sheets are created in the background for everyone in service there,
except contract staff, whom the decrees do not rate. Deadlines follow the steps:
self-assessment, then review, then decision.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from canbo.core.actor import Actor
from canbo.core.audit import log_action
from canbo.core.bulk import bulk_insert
from canbo.core.errors import InvalidInput, NotAllowed
from canbo.evaluation.figures import NO_WORK, TaskFigures, figures_by_assignee
from canbo.evaluation.models import Period, Sheet
from canbo.evaluation.packs import PackChooser
from canbo.evaluation.scores import task_points_for
from canbo.org.models import Unit
from canbo.people.models import Assignment, Person
from canbo.policy.access import Capability
from canbo.policy.packs import Pack
from canbo.work.models import Task

BATCH = 1000
RATED = (
    Person.Category.CADRE,
    Person.Category.CIVIL_SERVANT,
    Person.Category.PUBLIC_EMPLOYEE,
)


def period_bounds(kind: str, day: date) -> tuple[date, date]:
    """The calendar month, quarter or year that contains `day`."""
    if kind == Period.Kind.YEAR:
        return date(day.year, 1, 1), date(day.year, 12, 31)
    first = day.month if kind == Period.Kind.MONTH else 3 * ((day.month - 1) // 3) + 1
    last = first if kind == Period.Kind.MONTH else first + 2
    end = date(day.year + 1, 1, 1) if last == 12 else date(day.year, last + 1, 1)
    return date(day.year, first, 1), date.fromordinal(end.toordinal() - 1)


def _require(actor: Actor, unit: Unit) -> None:
    if actor.read_only or not actor.covers(Capability.OPEN_PERIODS, unit.path, unit.pk):
        raise NotAllowed


def _check_deadlines(start: date, deadlines: Sequence[date]) -> None:
    fields = ("self_deadline", "review_deadline", "decision_deadline")
    errors: dict[str, list[str]] = {}
    if deadlines[0] < start:
        errors["self_deadline"] = [
            _("The self-assessment cannot be due before the period starts.")
        ]
    for before, after, name in zip(deadlines, deadlines[1:], fields[1:], strict=False):
        if after < before:
            errors[name] = [_("Each step must be due on or after the step before it.")]
    if errors:
        raise InvalidInput(errors)


@transaction.atomic
def open_period(
    *,
    actor: Actor,
    unit: Unit,
    kind: str,
    day: date,
    self_deadline: date,
    review_deadline: date,
    decision_deadline: date,
) -> Period:
    """Open the period of `kind` containing `day` for `unit` and its subtree; the
    sheets are created by a background task (progress on the period).

    Audit: evaluation.period.opened.
    """
    _require(actor, unit)
    if kind not in Period.Kind.values:
        raise InvalidInput.single("kind", _("Choose a month, a quarter or a year."))
    start, end = period_bounds(kind, day)
    _check_deadlines(start, (self_deadline, review_deadline, decision_deadline))
    period = Period(
        unit=unit, unit_path=unit.path, kind=kind, start=start, end=end,
        self_deadline=self_deadline, review_deadline=review_deadline,
        decision_deadline=decision_deadline, opened_by=actor.user,
    )  # fmt: skip
    try:
        with transaction.atomic():
            period.save()
    except IntegrityError:
        raise InvalidInput.single(
            "day", _("This unit already has an evaluation period for these dates.")
        ) from None
    log_action(
        "evaluation.period.opened", actor=actor, obj=period, unit_path=unit.path,
        data={"kind": kind, "start": start.isoformat(), "end": end.isoformat()},
    )  # fmt: skip
    transaction.on_commit(lambda: _enqueue(period.pk))
    return period


def _enqueue(period_id: int) -> None:
    from canbo.evaluation.tasks import create_sheets

    create_sheets.enqueue(period_id)


def _leaders(unit_path: str, day: date) -> set[int]:
    """People under `unit_path` holding a leadership post on `day` (Decree 335
    art. 15 applies to them), in one query."""
    rows = Assignment.objects.filter(
        person__unit_path__pathprefix=unit_path, post__is_leadership=True,
        start_date__lte=day,
    ).exclude(end_date__lt=day)  # fmt: skip
    return set(rows.values_list("person_id", flat=True))


def _chunks[T](items: list[T]) -> Iterator[list[T]]:
    for at in range(0, len(items), BATCH):
        yield items[at : at + BATCH]


@dataclass
class _Context:
    """What every batch of a period's new sheets needs, read once: the task
    figures are added up once per deduction rate the packs in use ask for."""

    period: Period
    chooser: PackChooser
    leaders: set[int]
    figures: dict[Decimal, dict[int, TaskFigures]] = field(default_factory=dict)

    def figures_of(self, person_id: int, pack: Pack) -> TaskFigures:
        if pack.deduction not in self.figures:
            tasks = Task.objects.filter(unit_path__pathprefix=self.period.unit_path)
            self.figures[pack.deduction] = figures_by_assignee(
                tasks, self.period.start, self.period.end, deduction=pack.deduction
            )
        return self.figures[pack.deduction].get(person_id, NO_WORK)


def build_sheets(period_id: int) -> int:
    """Create the missing sheets of a period, with their task figures, in batches;
    return how many were created. Running it again creates nothing twice."""
    period = Period.objects.select_related("unit").get(pk=period_id)
    people = Person.objects.filter(
        unit_path__pathprefix=period.unit_path, is_active=True, category__in=RATED
    ).exclude(sheets__period=period)
    rows = list(
        people.order_by("id").values_list("id", "unit_id", "unit_path", "category")
    )
    Period.objects.filter(pk=period.pk).update(
        sheets_total=period.sheets.count() + len(rows)
    )
    context = _Context(
        period=period,
        chooser=PackChooser(period.start),
        leaders=_leaders(period.unit_path, period.end),
    )
    created, done = 0, period.sheets.count()
    for batch in _chunks(rows):
        created += _create_batch(context, batch)
        Period.objects.filter(pk=period.pk).update(sheets_done=done + created)
    Period.objects.filter(pk=period.pk, status=Period.Status.OPENING).update(
        status=Period.Status.OPEN
    )
    return created


# The columns a new sheet is written with; the others keep their defaults.
SHEET_COLUMNS = (
    "period", "person", "unit", "unit_path", "pack", "is_leader", "status", "version",
    "self_points", "self_comments", "self_review", "review_points", "review_reason",
    "proposed_level", "assigned", "completed", "quality", "progress",
    "failed_reviews", "delays", "task_points", "level", "reasons", "decision_note",
)  # fmt: skip


@transaction.atomic
def _create_batch(context: _Context, people: list[tuple[int, int, str, str]]) -> int:
    """Write one batch of new sheets in one bulk statement (COPY on PostgreSQL)."""
    period, rows = context.period, []
    for person_id, unit_id, unit_path, category in people:
        pack = context.chooser.pack(category, unit_path)
        found = context.figures_of(person_id, pack)
        leader = person_id in context.leaders
        rows.append((
            period.pk, person_id, unit_id, unit_path, pack.code, leader,
            Sheet.Status.DRAFT.value, 1, "{}", "{}", "", "{}", "", "",
            found.sums.assigned, found.sums.completed, found.sums.quality,
            found.sums.progress, found.failed_reviews, found.delays,
            task_points_for(found.sums, is_leader=leader), "", "[]", "",
        ))  # fmt: skip
    bulk_insert(Sheet, SHEET_COLUMNS, rows)
    return len(rows)


def _locked_period(period: Period) -> Period:
    return Period.objects.select_for_update().get(pk=period.pk)


@transaction.atomic
def publish_period(*, actor: Actor, period: Period) -> Period:
    """Publish the results to the unit and lock the period; every sheet must be
    decided first. Audit: evaluation.period.published."""
    period = _locked_period(period)
    _require(actor, period.unit)
    if period.status != Period.Status.OPEN:
        raise InvalidInput.single("", _("Only an open period can be published."))
    waiting = period.sheets.exclude(status=Sheet.Status.DECIDED).count()
    if waiting:
        raise InvalidInput.single(
            "", _("%(count)d sheets are not decided yet.") % {"count": waiting}
        )
    period.status, period.published_at = Period.Status.PUBLISHED, timezone.now()
    period.version += 1
    period.save(update_fields=["status", "published_at", "version"])
    log_action(
        "evaluation.period.published",
        actor=actor,
        obj=period,
        unit_path=period.unit_path,
    )
    _notify_published(period)
    return period


@transaction.atomic
def reopen_period(*, actor: Actor, period: Period, reason: str) -> Period:
    """Unlock a published period, with the reason (Decree 233 art. 15.4: a wrong
    result is replaced by a new decision). Audit: evaluation.period.reopened."""
    period = _locked_period(period)
    _require(actor, period.unit)
    if period.status != Period.Status.PUBLISHED:
        raise InvalidInput.single("", _("Only a published period can be reopened."))
    if not reason.strip():
        raise InvalidInput.single("reason", _("Give the reason for reopening."))
    period.status, period.published_at = Period.Status.OPEN, None
    period.version += 1
    period.save(update_fields=["status", "published_at", "version"])
    log_action(
        "evaluation.period.reopened", actor=actor, obj=period,
        unit_path=period.unit_path, data={"reason": reason.strip()},
    )  # fmt: skip
    return period


def _notify_published(period: Period) -> None:
    """Tell each person with a login that their result is published (after commit)."""
    from canbo.accounts.models import User
    from canbo.work.models import Notification
    from canbo.work.notifications import Notice, after_commit, notice_key, text_of

    users = dict(
        User.objects.filter(person__sheets__period=period, is_active=True).values_list(
            "person_id", "pk"
        )
    )
    kind = Notification.Kind.RESULT
    notices = []
    for sheet_id, person_id, level in period.sheets.values_list(
        "pk", "person_id", "level"
    ):
        if person_id not in users:
            continue
        message = text_of(
            gettext_noop("The results of %(period)s are published: %(level)s."),
            {"period": f"{period.start:%m/%Y}", "level": level or "—"},
        )
        key = notice_key(
            kind, period.pk, f"{period.version}:{sheet_id}", users[person_id]
        )
        link = reverse("evaluation:sheet", args=[sheet_id])
        notices.append(Notice(users[person_id], None, kind, message, key, link))
    after_commit(notices)


@transaction.atomic
def attach_minutes(
    *, actor: Actor, period: Period, upload: UploadedFile[bytes]
) -> Period:
    """Attach the minutes of the collective meeting (the file limits of evidence).

    Audit: evaluation.period.minutes."""
    from canbo.work.services.products import check_files

    period = _locked_period(period)
    allowed = actor.covers(Capability.DECIDE_LEVELS, period.unit_path, period.unit_id)
    if actor.read_only or not (allowed or actor.covers(
        Capability.OPEN_PERIODS, period.unit_path, period.unit_id
    )):  # fmt: skip
        raise NotAllowed
    if period.status == Period.Status.PUBLISHED:
        raise InvalidInput.single("minutes", _("This period is locked."))
    check_files([upload], field="minutes")
    period.minutes.save(upload.name or "bien-ban", upload, save=False)
    period.minutes_name = (upload.name or "")[:255]
    period.version += 1
    period.save(update_fields=["minutes", "minutes_name", "version"])
    log_action(
        "evaluation.period.minutes", actor=actor, obj=period, unit_path=period.unit_path,
        data={"name": period.minutes_name},
    )  # fmt: skip
    return period
