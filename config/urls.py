from __future__ import annotations

from django.urls import include, path

from canbo.api.api import api

urlpatterns = [
    path("", include("canbo.core.urls")),
    path("accounts/", include("canbo.accounts.urls")),
    path("units/", include("canbo.org.urls")),
    path("people/", include("canbo.people.urls")),
    path("imports/", include("canbo.imports.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api-tokens/", include("canbo.api.urls")),
    path("api/v1/", api.urls),
]
