"""`canbo demo_setup`: a demo province (if the database is empty) and one login per role."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from canbo.accounts.models import RoleGrant
from canbo.demo.setup import DEMO_PASSWORD, DEMO_TASK_MONTHS, DemoLogin, ensure_demo


def login_table(logins: list[DemoLogin]) -> list[str]:
    """Return the lines of a plain-text table of the demo logins."""
    headers = (_("username"), _("password"), _("role"), _("unit"), _("staff record"))
    rows = [
        (
            login.username,
            DEMO_PASSWORD,
            f"{RoleGrant.RoleChoice(login.role.value).label} ({login.role.value})",
            login.unit.name + ("" if login.subtree else " " + _("(this unit only)")),
            login.person.full_name if login.person else "",
        )
        for login in logins
    ]
    widths = [
        max(len(str(row[i])) for row in (headers, *rows)) for i in range(len(headers))
    ]
    lines = [
        "  ".join(
            str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)
        )
        for row in (headers, *rows)
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return lines


class Command(BaseCommand):
    help = "Generate a demo province when the database is empty and make sure one demo login per role exists."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--quiet-logins",
            action="store_true",
            help="Do not print the table of logins.",
        )
        parser.add_argument(
            "--no-evaluations",
            action="store_true",
            help="Do not generate a year of evaluations for a new demo province.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        summary, logins = ensure_demo(
            today=timezone.localdate(),
            progress=self.stdout.write,
            task_months=DEMO_TASK_MONTHS,
            evaluations=not options["no_evaluations"],
        )
        if summary is not None:
            self.stdout.write(
                _("Generated a demo province of %(staff)s staff in %(seconds).1f s.")
                % {"staff": f"{summary.staff:,}", "seconds": summary.seconds}
            )
        if not logins:
            self.stdout.write(
                _("The database holds its own units, so no demo logins were created.")
            )
            return
        if not options["quiet_logins"]:
            self.write_logins(logins)

    def write_logins(self, logins: list[DemoLogin]) -> None:
        self.stdout.write("")
        self.stdout.write(
            self.style.WARNING(
                _("Demo logins — for trying canbo only; never use them with real data:")
            )
        )
        for line in login_table(logins):
            self.stdout.write("  " + line)
        self.stdout.write("")
