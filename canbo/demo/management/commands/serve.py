"""`canbo serve`: migrate, collect static files, set up the demo, then run the web
server (gunicorn) and the task worker (`canbo db_worker`) until Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from types import FrameType
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

STOP_TIMEOUT = 10.0  # seconds the children get to finish before they are killed
START_TIMEOUT = 30.0
PERIODIC_SECONDS = 300  # how often the periodic jobs (reminders, e-mails) run


class Command(BaseCommand):
    help = "Run canbo: migrate, collect static files, set up the demo, start the task worker and the web server."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--host",
            default="127.0.0.1",
            help="Address to listen on (default %(default)s).",
        )
        parser.add_argument(
            "--port",
            type=int,
            default=8000,
            help="Port to listen on (default %(default)s).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=2,
            help="Web server processes (default %(default)s).",
        )
        parser.add_argument(
            "--no-demo",
            action="store_true",
            help="Do not generate demo data or demo logins.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["workers"] < 1:
            raise CommandError(_("--workers must be at least 1."))
        self.stdout.write(_("Preparing the database and static files…"))
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        if not options["no_demo"]:
            call_command("demo_setup", stdout=self.stdout, stderr=self.stderr)
        self._run(options["host"], options["port"], options["workers"])

    def _run(self, host: str, port: int, workers: int) -> None:
        stopping = False

        def stop(signum: int, _frame: FrameType | None) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        worker = subprocess.Popen([sys.executable, "-m", "canbo", "db_worker"])
        # Reminders, escalation and e-mails every PERIODIC_SECONDS.
        periodic = subprocess.Popen(  # noqa: S603  (fixed arguments, no shell)
            [sys.executable, "-m", "canbo", "run_periodic", "--every", str(PERIODIC_SECONDS)]
        )  # fmt: skip
        web = subprocess.Popen(  # noqa: S603  (fixed arguments, no shell)
            [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"{host}:{port}",
             "--workers", str(workers), "--graceful-timeout", str(int(STOP_TIMEOUT))]
        )  # fmt: skip
        try:
            self._announce(host, port, web)
            self._watch(web, worker, lambda: stopping)
        finally:
            self._stop(web, worker, periodic)

    def _announce(self, host: str, port: int, web: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline and web.poll() is None:
            try:
                socket.create_connection((host, port), timeout=0.5).close()
            except OSError:
                time.sleep(0.2)
                continue
            url = f"http://{host}:{port}/"
            self.stdout.write(
                self.style.SUCCESS(
                    _("canbo is running at %(url)s — press Ctrl-C to stop.")
                    % {"url": url}
                )
            )
            return

    def _watch(
        self,
        web: subprocess.Popen[bytes],
        worker: subprocess.Popen[bytes],
        stopping: Callable[[], bool],
    ) -> None:
        worker_reported = False
        while not stopping():
            if web.poll() is not None:
                self.stderr.write(
                    _("The web server stopped (exit code %(code)s).")
                    % {"code": web.returncode}
                )
                return
            if worker.poll() is not None and not worker_reported:
                worker_reported = True
                self.stderr.write(
                    _(
                        "The task worker stopped (exit code %(code)s): background tasks will not run until canbo is restarted."
                    )
                    % {"code": worker.returncode}
                )
            time.sleep(0.5)

    def _stop(self, *children: subprocess.Popen[bytes]) -> None:
        self.stdout.write(_("Stopping canbo…"))
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        self.stdout.write(_("canbo stopped."))
