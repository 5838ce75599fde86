"""The words for the reason codes of canbo/policy/training.py."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# A stale version: someone saved the record, standard or target since it was read.
CHANGED: Promise = _(
    "Someone else changed this record meanwhile. Reload and try again."
)

RECORD: dict[str, Promise] = {
    "level_required": _("Choose the level obtained."),
    "level_invalid": _("This level does not exist for this kind of training."),
    "level_not_allowed": _(
        "A short course has no level: enter its hours instead and leave the level empty."
    ),
    "end_required": _("Enter the date the training ended."),
    "end_before_start": _("The end date is before the start date."),
    "certificate_before_start": _(
        "The certificate is dated before the training started."
    ),
    "hours_required": _("Enter the hours of the short course (more than 0)."),
    "hours_not_allowed": _("Only a short course counts hours."),
}

# Gap codes: "%(required)s" and "%(held)s" are the level names.
GAP: dict[str, Promise] = {
    "degree_below": _("Education: %(required)s required, holds %(held)s."),
    "theory_below": _("Political theory: %(required)s required, holds %(held)s."),
    "state_management_below": _(
        "State management: %(required)s required, holds %(held)s."
    ),
    "language_below": _("Foreign language: %(required)s required, holds %(held)s."),
    "it_below": _("IT: %(required)s required, holds %(held)s."),
    "course_hours_short": _(
        "Short courses: %(required)s hours a year required, "
        "%(held)s hours in the last 12 months."
    ),
}

STANDARD: dict[str, Promise] = {
    "one_target": _("Choose either a post or a job position, not both."),
    "duplicate": _("This post or job position already has a standard in this unit."),
    "hours_range": _("Enter between 0 and 1,000 hours."),
}

TARGET: dict[str, Promise] = {
    "percent_range": _("Enter a share between 1 and 100."),
    "posts_required": _("Choose the posts whose holders are counted."),
    "posts_not_allowed": _(
        "Posts are chosen only for the population “holders of the chosen posts”."
    ),
    "level_invalid": _("This level does not exist for this qualification."),
    "name_required": _("Enter a name for the target."),
}
