from __future__ import annotations

from django.urls import path

from canbo.training import views

app_name = "training"
urlpatterns = [
    path("", views.home, name="home"),
    path("records/", views.record_list, name="records"),
    path("records/new/", views.record_create, name="record_create"),
    path("records/<int:pk>/edit/", views.record_edit, name="record_edit"),
    path("records/<int:pk>/delete/", views.record_delete, name="record_delete"),
    path("records/<int:pk>/certificate/", views.certificate, name="certificate"),
    path("standards/", views.standard_list, name="standards"),
    path("standards/new/", views.standard_create, name="standard_create"),
    path("standards/<int:pk>/edit/", views.standard_edit, name="standard_edit"),
    path("gaps/", views.gap_report, name="gaps"),
    path("targets/new/", views.target_create, name="target_create"),
    path("targets/<int:pk>/edit/", views.target_edit, name="target_edit"),
]
