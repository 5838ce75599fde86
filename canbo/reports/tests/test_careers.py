"""The careers lists as .xlsx: each exports for careers viewers, within scope."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine
from django.http import Http404
from django.utils import translation

from canbo.org.tests.factories import JobPositionFactory
from canbo.people.tests.factories import AssignmentFactory, PersonFactory
from canbo.planning.tests.factories import trust_vote
from canbo.reports import services
from canbo.reports.tests.helpers import file_of, rows_of
from canbo.tests.fixtures import Cast

KINDS = {
    "rotation_due": "Job position",
    "terms_ending": "Term to",
    "retirements": "Retires on",
    "raises_due": "Regular date",
    "planning_review": "Reasons to leave planning",
    "training_gaps": "Gaps against the standard",
    "trust_flagged": "Low trust (%)",
    "conflicts": "Restricted post",
}


@pytest.fixture(autouse=True)
def english(settings: Any) -> Iterator[None]:
    settings.LANGUAGE_CODE = "en"
    with (
        time_machine.travel("2026-06-30 10:00 +07:00", tick=False),
        translation.override("en"),
    ):
        yield


def _export(
    cast: Cast, kind: str, who: str = "head", **params: Any
) -> list[tuple[Any, ...]]:
    export = services.request_export(actor=cast.actor(who), kind=kind, params=params)
    return rows_of(file_of(export))


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_careers_list_exports_with_its_headers(cast: Cast, kind: str) -> None:
    rows = _export(cast, kind, unit=str(cast.org.dept_a.pk))
    header = next(r for r in rows if r and KINDS[kind] in r)
    assert header[0] in {"Full name", "Unit"}


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_manager_may_not_export_careers_lists(cast: Cast, kind: str) -> None:
    with pytest.raises(Http404):
        services.request_export(actor=cast.actor("manager"), kind=kind, params={})


def test_retirements_in_scope_with_their_date(cast: Cast) -> None:
    PersonFactory(full_name="Đỗ Văn Hưu", unit=cast.org.division_a1, sex="M",
                  birth_date=date(1965, 12, 1))  # fmt: skip
    PersonFactory(full_name="Vũ Thị Nghỉ", unit=cast.org.division_b1, sex="F",
                  birth_date=date(1969, 12, 1))  # fmt: skip
    mine = _export(cast, "retirements")
    assert [r[0] for r in mine[1:]] == ["Đỗ Văn Hưu"]
    assert mine[1][4] is not None
    theirs = _export(cast, "retirements", "outsider")
    assert [r[0] for r in theirs[1:]] == ["Vũ Thị Nghỉ"]


def test_flagged_trust_votes(cast: Cast) -> None:
    trust_vote(
        cast.org.person_a1, 25, user=cast.users["personnel"], held_on=date(2026, 3, 1)
    )
    rows = _export(cast, "trust_flagged")
    assert rows[1][0] == "Nguyễn Văn An"
    assert rows[1][4] == pytest.approx(83.3)


def test_rotation_due_streams_its_reasons(cast: Cast) -> None:
    position = JobPositionFactory(rotation_months=36)
    AssignmentFactory(person=cast.org.person_a1, job_position=position,
                      start_date=date(2022, 1, 10))  # fmt: skip
    rows = _export(cast, "rotation_due")
    assert rows[1][0] == "Nguyễn Văn An"
    assert rows[1][4].date() == date(2025, 1, 10)
    assert rows[1][5] == "Overdue"
