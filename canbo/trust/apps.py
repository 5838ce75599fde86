from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrustConfig(AppConfig):
    name = "canbo.trust"
    label = "trust"
    verbose_name = _("Trust votes")
