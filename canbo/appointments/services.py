"""Writes to appointments, extension ballots and selection rounds.

Each service is one transaction, checks the actor's scope, validates through
canbo.policy.appointment and writes the audit log. Personnel (MANAGE_CAREERS)
propose, approve, refuse and record; a head (OVERRIDE_RULES) sets aside an
overridable rule with a written justification and decides a tied ballot.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from canbo.appointments import checks, messages
from canbo.appointments.models import (
    Appointment,
    ExtensionBallot,
    PublicHoliday,
    SelectionCandidate,
    SelectionRound,
)
from canbo.core.actor import Actor
from canbo.core.audit import log_action
from canbo.core.errors import InvalidInput, NotAllowed
from canbo.org.models import Post, Unit
from canbo.people.models import Assignment, Person
from canbo.people.services import create_assignment, update_assignment
from canbo.policy import appointment as rules
from canbo.policy.access import Capability
from canbo.policy.retirement import retirement_date

NEW_POST_KINDS = (
    Appointment.Kind.FIRST,
    Appointment.Kind.HIGHER,
    Appointment.Kind.EQUAL,
)
RENEWAL_KINDS = (Appointment.Kind.REAPPOINTMENT, Appointment.Kind.EXTENSION)


def _require(
    actor: Actor, capability: Capability, unit_path: str, unit_id: int
) -> None:
    if actor.read_only or not actor.covers(capability, unit_path, unit_id):
        raise NotAllowed


def _open(appointment: Appointment) -> Appointment:
    """Lock the row and insist it is still a proposal."""
    locked = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if locked.status != Appointment.Status.PROPOSED:
        raise InvalidInput.single(
            "", _("This proposal has already been decided or withdrawn.")
        )
    return locked


def _log(action: str, actor: Actor, appointment: Appointment, **data: Any) -> None:
    log_action(
        action,
        actor=actor,
        obj=appointment,
        unit_path=appointment.unit_path,
        person_id=appointment.person_id,
        data=data,
    )


def _reasons(found: tuple[rules.Check, ...]) -> list[str]:
    return [
        f"{messages.explain(c.code, c.params)} ({messages.article(c.rule)})"
        for c in found
    ]


# --- proposals ----------------------------------------------------------------------


def _proposal_errors(
    actor: Actor,
    *,
    person: Person,
    post: Post,
    unit: Unit,
    kind: str,
    source: str,
    previous: Appointment | None,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    outside = not actor.covers(
        Capability.MANAGE_CAREERS, person.unit_path, person.unit_id
    )
    if outside and source != Appointment.Source.EXTERNAL:
        errors["person"] = [
            _(
                "This person works outside your scope: propose them as a "
                "candidate from outside the unit."
            )
        ]
    if not person.is_active:
        errors.setdefault("person", []).append(
            _("This person is no longer in service.")
        )
    if kind not in Appointment.Kind.values:
        errors["kind"] = [_("Choose the kind of appointment.")]
    if source not in Appointment.Source.values:
        errors["source"] = [_("Choose where the candidate comes from.")]
    if not post.is_leadership:
        errors["post"] = [_("Appointments are to leadership posts only.")]
    problem = _renewal_problem(kind, person, post, previous)
    if problem:
        errors["previous"] = [problem]
    if Appointment.objects.filter(
        person=person, post=post, unit=unit, status=Appointment.Status.PROPOSED
    ).exists():
        errors["post"] = [
            _("A proposal for this person, post and unit is already open.")
        ]
    return errors


def _renewal_problem(
    kind: str, person: Person, post: Post, previous: Appointment | None
) -> str:
    if kind not in RENEWAL_KINDS:
        if previous is not None:
            return _("Only a reappointment or an extension renews a term.")
        return ""
    if previous is None or previous.status != Appointment.Status.APPROVED:
        return _("Choose the term being renewed.")
    if previous.person_id != person.pk or previous.post_id != post.pk:
        return _("The term renewed must be this person's, in this post.")
    return ""


@transaction.atomic
def propose(
    *,
    actor: Actor,
    person: Person,
    post: Post,
    unit: Unit,
    kind: str,
    process_started: date | None,
    source: str = Appointment.Source.INTERNAL,
    previous: Appointment | None = None,
    note: str = "",
) -> Appointment:
    """Propose appointing `person` to `post` in `unit`; the checks run and are stored.

    A proposal that fails a rule is still recorded (it shows why); approval is
    where hard rules refuse. Audit: appointments.appointment.proposed.
    """
    _require(actor, Capability.MANAGE_CAREERS, unit.path, unit.pk)
    errors = _proposal_errors(
        actor, person=person, post=post, unit=unit, kind=kind, source=source,
        previous=previous,
    )  # fmt: skip
    if process_started is None:
        errors["process_started"] = [_("Enter the date the process started.")]
    if errors or process_started is None:
        raise InvalidInput(errors)
    appointment = Appointment(
        person=person,
        post=post,
        unit=unit,
        unit_path=unit.path,
        kind=kind,
        source=source,
        process_started=process_started,
        previous=previous,
        note=note.strip(),
        created_by=actor.user,
    )
    _run_checks(appointment)
    appointment.save()
    _log(
        "appointments.appointment.proposed",
        actor,
        appointment,
        kind=kind,
        post=post.name,
        unit=unit.name,
        refusals=[c.code for c in checks.loaded(appointment.checks).refusals],
    )
    return appointment


def _run_checks(appointment: Appointment) -> rules.Eligibility:
    previous = appointment.previous
    result = checks.run(
        person=appointment.person,
        post=appointment.post,
        kind=appointment.kind,
        source=appointment.source,
        on=appointment.process_started,
        term_start=previous.term_start if previous else None,
        term_end=previous.term_end if previous else None,
        unit_path=appointment.unit_path,
    )
    appointment.checks = checks.stored(result)
    appointment.checked_on = appointment.process_started
    return result


@transaction.atomic
def propose_renewal(
    *,
    actor: Actor,
    term: Appointment,
    kind: str,
    process_started: date | None,
    note: str = "",
) -> Appointment:
    """Propose reappointing (or extending to retirement) the holder of an ending term."""
    _require(actor, Capability.MANAGE_CAREERS, term.unit_path, term.unit_id)
    if kind not in RENEWAL_KINDS:
        raise InvalidInput.single("kind", _("Choose a reappointment or an extension."))
    return propose(
        actor=actor,
        person=term.person,
        post=term.post,
        unit=term.unit,
        kind=kind,
        source=term.source,
        process_started=process_started,
        previous=term,
        note=note,
    )


@transaction.atomic
def recheck(*, actor: Actor, appointment: Appointment) -> Appointment:
    """Run the checks again on today's records. Audit: appointments.appointment.rechecked."""
    _require(
        actor, Capability.MANAGE_CAREERS, appointment.unit_path, appointment.unit_id
    )
    appointment = _open(appointment)
    _run_checks(appointment)
    appointment.save(update_fields=["checks", "checked_on", "updated_at"])
    _log("appointments.appointment.rechecked", actor, appointment)
    return appointment


# --- override, approve, refuse, withdraw ----------------------------------------------


@transaction.atomic
def override(
    *, actor: Actor, appointment: Appointment, codes: list[str], justification: str
) -> Appointment:
    """A head sets aside refusals marked overridable, with a written justification.

    A rule that is not overridable cannot be set aside. Audit:
    appointments.appointment.overridden (codes and justification).
    """
    _require(
        actor, Capability.OVERRIDE_RULES, appointment.unit_path, appointment.unit_id
    )
    appointment = _open(appointment)
    result = _run_checks(appointment)
    refusals = {c.code: c for c in result.refusals}
    errors: dict[str, list[str]] = {}
    if not codes:
        errors["codes"] = [_("Choose the rules to set aside.")]
    for code in codes:
        check = refusals.get(code)
        if check is None:
            errors.setdefault("codes", []).append(
                _("“%(code)s” is not a refusal of this proposal.") % {"code": code}
            )
        elif not check.overridable:
            errors.setdefault("codes", []).append(
                _("This rule cannot be set aside: %(reason)s")
                % {"reason": messages.explain(code, check.params)}
            )
    text = justification.strip()
    if len(text) < 20:
        errors["justification"] = [
            _(
                "Write the justification (at least 20 characters); it is kept in the audit log."
            )
        ]
    if errors:
        raise InvalidInput(errors)
    appointment.overridden = sorted(set(codes))
    appointment.justification = text
    appointment.overridden_by = actor.user
    appointment.save(
        update_fields=[
            "overridden", "justification", "overridden_by", "checks", "checked_on",
            "updated_at",
        ]
    )  # fmt: skip
    _log(
        "appointments.appointment.overridden",
        actor,
        appointment,
        codes=appointment.overridden,
        justification=text,
    )
    return appointment


def _holder_assignments(appointment: Appointment, start: date) -> list[Assignment]:
    """Open assignments that end when the appointee takes the post: the appointee's
    other leadership posts, and the previous holder of a head's post."""
    mine = Assignment.objects.filter(
        person_id=appointment.person_id,
        post__isnull=False,
        post__is_leadership=True,
        end_date__isnull=True,
        start_date__lt=start,
    )
    found = list(mine.select_related("unit", "person"))
    if appointment.post.unit_role == Post.UnitRole.HEAD:
        found += list(
            Assignment.objects.filter(
                post_id=appointment.post_id,
                unit_id=appointment.unit_id,
                end_date__isnull=True,
                start_date__lt=start,
            )
            .exclude(person_id=appointment.person_id)
            .select_related("unit", "person")
        )
    return found


@transaction.atomic
def approve(
    *,
    actor: Actor,
    appointment: Appointment,
    decision_ref: str,
    decision_date: date | None,
    term_start: date | None = None,
) -> Appointment:
    """Record the appointment decision and start the term (APPT-01: 5 years).

    The checks run again; a refusal not set aside by a head refuses the approval
    with its reasons and nothing is written. A new post ends the appointee's other
    leadership posts (and the previous head's), and creates the assignment; a
    renewal ends the previous term and carries its assignment on. An extension
    needs a passed ballot and runs to the retirement date. Audit:
    appointments.appointment.approved.
    """
    _require(
        actor, Capability.MANAGE_CAREERS, appointment.unit_path, appointment.unit_id
    )
    appointment = _open(appointment)
    ref = decision_ref.strip()
    errors = _decision_errors(appointment, ref, decision_date)
    if errors or decision_date is None:
        raise InvalidInput(errors)
    result = _run_checks(appointment)
    blocking = result.blocking(appointment.overridden)
    if blocking:
        raise InvalidInput({"": _reasons(blocking)})
    if appointment.kind == Appointment.Kind.EXTENSION:
        ballot = ExtensionBallot.objects.filter(appointment=appointment).first()
        if ballot is None or not ballot.passed:
            raise InvalidInput.single(
                "",
                _(
                    "An extension needs the collective's ballot with more than half "
                    "agreeing, or the head's agreement at exactly half (QĐ 727/QĐ-BNV)."
                ),
            )
    previous = appointment.previous
    start, end = _term_dates(appointment, term_start or decision_date)
    assignment = _place(actor, appointment, start, ref)
    appointment.status = Appointment.Status.APPROVED
    appointment.decision_ref = ref
    appointment.decision_date = decision_date
    appointment.term_start = start
    appointment.term_end = end
    appointment.assignment = assignment
    appointment.save()
    if previous is not None:
        previous.status = Appointment.Status.ENDED
        previous.save(update_fields=["status", "assignment", "updated_at"])
    _log(
        "appointments.appointment.approved",
        actor,
        appointment,
        decision_ref=ref,
        decision_date=decision_date.isoformat(),
        term_start=start.isoformat(),
        term_end=end.isoformat(),
        overridden=appointment.overridden,
        justification=appointment.justification,
        flags=[c.code for c in result.flags],
    )
    return appointment


def _decision_errors(
    appointment: Appointment, ref: str, decision_date: date | None
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not ref:
        errors["decision_ref"] = [_("Enter the decision number.")]
    if decision_date is None:
        errors["decision_date"] = [_("Enter the decision date.")]
    elif decision_date < appointment.process_started:
        errors["decision_date"] = [
            _("The decision cannot precede the start of the process.")
        ]
    return errors


def _term_dates(appointment: Appointment, start: date) -> tuple[date, date]:
    """A renewal starts the day after the old term ends; an extension runs to the
    retirement date; any other term lasts 60 months (APPT-01)."""
    previous = appointment.previous
    if previous is not None and previous.term_end is not None:
        start = max(start, previous.term_end + timedelta(days=1))
    if appointment.kind == Appointment.Kind.EXTENSION:
        person = appointment.person
        return start, retirement_date(
            person.birth_date, "F" if person.sex == "F" else "M"
        )
    return start, rules.term_end(start, appointment.term_months)


def _place(
    actor: Actor, appointment: Appointment, start: date, ref: str
) -> Assignment | None:
    previous = appointment.previous
    if previous is not None and previous.assignment_id is not None:
        carried = previous.assignment
        previous.assignment = None
        previous.save(update_fields=["assignment"])
        return carried
    if appointment.kind in RENEWAL_KINDS:
        held = Assignment.objects.filter(
            person_id=appointment.person_id,
            post_id=appointment.post_id,
            unit_id=appointment.unit_id,
            end_date__isnull=True,
            appointment__isnull=True,
        ).first()
        if held is not None:
            return held
    for old in _holder_assignments(appointment, start):
        update_assignment(
            actor=actor, assignment=old, end_date=start - timedelta(days=1)
        )
    return create_assignment(
        actor=actor,
        person=appointment.person,
        unit=appointment.unit,
        post=appointment.post,
        start_date=start,
        decision_ref=ref,
    )


@transaction.atomic
def refuse(*, actor: Actor, appointment: Appointment, reason: str) -> Appointment:
    """Close a proposal as refused. Audit: appointments.appointment.refused."""
    return _close(actor, appointment, Appointment.Status.REFUSED, reason)


@transaction.atomic
def withdraw(*, actor: Actor, appointment: Appointment, reason: str) -> Appointment:
    """Close a proposal as withdrawn. Audit: appointments.appointment.withdrawn."""
    return _close(actor, appointment, Appointment.Status.WITHDRAWN, reason)


def _close(
    actor: Actor, appointment: Appointment, status: str, reason: str
) -> Appointment:
    _require(
        actor, Capability.MANAGE_CAREERS, appointment.unit_path, appointment.unit_id
    )
    appointment = _open(appointment)
    text = reason.strip()
    if not text:
        raise InvalidInput.single("reason", _("Give the reason."))
    appointment.status = status
    appointment.note = (appointment.note + "\n" + text).strip()
    appointment.save(update_fields=["status", "note", "updated_at"])
    _log(f"appointments.appointment.{status}", actor, appointment, reason=text)
    return appointment


# --- extension ballot -------------------------------------------------------------------


@transaction.atomic
def record_ballot(
    *,
    actor: Actor,
    appointment: Appointment,
    held_on: date | None,
    voters: int,
    agree: int,
    disagree: int,
) -> ExtensionBallot:
    """Record the secret ballot on an extension (APPT-05: > 50 % passes, exactly 50 %
    goes to the head). Audit: appointments.ballot.recorded."""
    _require(
        actor, Capability.MANAGE_CAREERS, appointment.unit_path, appointment.unit_id
    )
    appointment = _open(appointment)
    errors: dict[str, list[str]] = {}
    if appointment.kind != Appointment.Kind.EXTENSION:
        errors[""] = [_("Only an extension to retirement age is put to a ballot.")]
    if held_on is None:
        errors["held_on"] = [_("Enter the date of the ballot.")]
    for code in rules.ballot_problems(voters, agree, disagree):
        field = "voters" if code == "no_voters" else "agree"
        errors.setdefault(field, []).append(str(messages.BALLOT[code]))
    if errors or held_on is None:
        raise InvalidInput(errors)
    outcome = rules.extension_ballot_outcome(voters, agree)
    ballot, _created = ExtensionBallot.objects.update_or_create(
        appointment=appointment,
        defaults={
            "held_on": held_on,
            "voters": voters,
            "agree": agree,
            "disagree": disagree,
            "outcome": outcome,
            "head_decision": "",
            "head_note": "",
            "decided_by": None,
            "recorded_by": actor.user,
        },
    )
    _log(
        "appointments.ballot.recorded",
        actor,
        appointment,
        voters=voters,
        agree=agree,
        disagree=disagree,
        outcome=outcome,
    )
    return ballot


@transaction.atomic
def decide_tied_ballot(
    *, actor: Actor, appointment: Appointment, agree: bool, note: str
) -> ExtensionBallot:
    """At exactly half the head decides (QĐ 727/QĐ-BNV); refused while no ballot is
    recorded. Audit: appointments.ballot.decided."""
    _require(
        actor, Capability.OVERRIDE_RULES, appointment.unit_path, appointment.unit_id
    )
    appointment = _open(appointment)
    ballot = (
        ExtensionBallot.objects.select_for_update()
        .filter(appointment=appointment)
        .first()
    )
    if ballot is None:
        raise InvalidInput.single("", _("No ballot has been recorded."))
    if ballot.outcome != ExtensionBallot.Outcome.HEAD_DECIDES:
        raise InvalidInput.single(
            "", _("The head decides only when exactly half the ballots agree.")
        )
    if not note.strip():
        raise InvalidInput.single("note", _("Give the reasons for the decision."))
    ballot.head_decision = (
        ExtensionBallot.HeadDecision.AGREE
        if agree
        else ExtensionBallot.HeadDecision.DISAGREE
    )
    ballot.head_note = note.strip()
    ballot.decided_by = actor.user
    ballot.save(update_fields=["head_decision", "head_note", "decided_by"])
    _log(
        "appointments.ballot.decided",
        actor,
        appointment,
        decision=ballot.head_decision,
        note=ballot.head_note,
    )
    return ballot


# --- selection rounds ---------------------------------------------------------------------


@transaction.atomic
def open_round(
    *, actor: Actor, post: Post, unit: Unit, announced_on: date | None, parts: str
) -> SelectionRound:
    """Announce a competitive selection for a post. Audit: appointments.selection.opened."""
    _require(actor, Capability.MANAGE_CAREERS, unit.path, unit.pk)
    errors: dict[str, list[str]] = {}
    if announced_on is None:
        errors["announced_on"] = [_("Enter the date of the announcement.")]
    names = [p.strip() for p in parts.split(";") if p.strip()]
    if not names:
        errors["parts"] = [_("Name at least one scored part.")]
    if not post.is_leadership:
        errors["post"] = [_("Appointments are to leadership posts only.")]
    if errors or announced_on is None:
        raise InvalidInput(errors)
    selection = SelectionRound.objects.create(
        post=post,
        unit=unit,
        unit_path=unit.path,
        announced_on=announced_on,
        parts=";".join(names),
        created_by=actor.user,
    )
    log_action(
        "appointments.selection.opened",
        actor=actor,
        obj=selection,
        unit_path=unit.path,
        data={"post": post.name, "parts": names},
    )
    return selection


def _scores(selection: SelectionRound, raw: dict[str, Any]) -> dict[str, str]:
    scores: dict[str, str] = {}
    bad: list[str] = []
    for part in selection.part_names():
        value = raw.get(part)
        try:
            number = (
                Decimal(str(value).replace(",", "."))
                if value not in (None, "")
                else None
            )
        except InvalidOperation:
            number = None
        if number is None or not Decimal(0) <= number <= Decimal(100):
            bad.append(part)
        else:
            scores[part] = str(number)
    if bad:
        raise InvalidInput.single(
            "scores",
            _("Enter a score from 0 to 100 for: %(parts)s.")
            % {"parts": ", ".join(bad)},
        )
    return scores


def _rank(selection: SelectionRound) -> None:
    ordered = sorted(
        selection.candidates.all(),
        key=lambda c: (-(c.total or Decimal(0)), c.pk),
    )
    for position, candidate in enumerate(ordered, start=1):
        if candidate.rank != position:
            candidate.rank = position
            candidate.save(update_fields=["rank"])


@transaction.atomic
def add_candidate(
    *,
    actor: Actor,
    selection: SelectionRound,
    scores: dict[str, Any],
    person: Person | None = None,
    external_name: str = "",
) -> SelectionCandidate:
    """Add a candidate with a score for each part; the total and ranks follow.
    Audit: appointments.selection.candidate_added."""
    _require(actor, Capability.MANAGE_CAREERS, selection.unit_path, selection.unit_id)
    if selection.status != SelectionRound.Status.OPEN:
        raise InvalidInput.single("", _("This selection round is closed."))
    name = external_name.strip()
    if person is None and not name:
        raise InvalidInput.single(
            "person",
            _("Choose a staff member or enter the name of a candidate from outside."),
        )
    if person is not None and selection.candidates.filter(person=person).exists():
        raise InvalidInput.single("person", _("This person is already a candidate."))
    values = _scores(selection, scores)
    total = sum((Decimal(v) for v in values.values()), Decimal(0))
    candidate = SelectionCandidate.objects.create(
        round=selection,
        person=person,
        external_name="" if person is not None else name,
        scores=values,
        total=total,
    )
    _rank(selection)
    log_action(
        "appointments.selection.candidate_added",
        actor=actor,
        obj=selection,
        unit_path=selection.unit_path,
        person_id=person.pk if person is not None else None,
        data={"candidate": candidate.name, "scores": values, "total": str(total)},
    )
    return candidate


@transaction.atomic
def choose_winner(
    *, actor: Actor, candidate: SelectionCandidate, process_started: date | None
) -> Appointment:
    """Select the winner and propose them for appointment to the round's post.
    Audit: appointments.selection.decided, then the proposal's own entry."""
    selection = candidate.round
    _require(actor, Capability.MANAGE_CAREERS, selection.unit_path, selection.unit_id)
    if selection.status != SelectionRound.Status.OPEN:
        raise InvalidInput.single("", _("This selection round is closed."))
    if candidate.person is None:
        raise InvalidInput.single(
            "person",
            _(
                "Create a staff record for this candidate first, then propose the appointment."
            ),
        )
    person = candidate.person
    held = checks.held_posts(person.pk)
    rank = rules.current_rank(held, process_started or date.max)
    if rank is None:
        kind = Appointment.Kind.FIRST if not held else Appointment.Kind.HIGHER
    elif selection.post.rank > rank:
        kind = Appointment.Kind.HIGHER
    else:
        kind = Appointment.Kind.EQUAL
    inside = person.unit_path.startswith(selection.unit_path)
    appointment = propose(
        actor=actor,
        person=person,
        post=selection.post,
        unit=selection.unit,
        kind=kind,
        source=Appointment.Source.INTERNAL if inside else Appointment.Source.EXTERNAL,
        process_started=process_started,
        note=_("Winner of the selection round of %(day)s.")
        % {"day": selection.announced_on.strftime("%d/%m/%Y")},
    )
    candidate.selected = True
    candidate.appointment = appointment
    candidate.save(update_fields=["selected", "appointment"])
    selection.status = SelectionRound.Status.DECIDED
    selection.save(update_fields=["status"])
    log_action(
        "appointments.selection.decided",
        actor=actor,
        obj=selection,
        unit_path=selection.unit_path,
        person_id=person.pk,
        data={"winner": candidate.name, "total": str(candidate.total)},
    )
    return appointment


# --- public holidays -----------------------------------------------------------------------


def _require_catalogues(actor: Actor) -> None:
    if actor.read_only or not actor.can_anywhere(Capability.MANAGE_CATALOGUES):
        raise NotAllowed


@transaction.atomic
def add_holiday(*, actor: Actor, day: date | None, name: str) -> PublicHoliday:
    """Add a day off (admin). Audit: appointments.holiday.added."""
    _require_catalogues(actor)
    errors: dict[str, list[str]] = {}
    if day is None:
        errors["date"] = [_("Enter the date.")]
    elif PublicHoliday.objects.filter(date=day).exists():
        errors["date"] = [_("This day is already a holiday.")]
    if not name.strip():
        errors["name"] = [_("Name the holiday.")]
    if errors or day is None:
        raise InvalidInput(errors)
    holiday = PublicHoliday.objects.create(date=day, name=name.strip())
    log_action("appointments.holiday.added", actor=actor, obj=holiday)
    return holiday


@transaction.atomic
def remove_holiday(*, actor: Actor, holiday: PublicHoliday) -> None:
    """Remove a day off (admin). Audit: appointments.holiday.removed."""
    _require_catalogues(actor)
    log_action(
        "appointments.holiday.removed",
        actor=actor,
        obj=holiday,
        data={"date": holiday.date.isoformat(), "name": holiday.name},
    )
    holiday.delete()
