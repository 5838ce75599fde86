from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "canbo.planning"
    label = "planning"
    verbose_name = _("Succession planning")
