"""Generate product catalogues and a realistic span of tasks for the demo staff.

Bulk loading like the rest of `canbo generate`: ids are given in Python, rows are
written with `bulk_create` in batches, and no per-task query is made. Every
person holding a job position gets about eight tasks a month over the last
`months` months before the reference date; each task's history (extension,
returns, late or partial completion) is drawn by `outcomes.plan_outcome`, so
the output depends only on the seed and the reference date.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Max, Model
from django.utils import timezone

from canbo.accounts.models import User
from canbo.demo.generate import products as catalogue
from canbo.demo.generate.bulk import BATCH_SIZE, insert, reset_sequences
from canbo.demo.generate.outcomes import Extension, Outcome, Rates, plan_outcome
from canbo.org.models import JobPosition
from canbo.people.models import Assignment
from canbo.work import summaries
from canbo.work.models import (
    Catalogue,
    ExtensionRequest,
    ProductGroup,
    ProductType,
    Review,
    Submission,
    Task,
)

SYSTEM_USERNAME = "system"
TASKS_PER_MONTH = (6, 10)  # about eight
DAYS_PER_MONTH = 30.44
RETURN_REASONS = (
    "Số liệu chưa khớp với báo cáo của các đơn vị, đề nghị rà soát lại.",
    "Văn bản chưa đúng thể thức theo Nghị định 30/2020/NĐ-CP.",
    "Nội dung tham mưu chưa đầy đủ căn cứ pháp lý.",
)
EXCUSES = (
    "Chờ ý kiến góp ý của các sở, ngành liên quan.",
    "Ảnh hưởng của mưa bão, phải tập trung ứng phó thiên tai.",
)


def _nothing(_message: str) -> None:
    return None


@dataclass
class TaskSummary:
    catalogues: int = 0
    product_types: int = 0
    tasks: int = 0
    submissions: int = 0
    reviews: int = 0
    extensions: int = 0
    board_rows: int = 0
    board_seconds: float = 0.0
    seconds: float = 0.0


@dataclass(frozen=True)
class Worker:
    person_id: int
    unit_id: int
    unit_path: str
    position_id: int
    since: date
    user_id: int  # their own login, or the system user
    boss_id: int  # who assigns and reviews: their head's login, or the system user


Row = tuple[Any, ...]


@dataclass
class Rows:
    """Rows waiting to be written, as tuples in the order of COLUMNS."""

    tasks: list[Row] = field(default_factory=list)
    submissions: list[Row] = field(default_factory=list)
    reviews: list[Row] = field(default_factory=list)
    extensions: list[Row] = field(default_factory=list)


@dataclass
class Ids:
    task: int
    submission: int
    review: int
    extension: int

    @classmethod
    def after_existing(cls) -> Ids:
        def next_id(model: type[Model]) -> int:
            return int(model._default_manager.aggregate(m=Max("pk"))["m"] or 0) + 1

        return cls(
            next_id(Task),
            next_id(Submission),
            next_id(Review),
            next_id(ExtensionRequest),
        )


def generate_tasks(
    *,
    months: int,
    seed: int,
    today: date,
    root_path: str = "",
    progress: Callable[[str], None] = _nothing,
    rates: Rates | None = None,
) -> TaskSummary:
    """Write catalogues and `months` months of tasks for the staff under `root_path`.

    Call inside the generation's transaction; nothing is audited per row.
    """
    started = time.monotonic()
    rng = random.Random(seed * 7919 + 17)
    summary = TaskSummary()
    workers = _workers(root_path)
    menus = _ensure_catalogues(
        rng, {w.position_id for w in workers}, today, months, summary
    )
    ids, rows = Ids.after_existing(), Rows()
    writer = _Writer(rng, rates or Rates(), today, ids)
    start = today - timedelta(days=round(months * DAYS_PER_MONTH))
    for worker in workers:
        writer.person(
            worker, menus[worker.position_id], max(start, worker.since), months, rows
        )
        if len(rows.tasks) >= BATCH_SIZE:
            _flush(rows, summary, progress)
            rows = Rows()
    _flush(rows, summary, progress)
    reset_sequences()
    progress("  adding up the task boards")
    boards_started = time.monotonic()
    summary.board_rows = summaries.rebuild(under=root_path)
    summary.board_seconds = time.monotonic() - boards_started
    summary.seconds = time.monotonic() - started
    return summary


def system_user() -> int:
    user, _created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"first_name": "Hệ thống", "is_active": False, "password": "!"},
    )
    return int(user.pk)


def _workers(root_path: str) -> list[Worker]:
    """Everyone holding a job position now, with who assigns their work."""
    system = system_user()
    logins = dict(
        User.objects.filter(person__isnull=False).values_list("person_id", "pk")
    )
    rows: list[tuple[Any, ...]] = list(
        Assignment.objects.filter(
            end_date__isnull=True, is_primary=True, job_position__isnull=False,
            person__is_active=True, unit__path__startswith=root_path,
        )
        .order_by("person_id", "-start_date", "pk")
        .values_list("person_id", "unit_id", "unit__path", "unit__parent_id",
                     "job_position_id", "start_date", "post__rank")
    )  # fmt: skip
    heads: dict[int, tuple[int, int]] = {}  # unit -> (rank, person)
    for person, unit, _path, _parent, _position, _since, rank in rows:
        if rank is not None and (unit not in heads or rank > heads[unit][0]):
            heads[unit] = (rank, person)
    workers, seen = [], set()
    for person, unit, path, parent, position, since, _rank in rows:
        if person in seen:
            continue
        seen.add(person)
        head = heads.get(unit, (0, person))[1]
        if head == person and parent is not None:
            head = heads.get(parent, (0, person))[1]
        boss = logins.get(head, system) if head != person else system
        workers.append(
            Worker(
                person, unit, path, position, since, logins.get(person, system), boss
            )
        )
    return workers


def _ensure_catalogues(
    rng: random.Random,
    positions: set[int],
    today: date,
    months: int,
    summary: TaskSummary,
) -> dict[int, list[ProductType]]:
    """One catalogue version per job position in use (kept if one exists)."""
    existing = {
        c.job_position_id: c
        for c in Catalogue.objects.filter(
            job_position_id__in=positions, unit__isnull=True
        ).order_by("job_position_id", "version")
    }
    valid_from = date(today.year - 1 - months // 12, 1, 1)
    created, products = _new_catalogues(
        rng, sorted(positions - set(existing)), valid_from
    )
    Catalogue.objects.bulk_create(created)
    ProductType.objects.bulk_create(products, batch_size=BATCH_SIZE)
    summary.catalogues, summary.product_types = len(created), len(products)
    owner = {c.pk: c.job_position_id for c in (*existing.values(), *created)}
    menus: dict[int, list[ProductType]] = {p: [] for p in positions}
    for product in ProductType.objects.filter(catalogue_id__in=owner).order_by("pk"):
        menus[owner[product.catalogue_id]].append(product)
    return menus


def _new_catalogues(
    rng: random.Random, positions: list[int], valid_from: date
) -> tuple[list[Catalogue], list[ProductType]]:
    groups = _ensure_groups()
    codes = dict(JobPosition.objects.filter(pk__in=positions).values_list("pk", "code"))
    next_catalogue = int(Catalogue.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    next_product = int(ProductType.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    catalogues: list[Catalogue] = []
    products: list[ProductType] = []
    for offset, position in enumerate(positions):
        pk = next_catalogue + offset
        catalogues.append(Catalogue(pk=pk, job_position_id=position, valid_from=valid_from,
                                    note="Danh mục sản phẩm mẫu (dữ liệu demo)"))  # fmt: skip
        for number, item in enumerate(catalogue.products_for(rng, codes[position]), 1):
            products.append(ProductType(
                pk=next_product + len(products), catalogue_id=pk, group_id=groups[item.group],
                code=f"{item.group}{number:02d}", name=item.name, unit_of_measure=item.unit_of_measure,
                coefficient=catalogue.coefficient(item), default_days=item.days,
                quality_criteria="Đúng thời hạn, đúng thể thức, số liệu chính xác.",
            ))  # fmt: skip
    return catalogues, products


def _ensure_groups() -> dict[str, int]:
    have = set(ProductGroup.objects.values_list("code", flat=True))
    ProductGroup.objects.bulk_create(
        ProductGroup(code=code, name=name)
        for code, name in catalogue.GROUPS
        if code not in have
    )
    return dict(ProductGroup.objects.values_list("code", "pk"))


def _at(day: date, hour: int = 9) -> object:
    moment = datetime.combine(day, clock(hour), tzinfo=timezone.get_current_timezone())
    return connection.ops.adapt_datetimefield_value(moment)


class _Writer:
    """Turns planned outcomes into rows with ids given in Python."""

    def __init__(self, rng: random.Random, rates: Rates, today: date, ids: Ids) -> None:
        self.rng, self.rates, self.today, self.ids = rng, rates, today, ids
        # created_at and friends: the moment of generation, adapted for the database.
        self.stamp = connection.ops.adapt_datetimefield_value(timezone.now())

    def person(
        self,
        worker: Worker,
        menu: list[ProductType],
        start: date,
        months: int,
        rows: Rows,
    ) -> None:
        rng, span = self.rng, (self.today - start).days
        if not menu or span < 0:
            return
        count = sum(rng.randint(*TASKS_PER_MONTH) for _ in range(months))
        count = round(count * min(1.0, span / (months * DAYS_PER_MONTH)))
        for _ in range(count):
            assigned_on = start + timedelta(days=rng.randint(0, span))
            if assigned_on.weekday() >= 5:
                assigned_on -= timedelta(days=assigned_on.weekday() - 4)
            assigned_on = max(assigned_on, start)
            self.task(worker, rng.choice(menu), assigned_on, rows)

    def task(
        self, worker: Worker, product: ProductType, assigned_on: date, rows: Rows
    ) -> None:
        rng = self.rng
        quantity = Decimal(rng.choice((1, 1, 1, 2, 2, 3, 4, 5)))
        deadline = assigned_on + timedelta(
            days=product.default_days + rng.randint(0, 5)
        )
        outcome = plan_outcome(rng, self.rates, assigned_on=assigned_on, deadline=deadline,
                               quantity=quantity, today=self.today)  # fmt: skip
        pk = self.ids.task
        self.ids.task += 1
        excuse = rng.choice(EXCUSES) if outcome.excused else ""
        rows.tasks.append((
            pk, product.name, "", product.pk, quantity, product.coefficient,
            quantity * product.coefficient, worker.person_id, worker.unit_id,
            worker.unit_path, worker.boss_id, assigned_on, outcome.deadline, deadline,
            self._priority(), "", None, outcome.status, outcome.progress,
            outcome.completed_on, outcome.completed_quantity, outcome.meets_quality,
            outcome.failed_reviews, outcome.late, outcome.excused, excuse,
            outcome.changes, self.stamp, self.stamp,
        ))  # fmt: skip
        self._history(pk, worker, outcome, rows)

    def _priority(self) -> str:
        draw = self.rng.random()
        if draw < 0.03:
            return Task.Priority.URGENT
        return Task.Priority.HIGH if draw < 0.15 else Task.Priority.NORMAL

    def _history(
        self, task_id: int, worker: Worker, outcome: Outcome, rows: Rows
    ) -> None:
        for submitted_on, quantity, decision in outcome.submissions:
            submission_id = self.ids.submission
            self.ids.submission += 1
            rows.submissions.append((submission_id, task_id, quantity, "",
                                     worker.user_id, submitted_on, self.stamp))  # fmt: skip
            if decision:
                rows.reviews.append(
                    self._review(submission_id, worker, outcome, decision)
                )
        if outcome.extension is not None:
            rows.extensions.append(self._extension(task_id, worker, outcome.extension))

    def _review(
        self, submission_id: int, worker: Worker, outcome: Outcome, decision: str
    ) -> Row:
        accepted = decision == Review.Decision.ACCEPTED
        pk = self.ids.review
        self.ids.review += 1
        return (
            pk, submission_id, decision,
            outcome.meets_quality if accepted else False,
            "" if accepted else self.rng.choice(RETURN_REASONS),
            False, worker.boss_id, self.stamp,
        )  # fmt: skip

    def _extension(self, task_id: int, worker: Worker, extension: Extension) -> Row:
        pk = self.ids.extension
        self.ids.extension += 1
        decided = extension.decided_on
        return (
            pk, task_id, extension.previous_deadline, extension.new_deadline,
            "Khối lượng công việc phát sinh, cần thêm thời gian thu thập số liệu.",
            extension.status, worker.user_id, _at(extension.requested_on),
            worker.boss_id if decided else None, _at(decided, 15) if decided else None, "",
        )  # fmt: skip


def _flush(rows: Rows, summary: TaskSummary, progress: Callable[[str], None]) -> None:
    insert(Task, rows.tasks)
    insert(Submission, rows.submissions)
    insert(Review, rows.reviews)
    insert(ExtensionRequest, rows.extensions)
    summary.tasks += len(rows.tasks)
    summary.submissions += len(rows.submissions)
    summary.reviews += len(rows.reviews)
    summary.extensions += len(rows.extensions)
    progress(f"  {summary.tasks:,} tasks")
