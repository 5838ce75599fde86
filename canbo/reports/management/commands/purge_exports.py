"""`canbo purge_exports`: remove the files of exports past their expiry (cron,
a systemd timer; the `purge_expired_exports` task does the same)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from canbo.reports import services


class Command(BaseCommand):
    help = "Remove the files of exports whose download links have expired."

    def handle(self, *args: Any, **options: Any) -> None:
        removed = services.purge_expired()
        self.stdout.write(_("Expired exports removed: %(count)d.") % {"count": removed})
