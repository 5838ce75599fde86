"""Generate a realistic demo province: units, posts, job positions, staff and their records.

This is a bulk loader for demos and benchmarks, not a data-entry path: it writes with
`bulk_create` in batches and deliberately bypasses the per-record services (and
their one-audit-entry-per-change rule), which would take hours at 130,000 staff.
Instead the whole run is one transaction and leaves one audit entry,
`demo.province.generated`, that records what was generated and from which seed.

The output depends only on the seed, the staff count and the reference date `today`
(never on the clock), so the same command gives the same province.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from canbo.core.audit import log_action
from canbo.demo.generate import catalogue
from canbo.demo.generate.careers import generate_careers
from canbo.demo.generate.evaluations import (
    EvaluationSummary,
    Rates,
    generate_evaluations,
)
from canbo.demo.generate.people import Batch, Generator
from canbo.demo.generate.plan import (
    MIN_STAFF,
    PROVINCE_NAME,
    UnitPlan,
    number_units,
    plan_province,
)
from canbo.demo.generate.tasks import TaskSummary, generate_tasks
from canbo.org.models import JobPosition, Post, Unit
from canbo.people.models import Assignment, Person, Relative

DEFAULT_TODAY = date(2026, 11, 1)
BATCH_SIZE = 5000

Progress = Callable[[str], None]


class GenerationError(Exception):
    """The database is not in a state where a province can be generated."""


@dataclass
class Summary:
    staff: int = 0
    units: int = 0
    assignments: int = 0
    relatives: int = 0
    seconds: float = 0.0
    root_id: int = 0
    root_code: str = ""
    units_by_kind: dict[str, int] = field(default_factory=dict)
    staff_by_category: dict[str, int] = field(default_factory=dict)
    tasks: TaskSummary | None = None
    careers: dict[str, int] = field(default_factory=dict)
    careers_seconds: float = 0.0
    evaluations: EvaluationSummary | None = None
    snapshots: int = 0  # dashboard figures stored for the large units


def _silent(_message: str) -> None:
    return None


def generate_province(
    *,
    staff: int,
    seed: int = 1,
    today: date = DEFAULT_TODAY,
    append: bool = False,
    progress: Progress = _silent,
    task_months: int = 0,
    evaluations: bool = False,
    evaluation_rates: Rates | None = None,
    snapshots: bool = True,
) -> Summary:
    """Generate a province of `staff` people in one transaction.

    Refuses when the database already has units, unless `append` is set: then the
    new province is added beside them under a code prefix not yet used.
    With `task_months`, also product catalogues and that many months of tasks
    ending at `today` (see canbo.demo.generate.tasks). With `evaluations`, also the
    published evaluations of the twelve months before `today`'s month and of the
    last complete year, with planted cases (see canbo.demo.generate.evaluations).
    With `snapshots`, last, the dashboard figures of the large units for this
    year and the last (see store_dashboards).
    Audit: demo.province.generated (one entry for the whole run, actor None).
    """
    if staff < MIN_STAFF:
        raise GenerationError(
            _("--staff must be at least %(min)s.") % {"min": MIN_STAFF}
        )
    if Unit.objects.exists() and not append:
        raise GenerationError(
            _(
                "The database already has units. Use --append to add a second demo province "
                "beside them, or start from an empty database."
            )
        )
    progress(
        _("Generating %(staff)s staff (seed %(seed)s, reference date %(today)s)…")
        % {"staff": f"{staff:,}", "seed": seed, "today": today.isoformat()}
    )
    started = time.monotonic()
    prefix, name = _free_prefix()
    rng = random.Random(seed)
    root = plan_province(rng, staff, prefix=prefix, name=name)
    with transaction.atomic():
        summary = _write(rng, root, today, append=append, progress=progress)
        careers_started = time.monotonic()
        summary.careers = generate_careers(
            root_path=root.path, today=today, seed=seed, progress=progress
        )
        summary.careers_seconds = time.monotonic() - careers_started
        if task_months > 0:
            summary.tasks = generate_tasks(
                months=task_months, seed=seed, today=today,
                root_path=root.path, progress=progress,
            )  # fmt: skip
        if evaluations:
            summary.evaluations = generate_evaluations(
                seed=seed, today=today, root_path=root.path, progress=progress,
                rates=evaluation_rates,
            )  # fmt: skip
        if snapshots:
            summary.snapshots = store_dashboards(root.path, today, progress)
        summary.seconds = time.monotonic() - started
        _audit(summary, seed=seed, today=today)
    return summary


def store_dashboards(root_path: str, today: date, progress: Progress) -> int:
    """Compute and store the dashboard figures of the province's large units for
    `today`'s year and the last, so that no first view waits for them."""
    from canbo.insight.services import precompute

    started = time.monotonic()
    root = Unit.objects.get(path=root_path)
    done = precompute(root, [today.year, today.year - 1], today=today)
    progress(
        f"  dashboard figures of {done:,} unit-years stored "
        f"({time.monotonic() - started:.1f} s)"
    )
    return done


def _free_prefix() -> tuple[str, str]:
    """Return the first code prefix ("AS", "AS2", …) and province name not in use."""
    number = 1
    while Unit.objects.filter(code=("AS" if number == 1 else f"AS{number}")).exists():
        number += 1
    if number == 1:
        return "AS", PROVINCE_NAME
    return f"AS{number}", PROVINCE_NAME.replace(" (", f" {number} (")


def _write(
    rng: random.Random, root: UnitPlan, today: date, *, append: bool, progress: Progress
) -> Summary:
    first_unit = (Unit.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
    plans = number_units(root, first_unit, rng)
    Unit.objects.bulk_create([_unit(plan) for plan in plans], batch_size=BATCH_SIZE)
    progress(f"  {len(plans):,} units created")
    generator = Generator(
        rng=rng,
        today=today,
        posts=_ensure_posts(),
        positions=_ensure_positions(),
        next_pk=(Person.objects.aggregate(m=Max("pk"))["m"] or 0) + 1,
        used_ids=set(Person.objects.values_list("citizen_id", flat=True))
        if append
        else set(),
        places=[
            p.name.split(" ", 1)[1] for p in plans if p.kind in ("commune", "ward")
        ],
    )
    summary = Summary(units=len(plans), root_id=root.pk, root_code=root.code)
    summary.units_by_kind = dict(Counter(plan.kind for plan in plans))
    categories: Counter[str] = Counter()
    batch = Batch()
    for plan in plans:
        generator.staff_unit(plan, batch)
        if len(batch.people) >= BATCH_SIZE:
            _flush(batch, summary, categories, progress, total=root_total(plans))
            batch = Batch()
    _flush(batch, summary, categories, progress, total=root_total(plans))
    summary.staff_by_category = dict(categories)
    _reset_sequences()
    return summary


def root_total(plans: list[UnitPlan]) -> int:
    return sum(plan.headcount for plan in plans)


def _flush(
    batch: Batch,
    summary: Summary,
    categories: Counter[str],
    progress: Progress,
    *,
    total: int,
) -> None:
    Person.objects.bulk_create(batch.people, batch_size=BATCH_SIZE)
    Assignment.objects.bulk_create(batch.assignments, batch_size=BATCH_SIZE)
    Relative.objects.bulk_create(batch.relatives, batch_size=BATCH_SIZE)
    summary.staff += len(batch.people)
    summary.assignments += len(batch.assignments)
    summary.relatives += len(batch.relatives)
    categories.update(person.category for person in batch.people)
    progress(f"  {summary.staff:,} / {total:,} staff")


def _unit(plan: UnitPlan) -> Unit:
    return Unit(
        pk=plan.pk,
        code=plan.code,
        name=plan.name,
        kind=plan.kind,
        parent_id=plan.parent.pk if plan.parent else None,
        path=plan.path,
        depth=plan.depth,
        staffing_quota=plan.quota,
    )


def _ensure_posts() -> dict[str, int]:
    """Create the catalogue posts that are missing; return {code: id}."""
    existing = set(
        Post.objects.filter(code__in=[p.code for p in catalogue.POSTS]).values_list(
            "code", flat=True
        )
    )
    Post.objects.bulk_create(
        Post(code=p.code, name=p.name, rank=p.rank, is_leadership=True)
        for p in catalogue.POSTS
        if p.code not in existing
    )
    return dict(
        Post.objects.filter(code__in=[p.code for p in catalogue.POSTS]).values_list(
            "code", "pk"
        )
    )


def _ensure_positions() -> dict[str, int]:
    """Create the job positions that are missing, with their competencies; return {code: id}."""
    codes = [p.code for p in catalogue.POSITIONS]
    existing = set(
        JobPosition.objects.filter(code__in=codes).values_list("code", flat=True)
    )
    JobPosition.objects.bulk_create(
        JobPosition(
            code=p.code,
            name=p.name,
            group=p.group,
            competencies=catalogue.competencies(p),
        )
        for p in catalogue.POSITIONS
        if p.code not in existing
    )
    return dict(JobPosition.objects.filter(code__in=codes).values_list("code", "pk"))


def _reset_sequences() -> None:
    """Ids were given by the generator; move the database sequences past them."""
    statements = connection.ops.sequence_reset_sql(no_style(), [Unit, Person])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _audit(summary: Summary, *, seed: int, today: date) -> None:
    root = Unit.objects.get(pk=summary.root_id)
    log_action(
        "demo.province.generated",
        actor=None,
        obj=root,
        unit_path=root.path,
        data={
            "seed": seed,
            "today": today.isoformat(),
            "staff": summary.staff,
            "units": summary.units,
            "assignments": summary.assignments,
            "relatives": summary.relatives,
            "units_by_kind": summary.units_by_kind,
            "staff_by_category": summary.staff_by_category,
            "tasks": summary.tasks.tasks if summary.tasks else 0,
            "evaluation_sheets": summary.evaluations.sheets
            if summary.evaluations
            else 0,
            "note": "bulk generation: per-record services and their audit entries are bypassed",
        },
    )
