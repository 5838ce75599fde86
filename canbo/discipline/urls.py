from __future__ import annotations

from django.urls import path

from canbo.discipline import views

app_name = "discipline"
urlpatterns = [
    path("", views.home, name="home"),
]
