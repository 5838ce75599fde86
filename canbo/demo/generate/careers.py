"""The careers records of a generated province: each careers app's `demo.generate`.

Run after the staff, in an order where each app finds what it reads: salary
dates and discipline first, then training, trust votes (which also mark the
heads' posts and the restricted positions), appointments (terms of the current
leaders), planning (reads all of those) and rotation (reads planning).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from importlib import import_module

from django.utils.translation import gettext as _

CAREER_APPS = (
    "discipline",
    "training",
    "trust",
    "appointments",
    "planning",
    "rotation",
)


def generate_careers(
    *, root_path: str, today: date, seed: int, progress: Callable[[str], None]
) -> dict[str, int]:
    """Return the rows each careers app wrote for the province under `root_path`."""
    written: dict[str, int] = {}
    for app in CAREER_APPS:
        module = import_module(f"canbo.{app}.demo")
        written[app] = module.generate(root_path=root_path, today=today, seed=seed)
        progress(
            _("Careers records (%(app)s): %(rows)s rows.")
            % {"app": app, "rows": f"{written[app]:,}"}
        )
    return written
