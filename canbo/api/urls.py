from __future__ import annotations

from django.urls import URLPattern, path

from canbo.api import views

app_name = "tokens"
urlpatterns: list[URLPattern] = [
    path("", views.token_list, name="list"),
    path("new/", views.token_create, name="create"),
    path("<int:pk>/revoke/", views.token_revoke, name="revoke"),
]
