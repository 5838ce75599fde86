"""Discipline records: the order of their dates, the form, and the year's KHTNV."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from canbo.policy.discipline import (
    DisciplineFact,
    Form,
    RecordFacts,
    add_months,
    career_flags,
    disqualifies_year,
    period_end,
    record_checks,
)

D = date
TODAY = D(2026, 11, 22)
BASE = RecordFacts(violation_date=D(2026, 3, 10), review_started=D(2026, 4, 1))
DECIDED = replace(
    BASE,
    decided=True,
    form=Form.REPRIMAND,
    decision_date=D(2026, 5, 20),
    effective_from=D(2026, 5, 20),
)


@pytest.mark.parametrize(
    ("record", "codes"),
    [
        (BASE, ()),
        (DECIDED, ()),
        (replace(BASE, review_started=D(2026, 3, 10)), ()),  # same day: allowed
        (replace(BASE, review_started=D(2026, 3, 9)), ("review_before_violation",)),
        (
            replace(
                BASE, violation_date=D(2026, 11, 23), review_started=D(2026, 11, 23)
            ),
            ("violation_in_future",),
        ),
        (
            replace(DECIDED, decision_date=D(2026, 3, 9), effective_from=None),
            ("decision_before_violation",),
        ),
        (
            replace(
                DECIDED,
                decision_date=D(2026, 3, 10),
                review_started=D(2026, 3, 10),
                effective_from=None,
            ),
            (),
        ),
        (
            replace(DECIDED, decision_date=D(2026, 3, 31), effective_from=None),
            ("decision_before_review",),
        ),
        (
            replace(DECIDED, decision_date=D(2026, 11, 23), effective_from=None),
            ("decision_in_future",),
        ),
        (replace(DECIDED, decision_date=TODAY, effective_from=TODAY), ()),
        (replace(DECIDED, effective_from=D(2026, 5, 19)), ("effect_before_decision",)),
        (replace(DECIDED, effective_from=D(2026, 6, 1)), ()),
        (replace(DECIDED, form=None), ("form_required",)),
        (
            replace(DECIDED, decision_date=None, effective_from=None),
            ("decision_date_required",),
        ),
        (replace(DECIDED, form=Form.REMOVAL), ("removal_needs_leadership_post",)),
        (replace(DECIDED, form=Form.REMOVAL, held_leadership_post=True), ()),
        (replace(DECIDED, form=Form.DISMISSAL), ()),
        (replace(BASE, form=Form.REMOVAL), ()),  # not decided yet: no form check
    ],
)
def test_record_checks(record: RecordFacts, codes: tuple[str, ...]) -> None:
    assert tuple(c.code for c in record_checks(record, today=TODAY)) == codes


def test_each_refusal_names_its_field() -> None:
    checks = record_checks(
        replace(DECIDED, decision_date=D(2026, 1, 1), effective_from=D(2025, 1, 1)),
        today=TODAY,
    )
    assert [(c.code, c.field, c.severity) for c in checks] == [
        ("decision_before_violation", "decision_date", "refuse"),
        ("effect_before_decision", "effective_from", "refuse"),
    ]


MAY_20 = D(2026, 5, 20)


def _fact(
    form: Form | None = Form.REPRIMAND,
    decided: date | None = MAY_20,
    *,
    stage: str = "decided",
    duty: bool = True,
) -> DisciplineFact:
    return DisciplineFact(stage, form, duty, decided, decided, None)


@pytest.mark.parametrize(
    ("fact", "year", "disqualified"),
    [
        (_fact(), 2026, True),
        (_fact(Form.WARNING), 2026, True),
        (_fact(Form.REMOVAL), 2026, True),
        (_fact(Form.DISMISSAL), 2026, True),
        (_fact(), 2025, False),
        (_fact(decided=D(2026, 1, 1)), 2026, True),  # first day of the year
        (_fact(decided=D(2026, 12, 31)), 2026, True),  # last day of the year
        (_fact(decided=D(2025, 12, 31)), 2026, False),
        (_fact(duty=False), 2026, False),  # not duty-related
        (_fact(None, None, stage="review"), 2026, False),  # under review only
        (_fact(stage="dropped"), 2026, False),
    ],
)
def test_disqualifies_year(fact: DisciplineFact, year: int, disqualified: bool) -> None:
    assert disqualifies_year(fact, year) is disqualified


@pytest.mark.parametrize(
    ("form", "start", "end"),
    [
        (Form.REPRIMAND, D(2026, 1, 1), D(2026, 6, 30)),
        (Form.WARNING, D(2026, 1, 1), D(2026, 12, 31)),
        (Form.REMOVAL, D(2024, 2, 29), D(2025, 2, 27)),
        (Form.REPRIMAND, D(2025, 8, 31), D(2026, 2, 27)),
    ],
)
def test_period_end(form: Form, start: date, end: date) -> None:
    assert period_end(form, start) == end


@pytest.mark.parametrize(
    ("day", "months", "moved"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
    ],
)
def test_add_months(day: date, months: int, moved: date) -> None:
    assert add_months(day, months) == moved


def test_flags_during_and_after_the_period() -> None:
    fact = DisciplineFact(
        "decided", Form.WARNING, True, D(2026, 1, 5), D(2026, 1, 5), D(2027, 1, 4)
    )
    assert [f.code for f in career_flags([fact], D(2027, 1, 4))] == ["in_force"]
    assert career_flags([fact], D(2027, 1, 5)) == ()
