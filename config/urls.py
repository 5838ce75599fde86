from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from canbo.api.api import api

urlpatterns = [
    path("", include("canbo.core.urls")),
    path("accounts/", include("canbo.accounts.urls")),
    path("units/", include("canbo.org.urls")),
    path("people/", include("canbo.people.urls")),
    path("imports/", include("canbo.imports.urls")),
    path("tasks/", include("canbo.work.urls")),
    path("catalogues/", include("canbo.work.catalogue_urls")),
    path("notifications/", include("canbo.work.notification_urls")),
    path("evaluation/", include("canbo.evaluation.urls")),
    path("discipline/", include("canbo.discipline.urls")),
    path("training/", include("canbo.training.urls")),
    path("planning/", include("canbo.planning.urls")),
    path("rotation/", include("canbo.rotation.urls")),
    path("appointments/", include("canbo.appointments.urls")),
    path("trust/", include("canbo.trust.urls")),
    path("insight/", include("canbo.insight.urls")),
    path("integrity/", include("canbo.integrity.urls")),
    path("reports/", include("canbo.reports.urls")),
    # The language switch is also offered on the login page.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("api-tokens/", include("canbo.api.urls")),
    path("api/v1/", api.urls),
]
