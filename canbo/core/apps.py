from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "canbo.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from canbo.core.lookups import register
        from canbo.core.sqlite import whole_reads

        register()
        connection_created.connect(whole_reads, dispatch_uid="canbo.core.whole_reads")
