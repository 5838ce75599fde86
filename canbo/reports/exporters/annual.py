"""The standard annual reports, as .xlsx and PDF: the level distribution per
unit, the staff structure per unit, and the planning coverage per post.

Each is one aggregate query over the unit's subtree (grouped by unit or post)
in the actor's scope; the shares and the quota come from `canbo.policy.reports`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.core.actor import Actor
from canbo.core.errors import InvalidInput
from canbo.evaluation.models import Period, Sheet, UnitRating
from canbo.org.models import Unit
from canbo.org.selectors import units_visible_to
from canbo.people.models import Person
from canbo.planning.models import PlanningCandidate, PlanningPool
from canbo.policy import reports as rules
from canbo.policy.access import Capability
from canbo.policy.levels import QUOTA_PERCENT, RAISED_QUOTA_PERCENT, Level
from canbo.reports.exporters.base import (
    Cell,
    Column,
    Exporter,
    Params,
    Table,
    int_param,
    register,
)

REPORT_FORMATS = ("xlsx", "pdf")
SCOPE = Capability.VIEW_DASHBOARDS


def report_unit(actor: Actor, params: Params, capability: Capability) -> Unit:
    """The unit of a report: required, and in the actor's scope for `capability`."""
    unit_id = int_param(params, "unit")
    if unit_id is None:
        raise InvalidInput.single("unit", _("Choose a unit."))
    unit = units_visible_to(actor, capability).filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit


def report_year(params: Params, today: date, *, default: int | None = None) -> int:
    """The `year` parameter; by default `default`, or the current year."""
    year = int_param(params, "year") or default or today.year
    if not 2000 <= year <= today.year + 1:
        raise InvalidInput.single("year", _("Choose a year from 2000 to next year."))
    return year


def heading(unit: Unit, today: date, year: int | None = None) -> tuple[str, ...]:
    lines = [_("Unit: %(unit)s (and the units below it)") % {"unit": unit.name}]
    if year is not None:
        lines.append(_("Year: %(year)s") % {"year": year})
    lines.append(_("As of %(date)s") % {"date": today.strftime("%d/%m/%Y")})
    return tuple(lines)


# --- level distribution per unit ----------------------------------------------------

LEVEL_NAMES = {
    Level.HTXSNV: gettext_lazy("Excellent"),
    Level.HTTNV: gettext_lazy("Good"),
    Level.HTNV: gettext_lazy("Completed"),
    Level.KHTNV: gettext_lazy("Not completed"),
}


PREVIOUS_YEARS = 2  # the years each unit's distribution is set beside


def _level_columns(previous: Sequence[int]) -> list[Column]:
    columns = [
        Column(gettext_lazy("Unit"), 34),
        Column(gettext_lazy("Rated"), 9, "int"),
    ]
    for level in rules.LEVEL_ORDER:
        columns.append(Column(f"{LEVEL_NAMES[level]} ({level.value})", 12, "int"))
        columns.append(Column(f"{LEVEL_NAMES[level]} (%)", 10, "percent"))
    columns.append(Column(gettext_lazy("Excellent allowed by the quota"), 14, "int"))
    columns.append(Column(gettext_lazy("Within the quota"), 12))
    for year in previous:  # the same unit in the years before: shares only
        columns.append(Column(f"{year} · {_('Rated')}", 9, "int"))
        for level in rules.LEVEL_ORDER:  # codes: short enough for an A4 page
            columns.append(Column(f"{year} · {level.value} (%)", 10, "percent"))
        columns.append(Column(f"{year} · {_('Within the quota')}", 10))
    return columns


def level_counts(actor: Actor, unit: Unit, year: int) -> list[dict[str, Any]]:
    """Decided levels of the year's annual sheets, counted per unit of the subtree."""
    return level_counts_by_year(actor, unit, [year]).get(year, [])


def level_counts_by_year(
    actor: Actor, unit: Unit, years: Sequence[int]
) -> dict[int, list[dict[str, Any]]]:
    """Decided levels of the annual sheets of `years`, counted per unit of the
    subtree and year, in one grouped query: {year: [row per unit]}."""
    counts = {
        level.value: Count("id", filter=Q(level=level.value))
        for level in rules.LEVEL_ORDER
    }
    found = (
        Sheet.objects.filter(
            actor.scope_q(SCOPE, path="unit_path", unit_id="unit_id"),
            unit_path__pathprefix=unit.path,
            period__kind=Period.Kind.YEAR,
            period__start__gte=date(min(years), 1, 1),
            period__start__lte=date(max(years), 12, 31),
        )
        .exclude(level="")
        .annotate(year=ExtractYear("period__start"))
        .values("year", "unit_id", "unit__name", "unit_path")
        .annotate(**counts)
        .order_by("unit_path", "year")
    )
    by_year: dict[int, list[dict[str, Any]]] = {}
    for row in found:
        by_year.setdefault(int(row["year"]), []).append(dict(row))
    return by_year


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def _level_cells(counts: Mapping[str, int] | None, raised: bool) -> list[Cell]:
    """The year of the report: counts and shares, the quota and whether it holds."""
    found = rules.level_distribution(counts or {}, raised=raised)
    row: list[Cell] = [found.total]
    for count, share in zip(found.counts, found.shares, strict=True):
        row += [count, share]
    return [*row, found.quota, _yes_no(found.within_quota)]


def _earlier_cells(counts: Mapping[str, int] | None, raised: bool) -> list[Cell]:
    """A year before: how many were rated, the shares, whether the quota held;
    empty when the unit had no decided level that year."""
    size = 2 + len(rules.LEVEL_ORDER)
    if not counts:
        return [None] * size
    found = rules.level_distribution(counts, raised=raised)
    if not found.total:
        return [None] * size
    return [found.total, *found.shares, _yes_no(found.within_quota)]


def _level_row(
    name: str,
    years: Sequence[int],
    counts: Mapping[int, Mapping[str, int]],
    raised: set[int],
) -> list[Cell]:
    """One unit (or the total): the report's year in full, then each year before."""
    year, *previous = years
    row: list[Cell] = [name, *_level_cells(counts.get(year), year in raised)]
    for earlier in previous:
        row += _earlier_cells(counts.get(earlier), earlier in raised)
    return row


def _summed_levels(rows: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    listed = list(rows)
    return {
        level.value: sum(int(r[level.value]) for r in listed)
        for level in rules.LEVEL_ORDER
    }


def quota_line() -> str:
    """The quota the report checks, in words (canbo.policy.levels)."""
    return _(
        "Quota: those rated Excellent may not exceed %(percent)s percent of those "
        "rated Good in a unit (%(raised)s percent in a unit recognised as "
        "excellent), Decree 335/2025 art. 20.5."
    ) % {"percent": QUOTA_PERCENT, "raised": RAISED_QUOTA_PERCENT}


def level_table(actor: Actor, params: Params, today: date) -> Table:
    """Level distribution per unit for a year: counts and shares of the four
    levels and the excellence quota of each unit (NĐ 335/2025 art. 20.5), beside
    the same unit's shares and quota in the two years before."""
    unit = report_unit(actor, params, SCOPE)
    year = report_year(params, today, default=today.year - 1)  # the last decided year
    years = [year - n for n in range(PREVIOUS_YEARS + 1)]
    by_year = level_counts_by_year(actor, unit, years)
    units: dict[int, tuple[str, str]] = {}  # unit id: (path, name)
    counts: dict[int, dict[int, Mapping[str, int]]] = {}  # unit id: {year: counts}
    for found_year, rows in by_year.items():
        for r in rows:
            units[r["unit_id"]] = (r["unit_path"], r["unit__name"])
            counts.setdefault(r["unit_id"], {})[found_year] = r
    raised: dict[int, set[int]] = {}  # unit id: the years it was recognised excellent
    for unit_id, rated_year in UnitRating.objects.filter(
        year__in=years, recognised_excellent=True, unit_id__in=list(units)
    ).values_list("unit_id", "year"):
        raised.setdefault(unit_id, set()).add(rated_year)
    ordered = sorted(units.items(), key=lambda item: item[1][0])
    body = [
        _level_row(name, years, counts[unit_id], raised.get(unit_id, set()))
        for unit_id, (_path, name) in ordered
    ]
    totals = {y: _summed_levels(by_year.get(y, [])) for y in years}
    return Table(
        title=_("Classification levels by unit"),
        columns=_level_columns(years[1:]),
        rows=body,
        total=len(body),
        heading=(
            *heading(unit, today, year),
            _("Beside each unit: its shares in %(years)s.")
            % {"years": ", ".join(str(y) for y in years[1:])},
            quota_line(),
        ),
        footer=[_level_row(_("Grand total"), years, totals, set())] if body else [],
        filename=f"xep-loai-{year}",
    )


# --- staff structure per unit ----------------------------------------------------------

EDUCATION_GROUPS: dict[str, tuple[str, ...]] = {
    "doctor": (Person.Education.DOCTOR,),
    "master": (Person.Education.MASTER,),
    "bachelor": (Person.Education.BACHELOR,),
    "below": (Person.Education.COLLEGE, Person.Education.VOCATIONAL,
              Person.Education.SECONDARY, Person.Education.NONE),
}  # fmt: skip
THEORY_GROUPS: dict[str, tuple[str, ...]] = {
    "advanced": (Person.PoliticalTheory.ADVANCED, Person.PoliticalTheory.BACHELOR),
    "intermediate": (Person.PoliticalTheory.INTERMEDIATE,),
    "elementary": (Person.PoliticalTheory.ELEMENTARY,),
    "none": (Person.PoliticalTheory.NONE,),
}
AGE_NAMES = {
    "under_30": gettext_lazy("Under 30"),
    "30_39": gettext_lazy("30–39"),
    "40_49": gettext_lazy("40–49"),
    "50_59": gettext_lazy("50–59"),
    "60_plus": gettext_lazy("60 and over"),
}


def _age_q(code: str, on: date) -> Q:
    after, until = rules.birth_bounds(code, on)
    query = Q()
    if after is not None:
        query &= Q(birth_date__gt=after)
    if until is not None:
        query &= Q(birth_date__lte=until)
    return query


def structure_counts(actor: Actor, unit: Unit, on: date) -> list[dict[str, Any]]:
    """Active staff of the subtree counted per unit: sex, age group by sex,
    ethnic minorities (not Kinh), education and political theory groups."""
    counts: dict[str, Any] = {
        "total": Count("id"),
        "women": Count("id", filter=Q(sex=Person.Sex.FEMALE)),
        "minorities": Count("id", filter=~Q(ethnicity__iexact="kinh")),
    }
    for code, _low, _high in rules.AGE_GROUPS:
        age = _age_q(code, on)
        counts[f"m_{code}"] = Count("id", filter=age & Q(sex=Person.Sex.MALE))
        counts[f"f_{code}"] = Count("id", filter=age & Q(sex=Person.Sex.FEMALE))
    for code, values in EDUCATION_GROUPS.items():
        counts[f"edu_{code}"] = Count("id", filter=Q(education__in=values))
    for code, values in THEORY_GROUPS.items():
        counts[f"llct_{code}"] = Count("id", filter=Q(political_theory__in=values))
    found = (
        Person.objects.filter(
            actor.scope_q(SCOPE, path="unit_path", unit_id="unit_id"),
            unit_path__pathprefix=unit.path,
            is_active=True,
        )
        .values("unit_id", "unit__name", "unit_path")
        .annotate(**counts)
        .order_by("unit_path")
    )
    return [dict(row) for row in found]


STRUCTURE_KEYS: tuple[str, ...] = (
    "total", "women", "women_pct",
    *(f"{sex}_{code}" for code, _l, _h in rules.AGE_GROUPS for sex in ("m", "f")),
    "minorities", "minorities_pct",
    *(f"edu_{code}" for code in EDUCATION_GROUPS),
    *(f"llct_{code}" for code in THEORY_GROUPS),
)  # fmt: skip


def _structure_columns() -> list[Column]:
    columns = [
        Column(gettext_lazy("Unit"), 34),
        Column(gettext_lazy("Staff"), 9, "int"),
        Column(gettext_lazy("Women"), 9, "int"),
        Column(gettext_lazy("Women (%)"), 9, "percent"),
    ]
    for code, _low, _high in rules.AGE_GROUPS:
        columns.append(Column(f"{AGE_NAMES[code]} · {_('men')}", 10, "int"))
        columns.append(Column(f"{AGE_NAMES[code]} · {_('women')}", 10, "int"))
    columns += [
        Column(gettext_lazy("Ethnic minorities"), 10, "int"),
        Column(gettext_lazy("Ethnic minorities (%)"), 10, "percent"),
        Column(gettext_lazy("Doctorate"), 10, "int"),
        Column(gettext_lazy("Master"), 10, "int"),
        Column(gettext_lazy("University"), 10, "int"),
        Column(gettext_lazy("Below university"), 10, "int"),
        Column(gettext_lazy("Political theory: advanced"), 12, "int"),
        Column(gettext_lazy("Political theory: intermediate"), 12, "int"),
        Column(gettext_lazy("Political theory: elementary"), 12, "int"),
        Column(gettext_lazy("Political theory: none"), 12, "int"),
    ]
    return columns


def _structure_row(name: str, counts: Mapping[str, int]) -> list[Cell]:
    values: dict[str, Cell] = {
        **counts,
        "women_pct": rules.share_percent(counts["women"], counts["total"]),
        "minorities_pct": rules.share_percent(counts["minorities"], counts["total"]),
    }
    return [name, *(values[key] for key in STRUCTURE_KEYS)]


def _summed(rows: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    keys = [k for k in STRUCTURE_KEYS if not k.endswith("_pct")]
    listed = list(rows)
    return {key: sum(int(r[key]) for r in listed) for key in keys}


def structure_table(actor: Actor, params: Params, today: date) -> Table:
    """Staff structure per unit on today's date: age groups by sex, women,
    ethnic minorities, education and political theory."""
    unit = report_unit(actor, params, SCOPE)
    rows = structure_counts(actor, unit, today)
    body = [_structure_row(r["unit__name"], r) for r in rows]
    return Table(
        title=_("Staff structure by unit"),
        columns=_structure_columns(),
        rows=body,
        total=len(body),
        heading=heading(unit, today),
        footer=[_structure_row(_("Grand total"), _summed(rows))] if body else [],
        filename="co-cau-doi-ngu",
    )


# --- planning coverage per post ---------------------------------------------------------

COVERAGE_COLUMNS = (
    Column(gettext_lazy("Post"), 34),
    Column(gettext_lazy("Posts planned (pools)"), 12, "int"),
    Column(gettext_lazy("No candidate"), 12, "int"),
    Column(gettext_lazy("1 candidate"), 12, "int"),
    Column(gettext_lazy("2 candidates"), 12, "int"),
    Column(gettext_lazy("3 candidates"), 12, "int"),
    Column(gettext_lazy("With at least one candidate (%)"), 14, "percent"),
)


def coverage_counts(actor: Actor, unit: Unit, year: int) -> list[tuple[str, list[int]]]:
    """Planning pools of terms covering `year` in the subtree, per post: how many
    pools have 0, 1, 2 and 3 active candidates (one query)."""
    pools = (
        PlanningPool.objects.filter(
            actor.scope_q(Capability.VIEW_CAREERS, path="unit_path", unit_id="unit_id"),
            unit_path__pathprefix=unit.path,
            term_start__lte=year,
            term_end__gte=year,
        )
        .annotate(
            active=Count(
                "candidates",
                filter=Q(candidates__status=PlanningCandidate.Status.ACTIVE),
            )
        )
        .values_list("post_id", "post__name", "post__rank", "active")
    )
    by_post: dict[int, tuple[str, int, list[int]]] = {}
    for post_id, name, rank, active in pools:
        entry = by_post.setdefault(post_id, (name, rank, [0, 0, 0, 0]))
        entry[2][rules.coverage_bucket(active)] += 1
    ordered = sorted(by_post.values(), key=lambda e: (-e[1], e[0]))
    return [(name, buckets) for name, _rank, buckets in ordered]


def _coverage_row(name: str, buckets: Sequence[int]) -> list[Cell]:
    pools = sum(buckets)
    return [name, pools, *buckets, rules.share_percent(pools - buckets[0], pools)]


def coverage_table(actor: Actor, params: Params, today: date) -> Table:
    """Planning coverage per post for the term covering a year."""
    unit = report_unit(actor, params, Capability.VIEW_CAREERS)
    year = report_year(params, today)
    rows = coverage_counts(actor, unit, year)
    body = [_coverage_row(name, buckets) for name, buckets in rows]
    totals = [sum(b[i] for _n, b in rows) for i in range(4)]
    return Table(
        title=_("Planning coverage by post"),
        columns=COVERAGE_COLUMNS,
        rows=body,
        total=len(body),
        heading=heading(unit, today, year),
        footer=[_coverage_row(_("Grand total"), totals)] if body else [],
        filename=f"quy-hoach-{year}",
    )


register(Exporter("levels", gettext_lazy("Classification levels by unit"), SCOPE, level_table,
                  formats=REPORT_FORMATS, params=("unit", "year"), report=True, needs=("unit",)))  # fmt: skip
register(Exporter("structure", gettext_lazy("Staff structure by unit"), SCOPE, structure_table,
                  formats=REPORT_FORMATS, params=("unit",), report=True, needs=("unit",)))  # fmt: skip
register(Exporter("coverage", gettext_lazy("Planning coverage by post"), Capability.VIEW_CAREERS,
                  coverage_table, formats=REPORT_FORMATS, params=("unit", "year"), report=True,
                  needs=("unit",)))  # fmt: skip
