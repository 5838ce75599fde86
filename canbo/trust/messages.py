"""The words the trust pages, services and API use for the codes of the policy."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ARTICLE = "Quy định 96-QĐ/TW"

# What each outcome of canbo.policy.trust_vote_outcome means, with its source.
OUTCOME_EXPLAINED: dict[str, Promise] = {
    "none": _(
        "Low trust ballots are at most half of the ballots returned: no consequence "
        "follows from this vote (Quy định 96-QĐ/TW)."
    ),
    "review": _(
        "More than half but less than two thirds of the ballots returned are low "
        "trust: the person is removed from planning for higher posts and considered "
        "for removal from post, other work or resignation, without waiting for the "
        "end of the term (Quy định 96-QĐ/TW)."
    ),
    "dismiss": _(
        "Two thirds or more of the ballots returned are low trust: dismissal from "
        "post and lower work, without waiting for the end of the term or of the "
        "appointment (Quy định 96-QĐ/TW)."
    ),
}

OUTCOME_SHORT: dict[str, Promise] = {
    "none": _("No action"),
    "review": _("Review: off planning for higher posts"),
    "dismiss": _("Dismissal from post"),
}
