"""What each appointment check means, in words, with its article (rules.md §9)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from canbo.policy.appointment import ARTICLES

RULES: dict[str, Promise] = {
    "kind": _("Kind of appointment matches the posts held"),
    "standards": _("Standards of the post"),
    "planning": _("In planning for the post"),
    "tenure": _("24 months in the current or an equivalent post"),
    "age": _("Old enough to serve a full term"),
    "term": _("The ending term"),
    "evaluation": _("Evaluation results"),
    "discipline": _("Discipline"),
    "trust": _("Trust vote"),
}

CHECKS: dict[str, Promise] = {
    "not_first": _(
        "The person has held a leadership post before: this is not a first appointment."
    ),
    "not_higher": _(
        "The post is not higher than the post the person holds now: choose "
        "an appointment to an equal or lower post."
    ),
    "not_equal": _(
        "The post is higher than the post the person holds now, or no post is "
        "held: choose a first or higher appointment."
    ),
    "standards_not_recorded": _(
        "The post's standards are not recorded: check them by hand."
    ),
    "standards_gap": _("Does not meet the post's standards: %(gaps)s."),
    "not_in_planning": _(
        "Not in planning for this post or an equivalent or higher one (for a "
        "candidate from outside: an equivalent or higher one)."
    ),
    "tenure_short": _(
        "Only %(months)s months in the current or an equivalent post; at least "
        "%(required)s are required (separate periods are added together)."
    ),
    "age_short_of_term": _(
        "Only %(months)s months left before retirement on %(retires)s: a first "
        "or higher appointment needs a full term of %(required)s months from the "
        "start of the process."
    ),
    "no_term": _("There is no ending term to renew."),
    "extension_instead": _(
        "Less than one term is left at the end of this term (retirement on "
        "%(retires)s): propose an extension to retirement age instead."
    ),
    "reappoint_instead": _(
        "At least one full term is left at the end of this term (retirement on "
        "%(retires)s): propose a reappointment instead."
    ),
    "extension_late": _(
        "The extension should start at least %(days)s days before the term ends, "
        "by %(latest)s."
    ),
    "term_not_completed": _(
        "Rated “not completed” (KHTNV) during the term, in %(years)s: "
        "reappointment needs “completed” or better."
    ),
    "no_results": _("No published annual result during the term."),
    "recent_not_completed": _("Rated “not completed” (KHTNV) in %(years)s."),
    "discipline_under_review": _(
        "A disciplinary review is open: no appointment meanwhile."
    ),
    "discipline_in_force": _("Inside a discipline period, until %(until)s."),
    "discipline_dismissed": _("Forced dismissal was decided."),
    "removed_recently": _(
        "Removed from post less than 5 years ago: no higher post before %(until)s."
    ),
    "trust_dismiss": _(
        "Two thirds or more low-trust ballots at the last trust vote: dismissal "
        "from post, no appointment."
    ),
    "trust_review": _(
        "More than half low-trust ballots at the last trust vote: to be considered."
    ),
}

BALLOT: dict[str, Promise] = {
    "no_voters": _("Enter the number of members voting."),
    "negative": _("Ballots cannot be negative."),
    "more_than_voters": _(
        "Agreeing and disagreeing ballots add up to more than the members voting."
    ),
}


def _shown(value: Any) -> Any:
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return value


def explain(code: str, params: Mapping[str, Any]) -> str:
    """The reason for a check in the user's language, dates shown as dd/mm/yyyy."""
    text = CHECKS.get(code)
    if text is None:
        return code
    values = {key: _shown(value) for key, value in params.items()}
    try:
        return str(text) % values
    except (KeyError, TypeError, ValueError):
        return str(text)


def article(rule: str) -> str:
    return ARTICLES.get(rule, "")
