"""The words for the rotation rules' reason codes (canbo/policy/rotation.py)."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from canbo.policy.rotation import Check

REASONS = {
    "retiring_soon": gettext_lazy(
        "Not rotated: less than %(months)s months of service are left before retirement age "
        "(retires after %(until)s)."
    ),
    "discipline_review": gettext_lazy("Postponed: under disciplinary review."),
    "inspection": gettext_lazy(
        "Postponed: under inspection, verification, investigation, prosecution or trial."
    ),
    "illness": gettext_lazy("Postponed: treating a serious illness."),
    "study": gettext_lazy("Postponed: in full-time study of 12 months or more."),
    "secondment": gettext_lazy("Postponed: on secondment."),
    "pregnancy": gettext_lazy("Postponed: pregnant."),
    "child": gettext_lazy(
        "Postponed: raising a child under 36 months (until %(until)s)."
    ),
    "not_in_planning": gettext_lazy(
        "Refused: only cadres in planning for a leadership post are rotated."
    ),
    "service_left_short": gettext_lazy(
        "Refused: at least %(years)s years of service must be left at the start of the rotation."
    ),
    "too_short": gettext_lazy("Refused: a rotation lasts at least %(months)s months."),
}

CIRCUMSTANCE_PROBLEMS = {
    "ends_before_start": gettext_lazy("The end date cannot be before the start date."),
    "study_needs_end": gettext_lazy(
        "Enter the planned end of the study: only full-time study of 12 months or more postpones a change."
    ),
    "pregnancy_needs_woman": gettext_lazy("Only a woman can be recorded as pregnant."),
}


def explain(check: Check) -> str:
    """Return the reason in words, followed by its article."""
    values: dict[str, object] = dict(check.params)
    values["until"] = (
        date_format(check.until, "SHORT_DATE_FORMAT") if check.until else "…"
    )
    text = str(REASONS.get(check.code, check.code)) % values
    if check.until and check.code not in {"retiring_soon", "child"}:
        text = _("%(reason)s Until %(until)s.") % {
            "reason": text,
            "until": values["until"],
        }
    return f"{text} ({check.article})"


FLAG_ARTICLES = {
    "discipline_review": "NĐ 59/2019 Đ.38.1",
    "inspection": "NĐ 59/2019 Đ.38.2",
    "illness": "NĐ 59/2019 Đ.38.3",
    "study": "NĐ 59/2019 Đ.38.3",
    "secondment": "NĐ 59/2019 Đ.38.3",
    "pregnancy": "NĐ 59/2019 Đ.38.4",
    "child": "NĐ 59/2019 Đ.38.4",
}


def explain_flag(code: str) -> str:
    """Return a stored postponement code in words, with its article."""
    return explain(Check(code, "flag", FLAG_ARTICLES.get(code, "")))
