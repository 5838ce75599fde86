"""Strings Django shows in canbo's pages that Django's Vietnamese catalogue lacks.

canbo's catalogue supplies them; gettext_noop keeps them in what makemessages
extracts, so they stay in locale/.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

DJANGO_GAPS = (
    gettext_noop("- Select an option -"),
    gettext_noop("Null characters are not allowed."),
    gettext_noop("“%(pk)s” is not a valid value."),
)
