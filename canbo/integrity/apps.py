from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrityConfig(AppConfig):
    name = "canbo.integrity"
    label = "integrity"
    verbose_name = _("Evaluation integrity")
