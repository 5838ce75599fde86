"""The year: annual scores, proposed levels, quotas and the head cap (service).

Order of rules.md §13: fewer than the pack's minimum months worked → not
classified; disqualifiers → not completed; the score band; the excellence quota
on each unit and on each group with similar duties until both hold (it only
demotes); then the head capped by the unit's own rating. The annual score is the
mean of the person's scores in the published months or quarters of the year,
wherever they worked them (a transferred person keeps the former unit's periods).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from canbo.core.actor import Actor
from canbo.core.audit import log_action
from canbo.core.errors import InvalidInput, NotAllowed
from canbo.discipline.facts import disqualified_in
from canbo.evaluation.models import (
    Disqualification,
    DutyGroup,
    Period,
    Sheet,
    UnitRating,
)
from canbo.evaluation.packs import resolve
from canbo.people.models import Assignment
from canbo.policy.access import Capability
from canbo.policy.annual import Disqualifier, year_result
from canbo.policy.levels import Level, apply_quota, at_most, quota_allows
from canbo.policy.packs import Pack

MONTHS = {Period.Kind.MONTH.value: 1, Period.Kind.QUARTER.value: 3}


@dataclass
class Line:
    """One person's year while it is being worked out."""

    sheet: Sheet
    pack: Pack
    score: float | None = None
    level: Level | None = None
    months: int = 0
    reasons: list[str] = field(default_factory=list)


def _periods_worked(
    year: int, person_ids: list[int]
) -> dict[int, list[tuple[float, int]]]:
    rows = Sheet.objects.filter(
        person_id__in=person_ids, period__status=Period.Status.PUBLISHED,
        period__kind__in=list(MONTHS), period__start__year=year, score__isnull=False,
    ).values_list("person_id", "score", "period__kind")  # fmt: skip
    found: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for person_id, score, kind in rows:
        found[person_id].append((float(score or 0), MONTHS[kind]))
    return found


def _disqualifiers(year: int, lines: list[Line]) -> dict[int, list[Disqualifier]]:
    """Recorded disqualifiers and the duty-related discipline decided in the year."""
    leaders = {line.sheet.person_id for line in lines if line.sheet.is_leader}
    found: dict[int, list[Disqualifier]] = defaultdict(list)
    rows = Disqualification.objects.filter(
        year=year, person_id__in=[line.sheet.person_id for line in lines]
    ).values_list("person_id", "kind")
    for person_id, kind in rows:
        leader_only = kind == Disqualifier.CORRUPTION_IN_UNIT
        if not leader_only or person_id in leaders:
            found[person_id].append(Disqualifier(kind))
    # Decided discipline records count by themselves (EVAL-03(b)); a manual entry
    # of the same kind is not counted twice.
    for person_id in disqualified_in(year, [line.sheet.person_id for line in lines]):
        if Disqualifier.DISCIPLINE not in found[person_id]:
            found[person_id].append(Disqualifier.DISCIPLINE)
    return found


def _classify(year: int, lines: list[Line]) -> None:
    worked = _periods_worked(year, [line.sheet.person_id for line in lines])
    found = _disqualifiers(year, lines)
    for line in lines:
        periods = worked.get(line.sheet.person_id, [])
        line.months = sum(months for _score, months in periods)
        result = year_result(
            [score for score, _months in periods], months_worked=line.months,
            min_months=line.pack.min_months_worked,
            found=found.get(line.sheet.person_id, ()),
        )  # fmt: skip
        line.score, line.level, line.reasons = (
            result.score,
            result.level,
            list(result.reasons),
        )


def _scopes(lines: list[Line], year: int) -> list[tuple[list[Line], bool]]:
    """Each unit and each group with similar duties, with its raised-quota flag."""
    raised = set(
        UnitRating.objects.filter(year=year, recognised_excellent=True)
        .exclude(decision_ref="")
        .values_list("unit_id", flat=True)
    )
    by_unit: dict[int, list[Line]] = defaultdict(list)
    by_person = {line.sheet.person_id: line for line in lines}
    for line in lines:
        by_unit[line.sheet.unit_id].append(line)
    scopes = [(members, unit_id in raised) for unit_id, members in by_unit.items()]
    memberships = DutyGroup.members.through.objects.filter(
        person_id__in=list(by_person)
    ).values_list("dutygroup_id", "person_id")
    groups: dict[int, list[Line]] = defaultdict(list)
    for group_id, person_id in memberships:
        groups[group_id].append(by_person[person_id])
    return scopes + [(members, False) for members in groups.values()]


def _apply_quotas(scopes: list[tuple[list[Line], bool]]) -> None:
    """Apply the quota on every scope until none demotes anyone more."""
    changed = True
    while changed:
        changed = False
        for members, raised in scopes:
            rated = [m for m in members if m.level is not None and m.score is not None]
            kept = apply_quota(
                [m.score or 0.0 for m in rated], [m.level or Level.KHTNV for m in rated],
                raised=raised,
            )  # fmt: skip
            for line, level in zip(rated, kept, strict=True):
                if level != line.level:
                    line.level, changed = level, True
                    line.reasons.append("quota")


def heads_of(unit_ids: Iterable[int], day: date) -> dict[int, int]:
    """unit → the person holding its highest leadership post on `day`."""
    rows = (
        Assignment.objects.filter(
            unit_id__in=list(unit_ids), post__is_leadership=True, start_date__lte=day
        )
        .exclude(end_date__lt=day)
        .values_list("unit_id", "person_id", "post__rank")
    )
    best: dict[int, tuple[int, int]] = {}
    for unit_id, person_id, rank in rows:
        if unit_id not in best or rank > best[unit_id][1]:
            best[unit_id] = (person_id, rank)
    return {unit_id: person_id for unit_id, (person_id, _rank) in best.items()}


def _cap_heads(lines: list[Line], period: Period) -> None:
    ratings = dict(
        UnitRating.objects.filter(year=period.start.year).values_list(
            "unit_id", "level"
        )
    )
    heads = heads_of({line.sheet.unit_id for line in lines}, period.end)
    for line in lines:
        unit_id = line.sheet.unit_id
        capped = (
            line.pack.head_capped_by_unit and heads.get(unit_id) == line.sheet.person_id
        )
        if not capped or line.level is None or unit_id not in ratings:
            continue
        lowered = at_most(line.level, Level(ratings[unit_id]))
        if lowered != line.level:
            line.level = lowered
            line.reasons.append("capped_by_unit")


@transaction.atomic
def propose_year(*, actor: Actor, period: Period) -> int:
    """Work out every sheet of a year period and propose its level; the head then
    decides (never above the proposal). Returns the number of sheets.

    Audit: evaluation.year.proposed.
    """
    period = Period.objects.select_for_update().get(pk=period.pk)
    if actor.read_only or not actor.covers(
        Capability.OPEN_PERIODS, period.unit_path, period.unit_id
    ):
        raise NotAllowed
    if period.kind != Period.Kind.YEAR or period.status != Period.Status.OPEN:
        raise InvalidInput.single("", _("Only an open year period can be classified."))
    sheets = list(period.sheets.select_for_update())
    packs = {code: resolve(code) for code in {sheet.pack for sheet in sheets}}
    lines = [Line(sheet, packs[sheet.pack]) for sheet in sheets]
    _classify(period.start.year, lines)
    _apply_quotas(_scopes(lines, period.start.year))
    _cap_heads(lines, period)
    for line in lines:
        _store(line)
    log_action(
        "evaluation.year.proposed", actor=actor, obj=period, unit_path=period.unit_path,
        data={"sheets": len(lines), "demoted_by_quota": sum("quota" in x.reasons for x in lines)},
    )  # fmt: skip
    return len(lines)


def _store(line: Line) -> None:
    sheet = line.sheet
    sheet.score = None if line.score is None else Decimal(str(line.score))
    sheet.proposed_level = line.level.value if line.level else ""
    sheet.months_worked, sheet.reasons = line.months, line.reasons
    sheet.status = Sheet.Status.REVIEWED if line.level else Sheet.Status.DECIDED
    sheet.version += 1
    sheet.save(
        update_fields=[
            "score",
            "proposed_level",
            "months_worked",
            "reasons",
            "status",
            "version",
        ]
    )


def _fits(sheets: Iterable[Sheet], raised_pk: int, raised: bool) -> bool:
    """Whether the quota still holds in a scope with sheet `raised_pk` excellent."""
    levels = [
        Level.HTXSNV if s.pk == raised_pk else (s.level or s.proposed_level)
        for s in sheets
    ]
    excellent = sum(1 for level in levels if level == Level.HTXSNV)
    good = sum(1 for level in levels if level == Level.HTTNV)
    return quota_allows(excellent, good, raised=raised)


def tie_choice_allowed(sheet: Sheet, level: str) -> bool:
    """Whether the head may keep `sheet` excellent although the quota demoted it:
    only one of several equal scores that the quota demoted together, and only
    if every quota (its unit and its groups with similar duties) still holds."""
    if level != Level.HTXSNV or sheet.reasons != ["quota"] or sheet.score is None:
        return False
    period_sheets = sheet.period.sheets.only("pk", "level", "proposed_level", "reasons")
    equal = period_sheets.filter(score=sheet.score, proposed_level=Level.HTTNV)
    if not any(s.reasons == ["quota"] for s in equal.exclude(pk=sheet.pk)):
        return False
    raised = (
        UnitRating.objects.filter(
            unit_id=sheet.unit_id,
            year=sheet.period.start.year,
            recognised_excellent=True,
        )
        .exclude(decision_ref="")
        .exists()
    )
    scopes = [(period_sheets.filter(unit_id=sheet.unit_id), raised)]
    for group in DutyGroup.objects.filter(members=sheet.person_id):
        scopes.append((period_sheets.filter(person__duty_groups=group), False))
    return all(_fits(members, sheet.pk, flag) for members, flag in scopes)
