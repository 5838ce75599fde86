"""Turn the dashboard figures into what a page shows: each chart with the table
of the same numbers beside it (the API returns the figures themselves)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from canbo.evaluation.models import LEVEL_CHOICES
from canbo.insight import charts
from canbo.insight.figures import LEVELS, Figures
from canbo.people.models import Person
from canbo.policy.insight import (
    AGE_GROUPS,
    TaskFigures,
    group_label,
    percent,
    quota_check,
)
from canbo.policy.planning import Share


@dataclass(frozen=True)
class LevelRow:
    label: str  # the year or the unit
    counts: list[int]  # in LEVELS order, then undecided
    total: int
    excellent_share: int  # excellent as a percent of good
    cap: int
    excess: int


def level_names() -> list[str]:
    names = dict(LEVEL_CHOICES)
    return [str(names[level]) for level in LEVELS] + [_("Not decided")]


def level_row(label: str, counts: dict[str, int]) -> LevelRow:
    values = [int(counts.get(level, 0)) for level in LEVELS] + [
        counts.get("undecided", 0)
    ]
    check = quota_check(values[0], values[1])
    return LevelRow(
        label,
        values,
        sum(values),
        percent(values[0], values[1]),
        check.cap,
        check.excess,
    )


MONTHS = [str(m) for m in range(1, 13)]


def panels(figures: Figures) -> dict[str, Any]:
    """The context of the dashboard's sections."""
    history = [level_row(str(h["year"]), h) for h in figures["history"]]
    current = level_row("", figures["levels"])
    names = level_names()
    months = {m["month"]: m for m in figures["months"]}
    score_series = [months.get(m, {}).get("score") for m in range(1, 13)]
    kpi_series = [months.get(m, {}).get("kpi") for m in range(1, 13)]
    task_months = {m["month"]: m for m in figures["task_months"]}
    tasks = TaskFigures(**figures["tasks"])
    structure = figures["structure"]
    children = [
        {
            **child,
            "row": level_row(child["name"], child["levels"]),
            "task": TaskFigures(**child["tasks"]),
        }
        for child in figures["children"]
    ]
    groups = [group_label(i) for i in range(len(AGE_GROUPS))]
    men, women = structure["pyramid"].get("M", []), structure["pyramid"].get("F", [])
    nothing = _("No data for this year.")
    return {
        "level_names": names,
        # Table heads: the official abbreviation, the full name as its title.
        "level_heads": list(zip([*LEVELS, "—"], names, strict=True)),
        "current": current,
        "history": history,
        "history_chart": charts.stacked(
            [(r.label, r.counts) for r in history],
            names,
            title=_("Levels by year"),
            table_id="levels-table",
            empty=nothing,
        ),
        "month_levels": (
            month_levels := [
                level_row(MONTHS[m - 1], months[m]["levels"])
                for m in range(1, 13)
                if m in months
            ]
        ),
        "month_levels_chart": charts.stacked(
            [
                (_("Month %(month)s") % {"month": r.label}, r.counts)
                for r in month_levels
            ],
            names,
            title=_("Levels by month"),
            table_id="month-levels-table",
            empty=nothing,
        ),
        "trend": [
            (
                m,
                months.get(m, {}).get("sheets", 0),
                score_series[m - 1],
                kpi_series[m - 1],
            )
            for m in range(1, 13)
            if m in months
        ],
        "trend_chart": charts.lines(
            MONTHS,
            [
                charts.Series(_("Mean score"), score_series),
                charts.Series(_("Task completion, percent"), kpi_series),
            ],
            title=_("Monthly score and task completion"),
            table_id="trend-table",
            empty=nothing,
        ),
        "tasks": tasks,
        "task_months": [task_months[m] for m in range(1, 13) if m in task_months],
        "task_chart": charts.lines(
            MONTHS,
            [
                charts.Series(
                    _("Tasks due"),
                    [_get(task_months, m, "total") for m in range(1, 13)],
                ),
                charts.Series(
                    _("Accepted"),
                    [_get(task_months, m, "accepted") for m in range(1, 13)],
                ),
                charts.Series(
                    _("Late"), [_get(task_months, m, "late") for m in range(1, 13)]
                ),
            ],
            title=_("Tasks by month of their deadline"),
            table_id="tasks-table",
            empty=_("No task is due in this year."),
        ),
        "children": children,
        "children_chart": charts.hbars(
            [(c["name"], c["score"]) for c in children if c["score"] is not None],
            title=_("Mean annual score by unit"),
            table_id="children-table",
            empty=nothing,
            maximum=100,
        ),
        "structure": structure,
        "pyramid": list(
            zip(
                groups,
                men or [0] * len(groups),
                women or [0] * len(groups),
                strict=True,
            )
        )[::-1],
        "pyramid_chart": charts.pyramid(
            groups,
            men or [0] * len(groups),
            women or [0] * len(groups),
            left_name=_("Male"),
            right_name=_("Female"),
            title=_("Staff by age group and sex"),
            table_id="pyramid-table",
            empty=_("Nobody in service here."),
        ),
        "shares": _shares(structure),
        "education": _labelled(structure["education"], Person.Education.choices),
        "theory": _labelled(structure["theory"], Person.PoliticalTheory.choices),
    }


def _get(rows: dict[int, dict[str, int]], month: int, key: str) -> float | None:
    row = rows.get(month)
    return None if row is None else row[key]


def _shares(structure: dict[str, Any]) -> list[tuple[str, Share]]:
    total, targets = structure["total"], structure["targets"]
    young = _("Young cadres (under %(age)s)") % {"age": targets["young_age"]}
    return [
        (
            _("Women"),
            Share(
                "women",
                structure["women"],
                percent(structure["women"], total),
                targets["women"],
            ),
        ),
        (
            young,
            Share(
                "young",
                structure["young"],
                percent(structure["young"], total),
                targets["young"],
            ),
        ),
        (
            _("Ethnic minorities"),
            Share(
                "ethnic",
                structure["ethnic"],
                percent(structure["ethnic"], total),
                targets["ethnic"] or None,
            ),
        ),
    ]


def _labelled(counts: dict[str, int], choices: Any) -> list[tuple[str, int, int]]:
    total = sum(counts.values())
    return [
        (str(label), counts.get(code, 0), percent(counts.get(code, 0), total))
        for code, label in choices
        if counts.get(code, 0)
    ]
