"""The steps of a sheet: self-assessment, review, decision (services).

Decree 233 art. 13 and 15 (Decree 335 presumed parallel): the person assesses
themselves, the manager reviews and proposes a level, the head decides. Nobody
reviews or decides their own sheet. A published period is locked.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from canbo.core.actor import Actor
from canbo.core.audit import log_action
from canbo.core.errors import InvalidInput, NotAllowed
from canbo.evaluation.models import Period, Sheet
from canbo.evaluation.scores import pack_of, scored
from canbo.evaluation.selectors import decides_above
from canbo.evaluation.year import heads_of, tie_choice_allowed
from canbo.policy.access import Capability
from canbo.policy.levels import Level
from canbo.policy.packs import general_problems

CONFLICT = gettext_lazy(
    "Someone changed this sheet meanwhile. Reload the page and try again."
)
PROBLEMS = {
    "missing": gettext_noop("Give points for this criterion."),
    "out_of_range": gettext_noop(
        "The points must be between 0 and the criterion's maximum."
    ),
    "unknown": gettext_noop("This criterion is not in the sheet's rules."),
}


def _locked(sheet: Sheet, version: int | None) -> Sheet:
    locked = (
        Sheet.objects.select_for_update(of=("self",))
        .select_related("period")
        .get(pk=sheet.pk)
    )
    if version is not None and locked.version != version:
        raise InvalidInput.single(
            "",
            _("Someone changed this sheet meanwhile. Reload the page and try again."),
        )
    if locked.period.status != Period.Status.OPEN:
        raise InvalidInput.single("", _("This period is locked."))
    return locked


def _points(raw: Mapping[str, object], sheet: Sheet) -> dict[str, Decimal]:
    """Parse and check points per criterion; errors are keyed points_<code>."""
    parsed: dict[str, Decimal] = {}
    errors: dict[str, list[str]] = {}
    for code, value in raw.items():
        try:
            parsed[code] = Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            errors[f"points_{code}"] = [_("Write a number, such as 2.5.")]
    for code, problem in general_problems(pack_of(sheet), parsed).items():
        if f"points_{code}" not in errors:
            errors[f"points_{code}"] = [_(PROBLEMS[problem])]
    if errors:
        raise InvalidInput(errors)
    return parsed


def _save(sheet: Sheet, fields: list[str]) -> None:
    scored(sheet)
    sheet.version += 1
    sheet.save(
        update_fields=[*fields, "general_points", "task_points", "score", "version"]
    )


@transaction.atomic
def self_assess(
    *,
    actor: Actor,
    sheet: Sheet,
    points: Mapping[str, object],
    comments: Mapping[str, str],
    review_text: str,
    submit: bool,
    version: int | None = None,
) -> Sheet:
    """The person scores the general criteria, comments and (optionally) submits.

    Audit: evaluation.sheet.self_assessed / evaluation.sheet.submitted.
    """
    sheet = _locked(sheet, version)
    if actor.read_only or actor.person_id != sheet.person_id:
        raise NotAllowed
    _not_a_year(sheet)
    if sheet.status != Sheet.Status.DRAFT:
        raise InvalidInput.single("", _("The self-assessment was already submitted."))
    sheet.self_points = {k: str(v) for k, v in _points(points, sheet).items()}
    sheet.self_comments = {k: v.strip() for k, v in comments.items() if v.strip()}
    sheet.self_review = review_text.strip()
    fields = ["self_points", "self_comments", "self_review"]
    if submit:
        sheet.status, sheet.submitted_at = Sheet.Status.SUBMITTED, timezone.now()
        fields += ["status", "submitted_at"]
    _save(sheet, fields)
    action = (
        "evaluation.sheet.submitted" if submit else "evaluation.sheet.self_assessed"
    )
    log_action(
        action,
        actor=actor,
        obj=sheet,
        unit_path=sheet.unit_path,
        person_id=sheet.person_id,
    )
    return sheet


def _above_proposal(sheet: Sheet, level: str) -> bool:
    """For a year, the decision cannot raise anyone above the rules and quotas,
    except to choose among equal scores that the quota demoted together."""
    if sheet.period.kind != Period.Kind.YEAR or not sheet.proposed_level:
        return False
    if Level(level).rank <= Level(sheet.proposed_level).rank:
        return False
    return not tie_choice_allowed(sheet, level)


def _not_a_year(sheet: Sheet) -> None:
    if sheet.period.kind == Period.Kind.YEAR:
        raise InvalidInput.single(
            "", _("A year is scored from its months or quarters, not assessed again.")
        )


def _require(actor: Actor, sheet: Sheet, capability: Capability) -> None:
    if actor.read_only or not actor.covers(capability, sheet.unit_path, sheet.unit_id):
        raise NotAllowed
    if actor.person_id is not None and actor.person_id == sheet.person_id:
        raise InvalidInput.single(
            "", _("Nobody reviews or decides on their own sheet.")
        )


def _require_superior_for_heads(actor: Actor, sheet: Sheet) -> None:
    """The head of a unit is decided on from above (Decree 233 art. 13): a role
    on the unit itself is not enough, it must cover the unit's parent."""
    if (
        not sheet.is_leader
        or heads_of([sheet.unit_id], sheet.period.end).get(sheet.unit_id)
        != sheet.person_id
    ):
        return
    if not decides_above(actor, sheet.unit):
        raise InvalidInput.single(
            "", _("The head of a unit is decided on by the head of the unit above.")
        )


def _fraction(name: str, value: object) -> Decimal:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        number = Decimal(-1)
    if not 0 <= number <= 1:
        raise InvalidInput.single(name, _("Give a share between 0 and 1."))
    return number


@transaction.atomic
def review_sheet(
    *,
    actor: Actor,
    sheet: Sheet,
    points: Mapping[str, object],
    reason: str,
    proposed_level: str,
    leader_parts: Mapping[str, object] | None = None,
    version: int | None = None,
) -> Sheet:
    """The manager adjusts the general points (with a reason where they change),
    gives a leader's components, confirms the figures and proposes a level.

    Audit: evaluation.sheet.reviewed.
    """
    sheet = _locked(sheet, version)
    _require(actor, sheet, Capability.REVIEW_SHEETS)
    _not_a_year(sheet)
    if sheet.status not in (Sheet.Status.SUBMITTED, Sheet.Status.REVIEWED):
        raise InvalidInput.single("", _("The sheet is not waiting for a review."))
    reviewed = _points(points, sheet)
    if (
        reviewed != {k: Decimal(v) for k, v in sheet.self_points.items()}
        and not reason.strip()
    ):
        raise InvalidInput.single(
            "reason", _("Give the reason for changing the points.")
        )
    if proposed_level not in Level.__members__:
        raise InvalidInput.single(
            "proposed_level", _("Propose one of the four levels.")
        )
    sheet.review_points = {k: str(v) for k, v in reviewed.items()}
    sheet.review_reason, sheet.proposed_level = reason.strip(), proposed_level
    fields = ["review_points", "review_reason", "proposed_level"]
    if sheet.is_leader:
        parts = leader_parts or {}
        for name in ("unit_result", "organise", "unite"):
            setattr(sheet, name, _fraction(name, parts.get(name, "")))
        fields += ["unit_result", "organise", "unite"]
    sheet.status, sheet.reviewed_by, sheet.reviewed_at = (
        Sheet.Status.REVIEWED, actor.user, timezone.now(),
    )  # fmt: skip
    _save(sheet, [*fields, "status", "reviewed_by", "reviewed_at"])
    log_action(
        "evaluation.sheet.reviewed", actor=actor, obj=sheet, unit_path=sheet.unit_path,
        person_id=sheet.person_id, data={"proposed_level": proposed_level},
    )  # fmt: skip
    return sheet


@transaction.atomic
def decide_sheet(
    *,
    actor: Actor,
    sheet: Sheet,
    level: str,
    note: str = "",
    version: int | None = None,
) -> Sheet:
    """The head decides the level of a reviewed sheet. Audit: evaluation.sheet.decided."""
    sheet = _locked(sheet, version)
    _require(actor, sheet, Capability.DECIDE_LEVELS)
    _require_superior_for_heads(actor, sheet)
    if sheet.status not in (Sheet.Status.REVIEWED, Sheet.Status.DECIDED):
        raise InvalidInput.single(
            "", _("The sheet must be reviewed before the decision.")
        )
    if level not in Level.__members__:
        raise InvalidInput.single("level", _("Choose one of the four levels."))
    if _above_proposal(sheet, level):
        raise InvalidInput.single(
            "level",
            _("The rules and the quota allow at most %(level)s.")
            % {"level": sheet.proposed_level},
        )
    if level != sheet.proposed_level and not note.strip():
        raise InvalidInput.single(
            "note",
            _("Give the reason for deciding another level than the one proposed."),
        )
    sheet.level, sheet.decision_note = level, note.strip()
    sheet.status, sheet.decided_by, sheet.decided_at = (
        Sheet.Status.DECIDED, actor.user, timezone.now(),
    )  # fmt: skip
    _save(sheet, ["level", "decision_note", "status", "decided_by", "decided_at"])
    log_action(
        "evaluation.sheet.decided", actor=actor, obj=sheet, unit_path=sheet.unit_path,
        person_id=sheet.person_id, data={"level": level},
    )  # fmt: skip
    return sheet
