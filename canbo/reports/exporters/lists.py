"""Lists of the other apps as .xlsx: staff, tasks and a period's evaluation
sheets, each read through that app's own scoped selector."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from itertools import islice
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.core.actor import Actor
from canbo.evaluation import selectors as evaluation
from canbo.evaluation.models import LEVEL_CHOICES, Sheet
from canbo.org.models import Unit
from canbo.org.selectors import access_unit
from canbo.people import selectors as people
from canbo.people.models import Assignment, Person
from canbo.policy.access import Capability
from canbo.reports.exporters.base import (
    Cell,
    Column,
    Exporter,
    Params,
    Table,
    flag_param,
    int_param,
    register,
)
from canbo.work.models import Task
from canbo.work.selectors import tasks_visible_to

CHUNK = 2000


def unit_of(actor: Actor, params: Params) -> Unit | None:
    """The `unit` parameter, if the actor may see it (Http404 otherwise)."""
    unit_id = int_param(params, "unit")
    return access_unit(actor, unit_id) if unit_id is not None else None


def _text(params: Params, name: str) -> str:
    return str(params.get(name) or "").strip()[:100]


# --- staff ----------------------------------------------------------------------

STAFF_COLUMNS = (
    Column(gettext_lazy("Full name"), 28),
    Column(gettext_lazy("Date of birth"), 12, "date"),
    Column(gettext_lazy("Sex"), 8),
    Column(gettext_lazy("Ethnicity"), 10),
    Column(gettext_lazy("Unit"), 32),
    Column(gettext_lazy("Post"), 24),
    Column(gettext_lazy("Category"), 22),
    Column(gettext_lazy("Civil service rank"), 16),
    Column(gettext_lazy("Education"), 18),
    Column(gettext_lazy("Political theory"), 18),
    Column(gettext_lazy("Recruitment date"), 12, "date"),
)


STAFF_FIELDS = (
    "pk", "full_name", "birth_date", "sex", "ethnicity", "unit__name", "category",
    "civil_service_rank", "education", "political_theory", "recruited_on",
)  # fmt: skip


def labels(choices: Sequence[tuple[object, object]]) -> dict[object, str]:
    """A field's choice labels in the active language, looked up once per table
    (a model's get_FOO_display rebuilds its choices dict on every call)."""
    return {value: str(label) for value, label in choices}


def _posts_of(ids: Sequence[int]) -> dict[int, str]:
    """The current posts of these people, as one text each (one query)."""
    found: dict[int, list[str]] = {}
    rows = Assignment.objects.filter(
        person_id__in=ids, end_date__isnull=True, post__isnull=False
    ).values_list("person_id", "post__name")
    for person_id, name in rows:
        found.setdefault(person_id, []).append(name)
    return {pk: ", ".join(names) for pk, names in found.items()}


def _staff_rows(
    people_rows: QuerySet[Person, tuple[Any, ...]],
) -> Iterator[Sequence[Cell]]:
    """Plain values, not model instances, in chunks; the posts of a chunk in one query."""
    sexes = labels(Person.Sex.choices)
    categories = labels(Person.Category.choices)
    education = labels(Person.Education.choices)
    theory = labels(Person.PoliticalTheory.choices)
    for chunk in chunked(people_rows.iterator(chunk_size=CHUNK), CHUNK):
        posts = _posts_of([row[0] for row in chunk])
        for (
            pk,
            name,
            born,
            sex,
            ethnicity,
            unit,
            category,
            rank,
            edu,
            llct,
            since,
        ) in chunk:
            yield (
                name, born, sexes.get(sex, sex), ethnicity, unit, posts.get(pk, ""),
                categories.get(category, category), rank, education.get(edu, edu),
                theory.get(llct, llct), since,
            )  # fmt: skip


def chunked[T](items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def staff_table(actor: Actor, params: Params, today: date) -> Table:
    """The staff list with the filters of the staff page (unit, subtree,
    category, sex, age band, search), in the actor's scope."""
    filters = people.StaffFilter(
        unit=unit_of(actor, params),
        subtree=flag_param(params, "subtree", default=True),
        category=_text(params, "category"),
        post_id=int_param(params, "post"),
        sex=_text(params, "sex"),
        age_band=_text(params, "age_band"),
        q=_text(params, "q"),
    )
    found = people.staff_list(actor, filters, today=today)
    return Table(
        title=_("Staff list"),
        columns=STAFF_COLUMNS,
        rows=_staff_rows(found.values_list(*STAFF_FIELDS)),
        total=found.count(),
        filename="danh-sach-can-bo",
    )


# --- tasks ----------------------------------------------------------------------

TASK_COLUMNS = (
    Column(gettext_lazy("Task"), 40),
    Column(gettext_lazy("Assignee"), 26),
    Column(gettext_lazy("Unit"), 30),
    Column(gettext_lazy("Assigned on"), 12, "date"),
    Column(gettext_lazy("Deadline"), 12, "date"),
    Column(gettext_lazy("Status"), 20),
    Column(gettext_lazy("Progress (%)"), 10, "int"),
    Column(gettext_lazy("Completed on"), 12, "date"),
    Column(gettext_lazy("Late"), 8),
)


def _task_rows(found: QuerySet[Task]) -> Iterator[Sequence[Cell]]:
    statuses = labels(Task.Status.choices)
    yes = _("Yes")
    for task in found.iterator(chunk_size=CHUNK):
        yield (
            task.title, task.assignee.full_name if task.assignee else "",
            task.unit.name, task.assigned_on, task.deadline,
            statuses.get(task.status, task.status), task.progress, task.completed_on,
            yes if task.late else "",
        )  # fmt: skip


def tasks_table(actor: Actor, params: Params, today: date) -> Table:
    """Tasks of the units in scope (and the actor's own), optionally under a
    unit, of one status, assigned within [from, to]."""
    found = tasks_visible_to(actor)
    unit = unit_of(actor, params)
    if unit is not None:
        found = found.filter(unit_path__pathprefix=unit.path)
    status = _text(params, "status")
    if status in Task.Status.values:
        found = found.filter(status=status)
    for name, lookup in (("from", "assigned_on__gte"), ("to", "assigned_on__lte")):
        day = _date_param(params, name)
        if day is not None:
            found = found.filter(**{lookup: day})
    found = found.select_related("assignee", "unit").order_by(
        "unit_path", "deadline", "id"
    )
    return Table(
        title=_("Tasks"),
        columns=TASK_COLUMNS,
        rows=_task_rows(found),
        total=found.count(),
        filename="nhiem-vu",
    )


def _date_param(params: Params, name: str) -> date | None:
    value = _text(params, name)
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


# --- the actor's own tasks ---------------------------------------------------------

MY_TASK_COLUMNS = (TASK_COLUMNS[0], *TASK_COLUMNS[2:])  # no "Assignee": the actor
MY_TASK_FIELDS = (
    "title", "unit__name", "assigned_on", "deadline", "status", "progress",
    "completed_on", "late",
)  # fmt: skip


def _my_task_rows(
    found: QuerySet[Task, tuple[Any, ...]],
) -> Iterator[Sequence[Cell]]:
    statuses = labels(Task.Status.choices)
    yes = _("Yes")
    for title, unit, assigned, deadline, status, progress, done, late in found.iterator(
        chunk_size=CHUNK
    ):
        yield (
            title, unit, assigned, deadline, statuses.get(status, status), progress,
            done, yes if late else "",
        )  # fmt: skip


def my_tasks_table(actor: Actor, params: Params, today: date) -> Table:
    """The actor's own tasks (those assigned to them, whatever their role), with
    the filters of the "My tasks" page: status, and the month of the deadline."""
    from canbo.work.forms import MyTasksFilter
    from canbo.work.selectors import my_tasks

    filters = MyTasksFilter(
        {"status": _text(params, "status"), "period": _text(params, "month")}
    )
    found = filters.apply(my_tasks(actor))
    people = Person.objects.filter(pk=actor.person_id or 0)
    name = people.values_list("full_name", flat=True).first()
    return Table(
        title=_("My tasks"),
        columns=MY_TASK_COLUMNS,
        rows=_my_task_rows(found.values_list(*MY_TASK_FIELDS)),
        total=found.count(),
        heading=(
            name or actor.user.get_username(),
            _("As of %(date)s") % {"date": today.strftime("%d/%m/%Y")},
        ),
        filename="nhiem-vu-cua-toi",
    )


# --- evaluation sheets of a period ----------------------------------------------

SHEET_COLUMNS = (
    Column(gettext_lazy("Full name"), 28),
    Column(gettext_lazy("Unit"), 32),
    Column(gettext_lazy("Status"), 24),
    Column(gettext_lazy("Task points (of 70)"), 12, "number"),
    Column(gettext_lazy("Score (of 100)"), 12, "number"),
    Column(gettext_lazy("Proposed level"), 22),
    Column(gettext_lazy("Level"), 22),
)


def _sheet_rows(found: QuerySet[Sheet]) -> Iterator[Sequence[Cell]]:
    statuses = labels(Sheet.Status.choices)
    levels = labels(LEVEL_CHOICES)
    for sheet in found.iterator(chunk_size=CHUNK):
        yield (
            sheet.person.full_name, sheet.unit.name,
            statuses.get(sheet.status, sheet.status), sheet.task_points, sheet.score,
            levels.get(sheet.proposed_level, ""), levels.get(sheet.level, ""),
        )  # fmt: skip


def sheets_table(actor: Actor, params: Params, today: date) -> Table:
    """The sheets of one period that the actor may see (the period page's list)."""
    period_id = int_param(params, "period")
    period = evaluation.access_period(actor, period_id or 0)
    found = evaluation.period_sheets(actor, period)
    return Table(
        title=_("Evaluation sheets"),
        columns=SHEET_COLUMNS,
        rows=_sheet_rows(found),
        total=found.count(),
        heading=(
            f"{period.unit.name} · {period} · {period.start:%d/%m/%Y} – {period.end:%d/%m/%Y}",
        ),
        filename=f"phieu-danh-gia-{period.pk}",
    )


register(Exporter("staff", gettext_lazy("Staff list"), Capability.VIEW_PEOPLE, staff_table,
                  params=("unit", "subtree", "category", "post", "sex", "age_band", "q")))  # fmt: skip
register(Exporter("tasks", gettext_lazy("Tasks"), Capability.VIEW_PEOPLE, tasks_table,
                  params=("unit", "status", "from", "to")))  # fmt: skip
register(Exporter("my_tasks", gettext_lazy("My tasks"), None, my_tasks_table,
                  params=("status", "month")))  # fmt: skip
register(Exporter("sheets", gettext_lazy("Evaluation sheets of a period"), Capability.VIEW_PEOPLE,
                  sheets_table, params=("period",), needs=("period",)))  # fmt: skip
