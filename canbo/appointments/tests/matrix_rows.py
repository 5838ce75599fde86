"""The appointments pages in the permission matrix (canbo/tests/test_permission_matrix.py)."""

from __future__ import annotations

from datetime import date

from canbo.appointments.models import PublicHoliday, SelectionCandidate
from canbo.appointments.tests.factories import (
    ProposalFactory,
    SelectionRoundFactory,
    TermFactory,
)
from canbo.tests.fixtures import Cast
from canbo.tests.rows import CAREER_EDITORS, CAREER_LISTS, CAREER_VIEWERS, Row

FOUND = 302  # a POST that succeeds (or is refused with a message) redirects
EVERYONE_CAREERS = CAREER_LISTS


def _proposal(cast: Cast) -> int:
    return ProposalFactory(person=cast.org.person_a1, unit=cast.org.division_a1).pk


def _term(cast: Cast) -> int:
    return TermFactory(person=cast.org.person_a1, unit=cast.org.division_a1).pk


def _round(cast: Cast) -> int:
    return SelectionRoundFactory(unit=cast.org.division_a1).pk


def _candidate(cast: Cast) -> int:
    selection = SelectionRoundFactory(unit=cast.org.division_a1)
    candidate = SelectionCandidate.objects.create(
        round=selection, external_name="Võ Thị Ngoài", scores={}, total=0
    )
    return candidate.pk


def _holiday(cast: Cast) -> int:
    return PublicHoliday.objects.create(date=date(2030, 1, 1), name="Tết Dương lịch").pk


ROWS: dict[str, Row] = {
    "home": Row("get", lambda c: "/appointments/", CAREER_LISTS),
    "propose": Row(
        "get", lambda c: "/appointments/new/", {"personnel": 200, "outsider": 200}
    ),
    "proposal in A1": Row(
        "get", lambda c: f"/appointments/{_proposal(c)}/", CAREER_VIEWERS
    ),
    "approve (refused: no decision number)": Row(
        "post",
        lambda c: f"/appointments/{_proposal(c)}/approve/",
        {"personnel": FOUND},
        data={"decision_ref": ""},
    ),
    "override (head)": Row(
        "post",
        lambda c: f"/appointments/{_proposal(c)}/override/",
        {"head": FOUND},
        data={"codes": "not_in_planning", "justification": "x"},
    ),
    "refuse or withdraw": Row(
        "post",
        lambda c: f"/appointments/{_proposal(c)}/close/",
        {"personnel": FOUND},
        data={"action": "withdrawn", "reason": "Rút đề nghị"},
    ),
    "record a ballot": Row(
        "post",
        lambda c: f"/appointments/{_proposal(c)}/ballot/",
        {"personnel": FOUND},
        data={"voters": "0"},
    ),
    "decide a tied ballot": Row(
        "post",
        lambda c: f"/appointments/{_proposal(c)}/ballot/decide/",
        {"head": FOUND},
        data={"decision": "agree", "note": "x"},
    ),
    "renew a term": Row(
        "get", lambda c: f"/appointments/terms/{_term(c)}/renew/", CAREER_EDITORS
    ),
    "selection rounds": Row("get", lambda c: "/appointments/selection/", CAREER_LISTS),
    "selection round in A1": Row(
        "get", lambda c: f"/appointments/selection/{_round(c)}/", CAREER_VIEWERS
    ),
    "choose a winner (refused: from outside)": Row(
        "post",
        lambda c: f"/appointments/selection/candidates/{_candidate(c)}/win/",
        {"personnel": FOUND},
        data={"process_started": "2026-03-01"},
    ),
    "public holidays": Row("get", lambda c: "/appointments/holidays/", CAREER_LISTS),
    "remove a public holiday": Row(
        "post",
        lambda c: f"/appointments/holidays/{_holiday(c)}/delete/",
        {"admin": FOUND},
    ),
}
