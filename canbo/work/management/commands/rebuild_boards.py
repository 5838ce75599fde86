"""`canbo rebuild_boards`: recompute the task boards' summaries from the tasks.

The services keep the summaries in step on every change; this is for repairs, for
tasks written outside the services (a restore of one table), and after upgrades.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from canbo.work import summaries


class Command(BaseCommand):
    help = "Recompute the summaries behind the task boards from the tasks."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            rows = summaries.rebuild()
        self.stdout.write(_("Board summaries rebuilt: %(rows)d rows.") % {"rows": rows})
