from __future__ import annotations

from django.urls import path

from canbo.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("audit/", views.audit_log, name="audit"),
]
