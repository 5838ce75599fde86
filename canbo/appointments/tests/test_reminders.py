"""Reminders of reappointment notices: who gets one, when, and only once."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from canbo.appointments.models import Appointment
from canbo.appointments.reminders import REMIND_DAYS, send_notice_reminders
from canbo.appointments.selectors import holidays
from canbo.appointments.tests.factories import ProposalFactory, TermFactory
from canbo.policy.workdays import reappointment_notice_due
from canbo.tests.fixtures import Cast
from canbo.work.models import Notification

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def _at(day: date) -> datetime:
    return datetime.combine(day, time(8), tzinfo=ZONE)


def _term(cast: Cast) -> Appointment:
    """A term ending on 28/02/2027, with Tết 2027 (from the seeded calendar) before it."""
    return TermFactory(person=cast.org.person_a1, term_start=date(2022, 3, 1))


def test_personnel_are_reminded_from_two_weeks_before_the_notice_is_due(
    cast: Cast,
) -> None:
    term = _term(cast)
    assert term.term_end is not None
    due = reappointment_notice_due(term.term_end, holidays())
    early = due - timedelta(days=REMIND_DAYS + 1)
    assert send_notice_reminders(_at(early)) == 0
    assert send_notice_reminders(_at(due - timedelta(days=REMIND_DAYS))) == 1
    notice = Notification.objects.get()
    assert notice.user == cast.users["personnel"]
    assert notice.kind == Notification.Kind.TERM_NOTICE
    assert cast.org.person_a1.full_name in notice.message
    assert f"{due:%d/%m/%Y}" in notice.message
    assert send_notice_reminders(_at(due + timedelta(days=3))) == 0  # once per term


def test_no_reminder_once_a_renewal_is_proposed(cast: Cast) -> None:
    term = _term(cast)
    assert term.term_end is not None
    ProposalFactory(
        person=cast.org.person_a1, previous=term, kind=Appointment.Kind.REAPPOINTMENT
    )
    due = reappointment_notice_due(term.term_end, holidays())
    assert send_notice_reminders(_at(due)) == 0
    assert not Notification.objects.exists()
