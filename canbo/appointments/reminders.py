"""Reminders of reappointment notices, run with the other periodic jobs.

A term's reappointment procedure must start 90 working days before it ends
(canbo.policy.workdays.reappointment_notice_due). From REMIND_DAYS before that
date, and while no renewal is proposed, each personnel officer covering the
term's unit gets one notice per term: a second run writes nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from canbo.appointments.models import Appointment
from canbo.appointments.selectors import notices
from canbo.policy.access import Capability, roles_with
from canbo.policy.discipline import add_months
from canbo.work.models import Notification
from canbo.work.notifications import (
    Notice,
    RoleIndex,
    notice_key,
    text_of,
    write_notices,
)

KIND = Notification.Kind.TERM_NOTICE
REMIND_DAYS = 14
TEXT = gettext_noop(
    "The term of %(person)s as %(post)s ends on %(end)s: the reappointment "
    "procedure is due to start by %(due)s."
)


def send_notice_reminders(now: datetime) -> int:
    """Write the reappointment reminders due at `now`; return how many are new."""
    today = timezone.localdate(now)
    renewal = Appointment.objects.filter(
        previous=OuterRef("pk"), status=Appointment.Status.PROPOSED
    )
    terms = {
        term.pk: term
        for term in Appointment.objects.filter(
            status=Appointment.Status.APPROVED,
            term_end__gte=today,
            term_end__lte=add_months(today, 6),
        )
        .exclude(Exists(renewal))
        .select_related("person", "post")
    }
    officers = RoleIndex.load(roles_with(Capability.MANAGE_CAREERS))
    soon = today + timedelta(days=REMIND_DAYS)
    found: list[Notice] = []
    for term_id, notice in notices(terms.values(), today).items():
        if notice.due > soon:
            continue
        term = terms[term_id]
        params = {
            "person": term.person.full_name,
            "post": str(term.post),
            "end": f"{term.term_end:%d/%m/%Y}",
            "due": f"{notice.due:%d/%m/%Y}",
        }
        link = reverse("appointments:detail", args=[term.pk])
        found += [
            Notice(user_id, None, KIND, text_of(TEXT, params),
                   notice_key(KIND, term.pk, "reappointment", user_id), link)
            for user_id in officers.holders(term.unit_id, term.unit_path)
        ]  # fmt: skip
    return write_notices(found)
