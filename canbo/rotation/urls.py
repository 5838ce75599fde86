from __future__ import annotations

from django.urls import path

from canbo.rotation import views

app_name = "rotation"
urlpatterns = [
    path("", views.home, name="home"),
]
