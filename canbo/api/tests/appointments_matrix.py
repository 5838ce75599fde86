"""The appointments endpoints for the API permission matrix (canbo/api/tests/matrix.py)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from canbo.appointments.models import (
    Appointment,
    ExtensionBallot,
    PublicHoliday,
    SelectionCandidate,
)
from canbo.appointments.tests.factories import (
    ProposalFactory,
    SelectionRoundFactory,
    TermFactory,
)
from canbo.org.tests.factories import PostFactory
from canbo.people.tests.factories import PersonFactory
from canbo.tests.fixtures import Cast

if TYPE_CHECKING:
    from canbo.api.tests.matrix import Endpoint

CAREER_VIEWERS = frozenset({"admin", "personnel", "head", "auditor"})
EDITORS = frozenset({"personnel"})
HEADS = frozenset({"head"})  # OVERRIDE_RULES
ADMINS = frozenset({"admin"})  # MANAGE_CATALOGUES
_serial = itertools.count(1)


def _propose_body(cast: Cast) -> Callable[[], dict[str, Any]]:
    def body() -> dict[str, Any]:
        post = PostFactory(code=f"MX-APPT-{next(_serial)}", rank=20)
        return {
            "person": cast.org.person_a1.pk, "post": post.pk,
            "unit": cast.org.division_a1.pk, "kind": "first",
            "process_started": "2026-03-01",
        }  # fmt: skip

    return body


def _round_body(cast: Cast) -> Callable[[], dict[str, Any]]:
    def body() -> dict[str, Any]:
        post = PostFactory(code=f"MX-ROUND-{next(_serial)}", rank=20)
        return {
            "post": post.code, "unit": cast.org.division_a1.code,
            "announced_on": "2026-03-01", "parts": "Đề án;Phỏng vấn",
        }  # fmt: skip

    return body


def _candidate_body() -> dict[str, Any]:
    return {
        "external_name": f"Võ Thị Ngoài {next(_serial)}",
        "scores": {"Đề án": 70, "Phỏng vấn": 80.5},
    }


def _holiday_body() -> dict[str, Any]:
    day = date(2040, 1, 1) + timedelta(days=next(_serial))
    return {"date": day.isoformat(), "name": "Ngày nghỉ ma trận"}


def _extension(cast: Cast) -> Appointment:
    return ProposalFactory(
        person=cast.org.person_a1,
        unit=cast.org.division_a1,
        kind=Appointment.Kind.EXTENSION,
    )


def endpoints(cast: Cast) -> list[Endpoint]:
    from canbo.api.tests.matrix import API, EVERYONE, Endpoint

    org = cast.org
    selection = SelectionRoundFactory(unit=org.division_a1)
    proposal = ProposalFactory(person=org.person_a1, unit=org.division_a1)
    to_refuse = ProposalFactory(person=org.person_a1, unit=org.division_a1)
    # Someone in no planning pool (the planning endpoints may plan An): "not in
    # planning" is a refusal a head may set aside.
    unplanned = PersonFactory(full_name="Đỗ Văn Chưa", unit=org.division_a1)
    to_override = ProposalFactory(person=unplanned, unit=org.division_a1)
    extension = _extension(cast)
    tied = _extension(cast)
    ExtensionBallot.objects.create(
        appointment=tied, held_on=date(2026, 4, 1), voters=8, agree=4, disagree=4,
        outcome=ExtensionBallot.Outcome.HEAD_DECIDES, recorded_by=cast.users["personnel"],
    )  # fmt: skip
    base = f"{API}/appointments"
    post = PostFactory(code="MX-APPT-CHECK", rank=20)
    checks = f"{base}/checks?person={org.person_a1.pk}&post={post.pk}"
    rounds = f"{base}/selection-rounds"

    def fresh_proposal(verb: str) -> Callable[[], str]:
        def path() -> str:
            made = ProposalFactory(person=org.person_a1, unit=org.division_a1)
            return f"{base}/{made.pk}/{verb}"

        return path

    def fresh_term() -> str:
        term = TermFactory(person=org.person_a1, unit=org.division_a1)
        return f"{base}/{term.pk}/renew"

    def fresh_candidate() -> str:
        candidate = SelectionCandidate.objects.create(
            round=SelectionRoundFactory(unit=org.division_a1), person=org.person_a1,
            scores={"Đề án": "80", "Phỏng vấn": "90"}, total=170, rank=1,
        )  # fmt: skip
        return f"{base}/selection-candidates/{candidate.pk}/win"

    def fresh_holiday() -> str:
        day = date(2045, 1, 1) + timedelta(days=next(_serial))
        holiday = PublicHoliday.objects.create(date=day, name="Ngày nghỉ ma trận")
        return f"{base}/holidays/{holiday.pk}"

    return [
        Endpoint("GET", base, base, EVERYONE),
        Endpoint("POST", base, base, EDITORS, _propose_body(cast)),
        Endpoint("GET", f"{base}/checks", checks, CAREER_VIEWERS, scoped=False),
        Endpoint("GET", f"{base}/terms-ending", f"{base}/terms-ending", EVERYONE),
        Endpoint("GET", f"{base}/retirements", f"{base}/retirements", EVERYONE),
        Endpoint("GET", rounds, rounds, EVERYONE),
        Endpoint("POST", rounds, rounds, EDITORS, _round_body(cast)),
        Endpoint(
            "GET", f"{rounds}/{{round_id}}", f"{rounds}/{selection.pk}", CAREER_VIEWERS
        ),
        Endpoint(
            "POST",
            f"{rounds}/{{round_id}}/candidates",
            f"{rounds}/{selection.pk}/candidates",
            EDITORS,
            _candidate_body,
        ),
        Endpoint(
            "POST",
            f"{base}/selection-candidates/{{candidate_id}}/win",
            f"{base}/selection-candidates/0/win",
            EDITORS,
            lambda: {"process_started": "2026-04-01"},
            fresh=fresh_candidate,
        ),
        # One calendar for everyone who sees careers data: not scoped to a unit.
        Endpoint("GET", f"{base}/holidays", f"{base}/holidays", EVERYONE),
        Endpoint("POST", f"{base}/holidays", f"{base}/holidays", ADMINS, _holiday_body),
        Endpoint(
            "DELETE",
            f"{base}/holidays/{{holiday_id}}",
            f"{base}/holidays/0",
            ADMINS,
            scoped=False,
            fresh=fresh_holiday,
        ),
        Endpoint(
            "GET", f"{base}/{{appointment_id}}", f"{base}/{proposal.pk}", CAREER_VIEWERS
        ),
        Endpoint(
            "POST",
            f"{base}/{{appointment_id}}/refuse",
            f"{base}/{to_refuse.pk}/refuse",
            EDITORS,
            lambda: {"reason": "Chưa đủ điều kiện"},
        ),
        Endpoint(
            "POST",
            f"{base}/{{appointment_id}}/withdraw",
            f"{base}/0/withdraw",
            EDITORS,
            lambda: {"reason": "Rút đề nghị"},
            fresh=fresh_proposal("withdraw"),
        ),
        Endpoint(
            "POST",
            f"{base}/{{appointment_id}}/override",
            f"{base}/{to_override.pk}/override",
            HEADS,
            lambda: {
                "codes": ["not_in_planning"],
                "justification": "Phòng khuyết trưởng phòng, tập thể thống nhất.",
            },
        ),
        # Refused for everyone: the proposal is not in planning (a hard rule for
        # nobody to set aside here) — the personnel officer gets 422 too.
        Endpoint(
            "POST",
            f"{base}/{{appointment_id}}/approve",
            f"{base}/{proposal.pk}/approve",
            frozenset(),
            lambda: {"decision_ref": "1/QĐ", "decision_date": "2026-04-01"},
        ),
        Endpoint(
            "POST",
            f"{base}/{{appointment_id}}/ballot",
            f"{base}/{extension.pk}/ballot",
            EDITORS,
            lambda: {"held_on": "2026-04-01", "voters": 8, "agree": 5, "disagree": 3},
        ),
        Endpoint(
            "POST",
            f"{base}/{{appointment_id}}/ballot/decide",
            f"{base}/{tied.pk}/ballot/decide",
            HEADS,
            lambda: {"decision": "agree", "note": "Đảm bảo chuyên môn."},
        ),
        Endpoint(
            "POST",
            f"{base}/{{appointment_id}}/renew",
            f"{base}/0/renew",
            EDITORS,
            lambda: {"kind": "reappointment", "process_started": "2026-02-02"},
            fresh=fresh_term,
        ),
    ]
