from __future__ import annotations

from django.urls import path

from canbo.trust import views

app_name = "trust"
urlpatterns = [
    path("", views.home, name="home"),
]
