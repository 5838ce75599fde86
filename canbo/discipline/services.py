"""Writes to discipline records: open a review, record the decision, close without
discipline, correct. Each service is one transaction, checks the actor's scope
(MANAGE_CAREERS on the person's unit), applies canbo.policy.discipline and writes
the audit log. The discipline period's end is computed, never typed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from canbo.core.actor import Actor
from canbo.core.audit import diff, log_action, set_fields, snapshot
from canbo.core.errors import InvalidInput, NotAllowed
from canbo.discipline.messages import CHECKS, STALE
from canbo.discipline.models import Discipline
from canbo.people.models import Assignment, Person
from canbo.policy.access import Capability
from canbo.policy.discipline import Form, RecordFacts, period_end, record_checks

AUDITED = (
    "stage",
    "form",
    "violation",
    "violation_date",
    "duty_related",
    "severity",
    "review_started",
    "decision_ref",
    "decision_date",
    "effective_from",
    "effective_until",
    "note",
)
REVIEW_FIELDS = (
    "violation",
    "violation_date",
    "duty_related",
    "severity",
    "review_started",
    "note",
)
DECISION_FIELDS = ("form", "decision_ref", "decision_date", "effective_from")
CORRECTABLE = REVIEW_FIELDS + DECISION_FIELDS


def require_scope(actor: Actor, unit_path: str, unit_id: int) -> None:
    if actor.read_only or not actor.covers(
        Capability.MANAGE_CAREERS, unit_path, unit_id
    ):
        raise NotAllowed


def held_leadership_post(person_id: int, day: date) -> bool:
    """Whether the person held a leadership post on `day` (for cách chức)."""
    return (
        Assignment.objects.filter(
            person_id=person_id, post__is_leadership=True, start_date__lte=day
        )
        .exclude(end_date__lt=day)
        .exists()
    )


def _validate(record: Discipline, *, today: date) -> None:
    """Refuse the record with each reason on the field it names; nothing is written."""
    errors: dict[str, list[str]] = {}
    if not record.violation.strip():
        errors["violation"] = [_("Describe the violation.")]
    if record.severity not in Discipline.Severity.values:
        errors["severity"] = [_("Choose one of the listed severities.")]
    decided = record.stage == Discipline.Stage.DECIDED
    if record.form and record.form not in Discipline.Form.values:
        errors["form"] = [_("Choose one of the listed forms.")]
    if decided and not record.decision_ref.strip():
        errors["decision_ref"] = [_("Give the number of the decision.")]
    known_form = record.form in Discipline.Form.values
    held = bool(record.decision_date) and held_leadership_post(
        record.person_id, record.decision_date or today
    )
    facts = RecordFacts(
        violation_date=record.violation_date,
        review_started=record.review_started,
        decided=decided,
        form=Form(record.form) if known_form else None,
        decision_date=record.decision_date,
        effective_from=record.effective_from,
        held_leadership_post=held,
    )
    shape = set(errors)  # a field with a bad shape gets no further reason
    for check in record_checks(facts, today=today):
        if check.field in shape:
            continue
        errors.setdefault(check.field, []).append(str(CHECKS[check.code]))
    if errors:
        raise InvalidInput(errors)


def _compute_period(record: Discipline) -> None:
    """Fill the effect date (the decision's, when not given) and the period's end."""
    if record.stage != Discipline.Stage.DECIDED or not record.form:
        record.effective_from = record.effective_until = None
        return
    if record.effective_from is None:
        record.effective_from = record.decision_date
    form = Form(record.form)
    record.effective_until = (
        None
        if form is Form.DISMISSAL or record.effective_from is None
        else period_end(form, record.effective_from)
    )


def _locked(record: Discipline, version: int) -> Discipline:
    current = Discipline.objects.select_for_update().get(pk=record.pk)
    if current.version != version:
        raise InvalidInput.single("version", str(STALE))
    return current


def _save(
    record: Discipline, before: dict[str, Any], action: str, actor: Actor
) -> None:
    record.version += 1
    record.save()
    log_action(
        action, actor=actor, obj=record, unit_path=record.unit_path,
        person_id=record.person_id, changes=diff(before, snapshot(record, AUDITED)),
    )  # fmt: skip


@transaction.atomic
def open_review(
    *,
    actor: Actor,
    person: Person,
    violation: str,
    violation_date: date,
    review_started: date,
    duty_related: bool = True,
    severity: str = "",
    note: str = "",
) -> Discipline:
    """Open a disciplinary review of `person` (stage "review"): planning,
    appointment and rotation are held meanwhile. Audit: discipline.record.opened."""
    require_scope(actor, person.unit_path, person.unit_id)
    record = Discipline(
        person=person, unit_id=person.unit_id, unit_path=person.unit_path,
        violation=violation.strip(), violation_date=violation_date,
        review_started=review_started, duty_related=duty_related,
        severity=severity, note=note.strip(), created_by=actor.user,
    )  # fmt: skip
    _validate(record, today=timezone.localdate())
    record.save()
    log_action(
        "discipline.record.opened", actor=actor, obj=record, unit_path=record.unit_path,
        person_id=person.pk, changes=diff({}, snapshot(record, AUDITED)),
    )  # fmt: skip
    return record


@transaction.atomic
def decide(
    *,
    actor: Actor,
    record: Discipline,
    version: int,
    form: str,
    decision_ref: str,
    decision_date: date,
    effective_from: date | None = None,
    note: str | None = None,
) -> Discipline:
    """Record the decision of a review: its form, number and dates; the period's end
    follows from the form (canbo.policy.discipline.period_end), and a duty-related
    decision makes its year "Không hoàn thành nhiệm vụ" (EVAL-03).
    Audit: discipline.record.decided."""
    require_scope(actor, record.unit_path, record.unit_id)
    record = _locked(record, version)
    if record.stage != Discipline.Stage.REVIEW:
        raise InvalidInput.single("", _("Only a record under review can be decided."))
    before = snapshot(record, AUDITED)
    record.stage = Discipline.Stage.DECIDED
    record.form, record.decision_ref = form, decision_ref.strip()
    record.decision_date, record.effective_from = decision_date, effective_from
    if note is not None:
        record.note = note.strip()
    _validate(record, today=timezone.localdate())
    _compute_period(record)
    _save(record, before, "discipline.record.decided", actor)
    return record


@transaction.atomic
def close_without_discipline(
    *, actor: Actor, record: Discipline, version: int, note: str
) -> Discipline:
    """Close a review without discipline (stage "dropped"); the reason is required.
    Audit: discipline.record.dropped."""
    require_scope(actor, record.unit_path, record.unit_id)
    record = _locked(record, version)
    if record.stage != Discipline.Stage.REVIEW:
        raise InvalidInput.single("", _("Only a record under review can be closed."))
    if not note.strip():
        raise InvalidInput.single(
            "note", _("Say why the review ends without discipline.")
        )
    before = snapshot(record, AUDITED)
    record.stage, record.note = Discipline.Stage.DROPPED, note.strip()
    _save(record, before, "discipline.record.dropped", actor)
    return record


def _refuse_decision_changes(record: Discipline, values: dict[str, Any]) -> None:
    """A record with no decision has no decision's fields to correct."""
    changed = [
        name
        for name in DECISION_FIELDS
        if name in values and values[name] != getattr(record, name)
    ]
    if changed:
        message = _("Only a decided record has a decision to correct.")
        raise InvalidInput({name: [message] for name in changed})


@transaction.atomic
def correct(
    *, actor: Actor, record: Discipline, version: int, values: dict[str, Any]
) -> Discipline:
    """Correct a record's facts (CORRECTABLE fields); the same checks apply again and
    the period's end is recomputed. A stale `version` is refused, and so is a
    change to the decision's fields of a record that has no decision.
    Audit: discipline.record.corrected, with the changes."""
    require_scope(actor, record.unit_path, record.unit_id)
    record = _locked(record, version)
    before = snapshot(record, AUDITED)
    if record.stage != Discipline.Stage.DECIDED:
        _refuse_decision_changes(record, values)
        values = {k: v for k, v in values.items() if k not in DECISION_FIELDS}
    set_fields(record, values, CORRECTABLE)
    record.violation = record.violation.strip()
    record.decision_ref = record.decision_ref.strip()
    record.note = record.note.strip()
    _validate(record, today=timezone.localdate())
    _compute_period(record)
    if not diff(before, snapshot(record, AUDITED)):
        return record
    _save(record, before, "discipline.record.corrected", actor)
    return record
