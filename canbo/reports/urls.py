from __future__ import annotations

from django.urls import path

from canbo.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.home, name="home"),
    path("exports/", views.exports, name="exports"),
    path("exports/new/", views.export_new, name="export_new"),
    path("exports/<int:pk>/", views.export, name="export"),
    path("download/<str:token>/", views.download, name="download"),
]
