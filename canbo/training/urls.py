from __future__ import annotations

from django.urls import path

from canbo.training import views

app_name = "training"
urlpatterns = [
    path("", views.home, name="home"),
]
