"""What a discipline record and a raise date mean, in words for the pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from canbo.discipline.messages import DELAY_REASONS, KHTNV_EFFECT
from canbo.discipline.models import Discipline
from canbo.people.models import Person
from canbo.policy.discipline import (
    DisciplineFact,
    Form,
    career_flags,
    disqualifies_year,
)
from canbo.policy.salary import Delay, NextRaise

FORM_LABELS = dict(Discipline.Form.choices)


def delay_reason(delay: Delay) -> str:
    """One delay of a raise, with its cause and source."""
    if delay.code == "khtnv_year":
        return str(DELAY_REASONS["khtnv_year"]) % {
            "year": delay.year, "months": delay.months
        }  # fmt: skip
    return str(DELAY_REASONS["discipline"]) % {
        "form": FORM_LABELS.get(delay.form or "", ""),
        "date": date_format(delay.decided, "d/m/Y") if delay.decided else "",
        "months": delay.months,
    }


def reasons(found: NextRaise) -> list[str]:
    lines = [delay_reason(delay) for delay in found.delays]
    if found.blocked:
        lines.append(str(DELAY_REASONS["dismissed"]))
    return lines


@dataclass(frozen=True)
class RaiseRow:
    person: Person
    next: NextRaise
    reasons: list[str]


def raise_row(person: Person, found: NextRaise) -> RaiseRow:
    return RaiseRow(person, found, reasons(found))


def _fact(record: Discipline) -> DisciplineFact:
    return DisciplineFact(
        record.stage, Form(record.form) if record.form else None,
        record.duty_related, record.decision_date, record.effective_from,
        record.effective_until,
    )  # fmt: skip


def effects(record: Discipline, on: date | None = None) -> list[str]:
    """What the record means for the person: the year's rating, the period, flags."""
    fact = _fact(record)
    lines: list[str] = []
    if record.decision_date and disqualifies_year(fact, record.decision_date.year):
        lines.append(str(KHTNV_EFFECT) % {"year": record.decision_date.year})
    for flag in career_flags([fact], on or timezone.localdate()):
        lines.append(flag_text(flag.code, flag.until))
    return lines


def flag_text(code: str, until: date | None) -> str:
    day = date_format(until, "d/m/Y") if until else ""
    texts = {
        "under_review": _(
            "A disciplinary review is open: no appointment, rotation or planning "
            "meanwhile."
        ),
        "in_force": _(
            "In the discipline period until %(date)s: no planning, appointment or "
            "regular raise meanwhile (Luật Cán bộ, công chức art. 82; default)."
        )
        % {"date": day},
        "removed_recently": _(
            "Removed from post: no higher post until %(date)s (QĐ 377-QĐ/TW; "
            "5 years, a configurable default)."
        )
        % {"date": day},
        "dismissed": _("Forced dismissal decided: the person leaves the service."),
    }
    return str(texts.get(code, code))
