"""`canbo run_periodic`: run the periodic jobs once (cron, systemd timers), or
every N seconds with --every until SIGTERM or Ctrl-C (used by `canbo serve`).
"""

from __future__ import annotations

import signal
import threading
from types import FrameType
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections
from django.utils import timezone
from django.utils.translation import gettext as _

from canbo.work.periodic import run_periodic_jobs


class Command(BaseCommand):
    help = "Run the periodic jobs (task reminders, escalation, e-mails) once, or every N seconds."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Repeat every SECONDS seconds until stopped (default: run once).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        every = options["every"]
        if every < 0:
            raise CommandError(_("--every must be 0 or more seconds."))
        if not every:
            self._run_once()
            return
        stop = threading.Event()

        def on_signal(signum: int, _frame: FrameType | None) -> None:
            stop.set()

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)
        while not stop.is_set():
            self._run_once()
            close_old_connections()
            stop.wait(every)

    def _run_once(self) -> None:
        try:
            done = run_periodic_jobs(timezone.now())
        except Exception as error:  # keep the loop alive; the next run retries
            self.stderr.write(
                _("The periodic jobs failed: %(error)s") % {"error": error}
            )
            return
        self.stdout.write(
            _("Reminders written: %(reminders)s; e-mails sent: %(emails)s.") % done
        )
