from __future__ import annotations

from django.urls import path

from canbo.planning import views

app_name = "planning"
urlpatterns = [
    path("", views.home, name="home"),
]
