from __future__ import annotations

from django.urls import path

from canbo.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.home, name="home"),
]
