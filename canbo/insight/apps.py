from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightConfig(AppConfig):
    name = "canbo.insight"
    label = "insight"
    verbose_name = _("Dashboards")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from canbo.evaluation.models import Period
        from canbo.insight.signals import period_saved

        post_save.connect(period_saved, sender=Period, dispatch_uid="insight_period")
