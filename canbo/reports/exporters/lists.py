"""Lists of the other apps as .xlsx: staff, tasks and a period's evaluation
sheets, each read through that app's own scoped selector."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.core.actor import Actor
from canbo.evaluation import selectors as evaluation
from canbo.evaluation.models import Sheet
from canbo.org.models import Unit
from canbo.org.selectors import access_unit
from canbo.people import selectors as people
from canbo.people.models import Person
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


def _staff_row(person: Person) -> Sequence[Cell]:
    posts = ", ".join(
        a.post.name for a in getattr(person, "current_assignments", []) if a.post
    )
    return (
        person.full_name, person.birth_date, person.get_sex_display(),
        person.ethnicity, person.unit.name, posts, person.get_category_display(),
        person.civil_service_rank, person.get_education_display(),
        person.get_political_theory_display(), person.recruited_on,
    )  # fmt: skip


def _rows[M: Model](
    queryset: QuerySet[M], row: Callable[[M], Sequence[Cell]]
) -> Iterator[Sequence[Cell]]:
    """Stream the rows of `queryset` in chunks (prefetches included)."""
    for item in queryset.iterator(chunk_size=CHUNK):
        yield row(item)


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
        rows=_rows(people.with_current_assignments(found), _staff_row),
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


def _task_row(task: Task) -> Sequence[Cell]:
    return (
        task.title, task.assignee.full_name if task.assignee else "",
        task.unit.name, task.assigned_on, task.deadline, task.get_status_display(),
        task.progress, task.completed_on, _("Yes") if task.late else "",
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
        rows=_rows(found, _task_row),
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


def _sheet_row(sheet: Sheet) -> Sequence[Cell]:
    return (
        sheet.person.full_name, sheet.unit.name, sheet.get_status_display(),
        sheet.task_points, sheet.score, sheet.get_proposed_level_display(),
        sheet.get_level_display(),
    )  # fmt: skip


def sheets_table(actor: Actor, params: Params, today: date) -> Table:
    """The sheets of one period that the actor may see (the period page's list)."""
    period_id = int_param(params, "period")
    period = evaluation.access_period(actor, period_id or 0)
    found = evaluation.period_sheets(actor, period)
    return Table(
        title=_("Evaluation sheets"),
        columns=SHEET_COLUMNS,
        rows=_rows(found, _sheet_row),
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
register(Exporter("sheets", gettext_lazy("Evaluation sheets of a period"), Capability.VIEW_PEOPLE,
                  sheets_table, params=("period",), needs=("period",)))  # fmt: skip
