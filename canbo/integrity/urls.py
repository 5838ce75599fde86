from __future__ import annotations

from django.urls import path

from canbo.integrity import views

app_name = "integrity"
urlpatterns = [
    path("", views.home, name="home"),
]
