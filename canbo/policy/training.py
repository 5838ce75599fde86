"""Qualifications, the minimums a post requires, and unit training targets.

Sources. rules.md has no article on training standards: the minimums of a post
or job position (education, political theory, state management, foreign
language, IT, hours of bồi dưỡng a year) are set by the standards of titles
(e.g. Quy định 89-QĐ/TW for leaders, the ngạch standards of the Bộ Nội vụ, the
job-position lists of Nghị định 232/2026 for viên chức) and are entered as data
per post, never hard-coded here [UNVERIFIED: no standard's text was read].
Unit targets ("share of leaders with a master's degree or higher ≥ 30 %") come
from a Party committee's or People's Committee's resolution and are data too.

Orderings used to compare levels (defaults a caller may replace):
- education: trung cấp < cao đẳng < đại học < thạc sĩ < tiến sĩ;
- political theory: sơ cấp < trung cấp < cao cấp = cử nhân (a political-science
  bachelor counts as advanced theory) [UNVERIFIED equivalence];
- state management: chuyên viên < chuyên viên chính < chuyên viên cao cấp;
- foreign language: the 6-level framework for Vietnam (bậc 1–6 = A1…C2);
- IT: basic < advanced.
A person's qualification of a kind is the highest of their CV field and their
training records. Hours of short courses count within a window passed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Kind(StrEnum):
    DEGREE = "degree"  # trình độ chuyên môn (bằng cấp)
    THEORY = "theory"  # lý luận chính trị
    STATE = "state_management"  # quản lý nhà nước
    LANGUAGE = "language"  # ngoại ngữ
    IT = "it"  # tin học
    COURSE = "course"  # bồi dưỡng (short course, in hours)


# Levels in ascending order; equal ranks share a tuple.
ORDER: dict[Kind, tuple[tuple[str, ...], ...]] = {
    Kind.DEGREE: (
        ("secondary",),
        ("vocational",),
        ("college",),
        ("bachelor",),
        ("master",),
        ("doctor",),
    ),
    Kind.THEORY: (("elementary",), ("intermediate",), ("advanced", "bachelor")),
    Kind.STATE: (("specialist",), ("principal",), ("senior",)),
    Kind.LANGUAGE: (("A1",), ("A2",), ("B1",), ("B2",), ("C1",), ("C2",)),
    Kind.IT: (("basic",), ("advanced",)),
    Kind.COURSE: (),
}
RANKS: dict[Kind, dict[str, int]] = {
    kind: {level: step for step, levels in enumerate(order, 1) for level in levels}
    for kind, order in ORDER.items()
}
# Levels a training record may carry (upper secondary school is no training).
RECORD_LEVELS: dict[Kind, tuple[str, ...]] = {
    kind: tuple(level for level in RANKS[kind] if level != "secondary") for kind in Kind
}
LEVELLED = (Kind.DEGREE, Kind.THEORY, Kind.STATE, Kind.LANGUAGE, Kind.IT)


def rank(kind: Kind, level: str) -> int:
    """Return the level's place in its kind's order: 0 for none or unknown."""
    return RANKS[kind].get(level, 0)


def at_least(kind: Kind, level: str) -> tuple[str, ...]:
    """Return the levels of `kind` that meet `level` (every level for an empty one)."""
    floor = rank(kind, level)
    return tuple(name for name, step in RANKS[kind].items() if step >= floor)


def highest(kind: Kind, levels: Iterable[str]) -> str:
    """Return the highest of `levels` ("" if none is a level of `kind`)."""
    best, best_rank = "", 0
    for level in levels:
        step = rank(kind, level)
        if step > best_rank:
            best, best_rank = level, step
    return best


@dataclass(frozen=True)
class Qualifications:
    """The highest level held of each kind, and the hours of courses in the window."""

    degree: str = ""
    theory: str = ""
    state_management: str = ""
    language: str = ""
    it: str = ""
    course_hours: int = 0

    def level(self, kind: Kind) -> str:
        return str(getattr(self, FIELDS[kind]))


@dataclass(frozen=True)
class Standard:
    """A post's or job position's required minimums ("" or 0: no requirement)."""

    degree: str = ""
    theory: str = ""
    state_management: str = ""
    language: str = ""
    it: str = ""
    course_hours: int = 0

    def level(self, kind: Kind) -> str:
        return str(getattr(self, FIELDS[kind]))


FIELDS: dict[Kind, str] = {
    Kind.DEGREE: "degree",
    Kind.THEORY: "theory",
    Kind.STATE: "state_management",
    Kind.LANGUAGE: "language",
    Kind.IT: "it",
    Kind.COURSE: "course_hours",
}


@dataclass(frozen=True)
class Record:
    """One training record as the rules see it."""

    kind: Kind
    level: str = ""
    hours: int = 0
    end: date | None = None


def qualifications(
    cv: Qualifications, records: Iterable[Record], *, since: date, until: date
) -> Qualifications:
    """Combine the CV's highest levels with training records.

    Each level is the highest of the CV and the records; course hours are those
    of courses that ended in [since, until].
    """
    items = list(records)

    def best(kind: Kind) -> str:
        return highest(
            kind, [cv.level(kind), *(r.level for r in items if r.kind == kind)]
        )

    hours = sum(
        r.hours
        for r in items
        if r.kind == Kind.COURSE and r.end is not None and since <= r.end <= until
    )
    return Qualifications(
        degree=best(Kind.DEGREE),
        theory=best(Kind.THEORY),
        state_management=best(Kind.STATE),
        language=best(Kind.LANGUAGE),
        it=best(Kind.IT),
        course_hours=hours,
    )


@dataclass(frozen=True)
class Gap:
    """A requirement of the standard that the person does not meet.

    `code` is stable ("degree_below", "theory_below", "state_management_below",
    "language_below", "it_below", "course_hours_short"); a gap is a flag, never a
    refusal: appointments read it beside the other checks.
    """

    code: str
    kind: Kind
    required: str
    held: str
    severity: str = "flag"


def gaps(standard: Standard, held: Qualifications) -> tuple[Gap, ...]:
    """Return the requirements of `standard` that `held` does not meet, in kind order."""
    found: list[Gap] = []
    for kind in LEVELLED:
        required = standard.level(kind)
        if required and rank(kind, held.level(kind)) < rank(kind, required):
            found.append(Gap(f"{FIELDS[kind]}_below", kind, required, held.level(kind)))
    if standard.course_hours > held.course_hours:
        found.append(
            Gap(
                "course_hours_short",
                Kind.COURSE,
                str(standard.course_hours),
                str(held.course_hours),
            )
        )
    return tuple(found)


def record_problems(
    *,
    kind: Kind,
    level: str,
    start: date | None,
    end: date | None,
    certificate_date: date | None,
    hours: int | None,
) -> dict[str, tuple[str, ...]]:
    """Return {field: reason codes} for a training record that cannot be stored.

    Codes: level_required, level_invalid, level_not_allowed (a course has hours,
    not a level), end_required, end_before_start, certificate_before_start,
    hours_required (a course needs its hours), hours_not_allowed.
    """
    problems: dict[str, list[str]] = {}
    for field, code in (
        *_level_problems(kind, level, hours),
        *_date_problems(start, end, certificate_date),
    ):
        problems.setdefault(field, []).append(code)
    return {field: tuple(codes) for field, codes in problems.items()}


def _level_problems(kind: Kind, level: str, hours: int | None) -> list[tuple[str, str]]:
    if kind == Kind.COURSE:
        found = [("level", "level_not_allowed")] if level else []
        if not hours or hours <= 0:
            found.append(("hours", "hours_required"))
        return found
    if not level:
        found = [("level", "level_required")]
    elif level not in RECORD_LEVELS[kind]:
        found = [("level", "level_invalid")]
    else:
        found = []
    if hours:
        found.append(("hours", "hours_not_allowed"))
    return found


def _date_problems(
    start: date | None, end: date | None, certificate_date: date | None
) -> list[tuple[str, str]]:
    found = []
    if end is None:
        found.append(("end_date", "end_required"))
    elif start is not None and end < start:
        found.append(("end_date", "end_before_start"))
    if certificate_date is not None and start is not None and certificate_date < start:
        found.append(("certificate_date", "certificate_before_start"))
    return found


@dataclass(frozen=True)
class Progress:
    """How far a population is from a target share.

    `share` is a percentage (None for an empty population); `needed` is how many
    more people must qualify; an empty population has met no target.
    """

    population: int
    achieved: int
    threshold_percent: int
    share: float | None
    met: bool
    needed: int


def target_progress(
    *, population: int, achieved: int, threshold_percent: int
) -> Progress:
    """Return the progress towards "at least `threshold_percent` % qualify".

    The count needed is rounded up: 30 % of 7 people needs 3 (2.1 rounded up).
    """
    if not 0 <= achieved <= population:
        raise ValueError("achieved must be between 0 and the population")
    if not 0 < threshold_percent <= 100:
        raise ValueError("threshold_percent must be between 1 and 100")
    if population == 0:
        return Progress(0, 0, threshold_percent, None, False, 0)
    required = -(-threshold_percent * population // 100)
    needed = max(0, required - achieved)
    return Progress(
        population=population,
        achieved=achieved,
        threshold_percent=threshold_percent,
        share=round(100 * achieved / population, 1),
        met=needed == 0,
        needed=needed,
    )
