from __future__ import annotations

from django.urls import path

from canbo.appointments import views

app_name = "appointments"
urlpatterns = [
    path("", views.home, name="home"),
]
