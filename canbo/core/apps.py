from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "canbo.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from canbo.core.lookups import register

        register()
