"""The careers "coming due" lists as .xlsx: rotation due, terms ending,
retirements, raises due, the planning review, training gaps, people flagged by
their latest trust vote, and relatives' conflicts. Each reads the list through
its app's own scoped selector (VIEW_CAREERS), with the same filters as its
page; the explanations a page works out for its 25 rows are worked out here in
chunks of rows, so a province's list streams without a query per row."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from itertools import islice
from typing import Any

from django.db.models import Model, QuerySet
from django.http import Http404
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.appointments import selectors as appointments
from canbo.appointments.models import Appointment
from canbo.core.actor import Actor
from canbo.core.errors import InvalidInput
from canbo.discipline import explain, raises
from canbo.org.models import Unit
from canbo.org.selectors import units_visible_to
from canbo.people.conflicts import Case, conflict_cases
from canbo.people.models import Assignment, Person
from canbo.planning import messages as planning_texts
from canbo.planning import selectors as planning
from canbo.policy.access import Capability
from canbo.policy.rotation import DueStatus
from canbo.policy.salary import next_quarter, quarter_bounds
from canbo.reports.exporters.base import (
    Cell,
    Column,
    Exporter,
    Params,
    Table,
    int_param,
    register,
)
from canbo.rotation import selectors as rotation
from canbo.training import selectors as training
from canbo.trust import selectors as trust
from canbo.trust.models import TrustVote

VIEW = Capability.VIEW_CAREERS
CHUNK = 500


def careers_unit(
    actor: Actor, params: Params, *, required: bool = False
) -> Unit | None:
    """The `unit` parameter (an id, or a unit code as the trust pages use), in
    the actor's careers scope (404 otherwise)."""
    raw = str(params.get("unit") or "").strip()
    if not raw:
        if required:
            raise InvalidInput.single("unit", _("Choose a unit."))
        return None
    units = units_visible_to(actor, VIEW)
    unit = (
        units.filter(pk=int(raw)).first()
        if raw.isdigit()
        else units.filter(code=raw).first()
    )
    if unit is None:
        raise Http404
    return unit


def _chunks[T](items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _in_chunks[T](
    items: Iterable[T], rows: Callable[[list[T]], Iterable[Sequence[Cell]]]
) -> Iterator[Sequence[Cell]]:
    for chunk in _chunks(items):
        yield from rows(chunk)


def _streamed[M: Model](
    found: QuerySet[M], rows: Callable[[list[M]], Iterable[Sequence[Cell]]]
) -> dict[str, Any]:
    """A table's rows from a query read in chunks (each chunk turned into rows
    with its facts, a few queries a chunk), and their count."""
    return {
        "rows": _in_chunks(found.iterator(chunk_size=CHUNK), rows),
        "total": found.count(),
    }


def _lines(texts: Iterable[str]) -> str:
    return "; ".join(str(t) for t in texts)


# --- rotation due -------------------------------------------------------------------

DUE_STATUS = {
    DueStatus.OVERDUE: gettext_lazy("Overdue"),
    DueStatus.DUE: gettext_lazy("Due"),
    DueStatus.UPCOMING: gettext_lazy("Due soon"),
}
ROTATION_COLUMNS = (
    Column(gettext_lazy("Full name"), 28),
    Column(gettext_lazy("Unit"), 30),
    Column(gettext_lazy("Job position"), 28),
    Column(gettext_lazy("In the position since"), 12, "date"),
    Column(gettext_lazy("Due on"), 12, "date"),
    Column(gettext_lazy("Status"), 12),
    Column(gettext_lazy("Exemptions and postponements"), 50),
    Column(gettext_lazy("In the plan of"), 10, "int"),
)


def rotation_table(actor: Actor, params: Params, today: date) -> Table:
    """Current assignments past or near their rotation period (Luật PCTN art. 25)."""
    status = str(params.get("status") or "")
    window = int_param(params, "window")
    filters = rotation.DueFilter(
        unit=careers_unit(actor, params),
        status=DueStatus(status) if status in DueStatus.__members__.values() else None,
        window_months=6 if window is None else min(window, 24),
    )
    found = rotation.due_list(actor, filters, today=today)

    def rows(chunk: list[Assignment]) -> Iterator[Sequence[Cell]]:
        for row in rotation.due_rows(chunk, today=today):
            a = row.assignment
            yield (
                a.person.full_name, a.person.unit.name if a.person.unit_id else "",
                a.job_position.name if a.job_position else "", a.start_date, row.due,
                str(DUE_STATUS[row.status]) if row.status else "", _lines(row.reasons),
                row.planned_in,
            )  # fmt: skip

    return Table(
        title=_("Periodic position changes due"),
        columns=ROTATION_COLUMNS,
        **_streamed(found.select_related("person__unit"), rows),
        filename="den-han-chuyen-doi",
    )


# --- terms ending and retirements -------------------------------------------------------

TERM_COLUMNS = (
    Column(gettext_lazy("Full name"), 28),
    Column(gettext_lazy("Post"), 26),
    Column(gettext_lazy("Unit"), 30),
    Column(gettext_lazy("Term to"), 12, "date"),
    Column(gettext_lazy("Notice due"), 12, "date"),
    Column(gettext_lazy("Notice overdue"), 10),
    Column(gettext_lazy("Renewal proposed"), 10),
)


def terms_table(actor: Actor, params: Params, today: date) -> Table:
    """Approved terms ending in the next `months` (6 by default), with the
    reappointment notice date (90 working days before the end)."""
    months = min(int_param(params, "months") or 6, 36)
    found = appointments.terms_ending(
        actor, today=today, months=months, unit=careers_unit(actor, params)
    ).select_related("person", "post", "unit")

    def rows(chunk: list[Appointment]) -> Iterator[Sequence[Cell]]:
        notices = appointments.notices(chunk, today)
        for t in chunk:
            notice = notices.get(t.pk)
            yield (
                t.person.full_name, t.post.name, t.unit.name, t.term_end,
                notice.due if notice else None,
                _("Yes") if notice and notice.overdue else "",
                _("Yes") if getattr(t, "has_renewal", False) else "",
            )  # fmt: skip

    return Table(
        title=_("Terms ending"),
        columns=TERM_COLUMNS,
        **_streamed(found, rows),
        filename="het-nhiem-ky",
    )


RETIREMENT_COLUMNS = (
    Column(gettext_lazy("Full name"), 28),
    Column(gettext_lazy("Unit"), 30),
    Column(gettext_lazy("Sex"), 8),
    Column(gettext_lazy("Date of birth"), 12, "date"),
    Column(gettext_lazy("Retires on"), 12, "date"),
)


def retirements_table(actor: Actor, params: Params, today: date) -> Table:
    """People in service reaching retirement age in the next `months` (24 by
    default; Labour Code art. 169, Decree 135/2020)."""
    months = min(int_param(params, "months") or 24, 60)
    found = appointments.retirements(
        actor, today=today, months=months, unit=careers_unit(actor, params)
    )

    def rows(chunk: list[Person]) -> Iterator[Sequence[Cell]]:
        dates = appointments.retirement_dates(chunk)
        for p in chunk:
            yield (
                p.full_name,
                p.unit.name,
                p.get_sex_display(),
                p.birth_date,
                dates[p.pk],
            )

    return Table(
        title=_("Retirements"),
        columns=RETIREMENT_COLUMNS,
        **_streamed(found, rows),
        filename="nghi-huu",
    )


# --- raises due ----------------------------------------------------------------------------

RAISE_COLUMNS = (
    Column(gettext_lazy("Full name"), 28),
    Column(gettext_lazy("Unit"), 30),
    Column(gettext_lazy("Salary step"), 8, "int"),
    Column(gettext_lazy("On the step since"), 12, "date"),
    Column(gettext_lazy("Regular date"), 12, "date"),
    Column(gettext_lazy("Due on"), 12, "date"),
    Column(gettext_lazy("Delays"), 50),
)


def raises_table(actor: Actor, params: Params, today: date) -> Table:
    """Regular salary raises due in a quarter (the next one by default)."""
    year, quarter = next_quarter(today)
    year = int_param(params, "year") or year
    quarter = int_param(params, "quarter") or quarter
    if quarter not in (1, 2, 3, 4) or not 1950 <= year <= 2100:
        raise InvalidInput.single("quarter", _("Choose a quarter of a year."))
    start, end = quarter_bounds(year, quarter)
    due = raises.raises_due(
        actor, start=start, end=end, unit=careers_unit(actor, params)
    )

    def rows(chunk: list[raises.Due]) -> Iterator[Sequence[Cell]]:
        people = Person.objects.select_related("unit").in_bulk(
            [d.person_id for d in chunk]
        )
        for d in chunk:
            row = explain.raise_row(people[d.person_id], d.next)
            p = row.person
            yield (
                p.full_name, p.unit.name, p.salary_step, d.since, row.next.regular,
                row.next.due, _lines(row.reasons),
            )  # fmt: skip

    return Table(
        title=_("Salary raises due"),
        columns=RAISE_COLUMNS,
        rows=_in_chunks(iter(due), rows),
        total=len(due),
        heading=(
            _("Quarter %(quarter)s/%(year)s") % {"quarter": quarter, "year": year},
        ),
        filename=f"nang-luong-{year}-q{quarter}",
    )


# --- planning review -------------------------------------------------------------------------

REVIEW_COLUMNS = (
    Column(gettext_lazy("Full name"), 28),
    Column(gettext_lazy("Post planned"), 26),
    Column(gettext_lazy("Unit"), 30),
    Column(gettext_lazy("Level of the year"), 12),
    Column(gettext_lazy("Retires on"), 12, "date"),
    Column(gettext_lazy("Reasons to leave planning"), 60),
)


def review_table(actor: Actor, params: Params, today: date) -> Table:
    """Candidates who should leave planning at the annual review of a year."""
    unit = careers_unit(actor, params, required=True)
    assert unit is not None  # noqa: S101 - required above
    year = int_param(params, "year") or today.year - 1
    found = planning.review_rows(actor, unit, year)
    body = [
        (
            r.candidate.person.full_name, r.candidate.pool.post.name,
            r.candidate.pool.unit.name, r.level or "", r.retirement,
            _lines(planning_texts.review_text(code, year=year, retirement=r.retirement)
                   for code in r.reasons),
        )
        for r in found
    ]  # fmt: skip
    return Table(
        title=_("Planning review"),
        columns=REVIEW_COLUMNS,
        rows=body,
        total=len(body),
        heading=(unit.name, _("Year: %(year)s") % {"year": year}),
        filename=f"ra-soat-quy-hoach-{year}",
    )


# --- training gaps ---------------------------------------------------------------------------

GAP_COLUMNS = (
    Column(gettext_lazy("Full name"), 28),
    Column(gettext_lazy("Unit"), 30),
    Column(gettext_lazy("Post or job position"), 28),
    Column(gettext_lazy("Gaps against the standard"), 70),
)


def gaps_table(actor: Actor, params: Params, today: date) -> Table:
    """Holders of a post or job position with a training standard, and their gaps."""
    holders = training.holders_with_standards(
        actor, unit=careers_unit(actor, params), post_id=int_param(params, "post")
    ).select_related("person", "unit", "post", "job_position")

    def rows(chunk: list[Assignment]) -> Iterator[Sequence[Cell]]:
        for row in training.gap_rows(chunk, today=today):
            a = row.assignment
            held = (
                a.post.name if a.post else a.job_position.name if a.job_position else ""
            )
            gaps = [
                render_to_string("training/_gap.html", {"g": g}).strip()
                for g in row.gaps
            ]
            yield (a.person.full_name, a.unit.name, held, _lines(gaps) or _("None"))

    return Table(
        title=_("Training gaps"),
        columns=GAP_COLUMNS,
        **_streamed(holders, rows),
        filename="thieu-tieu-chuan-dao-tao",
    )


# --- trust votes and relatives' conflicts ----------------------------------------------------

FLAGGED_COLUMNS = (
    Column(gettext_lazy("Full name"), 28),
    Column(gettext_lazy("Post held"), 26),
    Column(gettext_lazy("Unit"), 30),
    Column(gettext_lazy("Date"), 12, "date"),
    Column(gettext_lazy("Low trust (%)"), 10, "percent"),
    Column(gettext_lazy("Outcome"), 40),
)


def flagged_table(actor: Actor, params: Params, today: date) -> Table:
    """People whose latest trust vote calls for review or dismissal (QĐ 96-QĐ/TW)."""
    from canbo.policy.reports import share_percent

    filters = trust.VoteFilter(
        unit=careers_unit(actor, params), year=int_param(params, "year")
    )
    found = trust.flagged(actor, filters)

    def row(v: TrustVote) -> Sequence[Cell]:
        return (
            v.person.full_name, v.post.name if v.post else "", v.unit.name, v.held_on,
            share_percent(v.low, v.returned), v.get_outcome_display(),
        )  # fmt: skip

    return Table(
        title=_("Flagged by their latest vote"),
        columns=FLAGGED_COLUMNS,
        rows=(row(v) for v in found.iterator(chunk_size=CHUNK)),
        total=found.count(),
        filename="tin-nhiem-thap",
    )


CONFLICT_COLUMNS = (
    Column(gettext_lazy("Unit"), 30),
    Column(gettext_lazy("Head or deputy head"), 28),
    Column(gettext_lazy("Post"), 24),
    Column(gettext_lazy("Relative"), 28),
    Column(gettext_lazy("Relation"), 14),
    Column(gettext_lazy("Restricted post"), 24),
    Column(gettext_lazy("Set aside"), 10),
)


def conflicts_table(actor: Actor, params: Params, today: date) -> Table:
    """A unit's head or deputy head with a close relative in a personnel,
    accounting, cashier or storekeeper post of the unit (Luật PCTN art. 22)."""
    found = conflict_cases(actor, today=today)

    def row(values: Sequence[Any]) -> Sequence[Cell]:
        case = Case(*values)
        return (
            case.unit_name, case.leader_name, case.leader_post, case.relative_name,
            case.relation_label, case.role_label, _("Yes") if case.waived else "",
        )  # fmt: skip

    rows = list(found)
    return Table(
        title=_("Relatives in restricted posts"),
        columns=CONFLICT_COLUMNS,
        rows=[row(values) for values in rows],
        total=len(rows),
        filename="xung-dot-nguoi-than",
    )


register(Exporter("rotation_due", gettext_lazy("Periodic position changes due"), VIEW,
                  rotation_table, params=("unit", "status", "window")))  # fmt: skip
register(Exporter("terms_ending", gettext_lazy("Terms ending"), VIEW, terms_table,
                  params=("unit", "months")))  # fmt: skip
register(Exporter("retirements", gettext_lazy("Retirements"), VIEW, retirements_table,
                  params=("unit", "months")))  # fmt: skip
register(Exporter("raises_due", gettext_lazy("Salary raises due"), VIEW, raises_table,
                  params=("unit", "year", "quarter")))  # fmt: skip
register(Exporter("planning_review", gettext_lazy("Planning review"), VIEW, review_table,
                  params=("unit", "year"), needs=("unit",)))  # fmt: skip
register(Exporter("training_gaps", gettext_lazy("Training gaps"), VIEW, gaps_table,
                  params=("unit", "post")))  # fmt: skip
register(Exporter("trust_flagged", gettext_lazy("Flagged by their latest vote"), VIEW,
                  flagged_table, params=("unit", "year")))  # fmt: skip
register(Exporter("conflicts", gettext_lazy("Relatives in restricted posts"), VIEW,
                  conflicts_table))  # fmt: skip
