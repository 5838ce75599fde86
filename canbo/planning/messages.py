"""The planning checks and review reasons in words, each with its article."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.policy.planning import Check

CHECKS: dict[str, Promise] = {
    "not_higher": gettext_lazy(
        "Not a higher post: the person already holds a post of the same or a "
        "higher rank. Only higher posts are planned (QĐ 377-QĐ/TW)."
    ),
    "pool_full": gettext_lazy(
        "This post already has %(n)s candidates, the most allowed "
        "(QĐ 377-QĐ/TW: at most three people per post)."
    ),
    "posts_at_level": gettext_lazy(
        "The person is already planned for %(n)s posts of this level, the most "
        "allowed (QĐ 377-QĐ/TW: at most three posts at the same level)."
    ),
    "open_proposal": gettext_lazy(
        "An appointment proposal for this person is open: planning does not run "
        "at the same time as an appointment proposal (QĐ 377-QĐ/TW)."
    ),
    "under_one_term": gettext_lazy(
        "Only %(years)s years of service are left from the term start to "
        "retirement on %(retirement)s: less than one full 5-year term "
        "(QĐ 377-QĐ/TW; QĐ 50-QĐ/TW)."
    ),
    "under_two_terms": gettext_lazy(
        "%(years)s years of service are left from the term start to retirement "
        "on %(retirement)s: less than the two terms (10 years) that are "
        "preferred (QĐ 377-QĐ/TW; QĐ 50-QĐ/TW)."
    ),
    "low_trust": gettext_lazy(
        "The latest trust vote had more than half of the ballots “low trust”: "
        "removed from planning for higher posts (QĐ 96-QĐ/TW)."
    ),
    "under_review": gettext_lazy(
        "A disciplinary review is open: no planning meanwhile (QĐ 377-QĐ/TW)."
    ),
    "removed_recently": gettext_lazy(
        "Removed from post (cách chức) less than 5 years ago: no higher post yet "
        "(QĐ 377-QĐ/TW)."
    ),
    "dismissed": gettext_lazy(
        "Forced dismissal (buộc thôi việc) has been decided (Nghị định 172/2025/NĐ-CP)."
    ),
    "in_force": gettext_lazy(
        "A discipline period is still running: QĐ 377-QĐ/TW plans a reprimanded "
        "or warned cadre once the period has ended."
    ),
    "khtnv": gettext_lazy(
        "Rated “Không hoàn thành nhiệm vụ” in %(years)s: those who do not complete "
        "their tasks leave planning at the annual review (QĐ 377-QĐ/TW)."
    ),
}

REVIEW: dict[str, Promise] = {
    "khtnv": gettext_lazy(
        "Rated “Không hoàn thành nhiệm vụ” in %(year)s (QĐ 377-QĐ/TW: removed at "
        "the annual review)."
    ),
    "disciplined": gettext_lazy(
        "Disciplined, with effect in %(year)s or still in force (QĐ 377-QĐ/TW; "
        "QĐ 50-QĐ/TW removed disciplined cadres from planning)."
    ),
    "too_old": gettext_lazy(
        "Can no longer serve a full 5-year term before retirement on "
        "%(retirement)s (QĐ 377-QĐ/TW; QĐ 50-QĐ/TW)."
    ),
    "low_trust": gettext_lazy(
        "Latest trust vote: more than half of the ballots “low trust” "
        "(QĐ 96-QĐ/TW: removed from planning for higher posts)."
    ),
}


def _params(values: Mapping[str, object]) -> dict[str, object]:
    return {
        key: date_format(value, "SHORT_DATE_FORMAT")
        if isinstance(value, date)
        else value
        for key, value in values.items()
    }


def check_text(check: Check) -> str:
    return str(CHECKS[check.code]) % _params(check.params)


def review_text(code: str, *, year: int, retirement: date) -> str:
    return str(REVIEW[code]) % _params({"year": year, "retirement": retirement})


def review_summary(codes: tuple[str, ...], *, year: int, retirement: date) -> str:
    return " ".join(review_text(c, year=year, retirement=retirement) for c in codes)


def justification_needed() -> str:
    return _("Write a justification for planning despite these flags.")
