"""The words the discipline pages, services and API use for the policy's codes."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Why a record is refused (canbo.policy.discipline.record_checks), with the source.
CHECKS: dict[str, Promise] = {
    "violation_in_future": _("The violation cannot be dated in the future."),
    "review_before_violation": _(
        "The review cannot open before the violation it examines."
    ),
    "form_required": _(
        "Choose the form of discipline decided (Nghị định 172/2025, Nghị định "
        "234/2026 art. 7)."
    ),
    "decision_date_required": _("Give the date of the decision."),
    "decision_before_violation": _(
        "The decision cannot be dated before the violation it punishes."
    ),
    "decision_before_review": _(
        "The decision cannot be dated before the review was opened."
    ),
    "decision_in_future": _("The decision cannot be dated in the future."),
    "effect_before_decision": _(
        "The discipline cannot take effect before the decision is signed."
    ),
    "removal_needs_leadership_post": _(
        "Removal from post (cách chức) applies only to someone holding a leadership "
        "or management post on the decision date (Nghị định 172/2025; Nghị định "
        "234/2026 art. 7)."
    ),
}

# What a delay of the regular raise means (canbo.policy.salary), with the source.
DELAY_REASONS: dict[str, Promise] = {
    "khtnv_year": _(
        "Rated “Không hoàn thành nhiệm vụ” in %(year)s: +%(months)s months "
        "(Thông tư 08/2013/TT-BNV, amended by Thông tư 03/2021/TT-BNV)."
    ),
    "discipline": _(
        "%(form)s decided on %(date)s: +%(months)s months "
        "(Thông tư 08/2013/TT-BNV, amended by Thông tư 03/2021/TT-BNV)."
    ),
    "dismissed": _(
        "Forced dismissal (buộc thôi việc) decided: no regular raise is due."
    ),
}

# What a decided record means for the person's year and career.
KHTNV_EFFECT = _(
    "Duty-related discipline decided in %(year)s: the year is rated “Không hoàn "
    "thành nhiệm vụ” whatever the score (Nghị định 335/2025 art. 20.4; Nghị định "
    "233/2026 art. 12.4)."
)
STALE = _(
    "Someone changed this record meanwhile; reload the page and enter your change "
    "again."
)
