from __future__ import annotations

from django.urls import path

from canbo.insight import views

app_name = "insight"
urlpatterns = [
    path("", views.home, name="home"),
    path("units/<int:unit_pk>/refresh/", views.refresh, name="refresh"),
    path("compare/", views.compare, name="compare"),
]
