from __future__ import annotations

from django.urls import path

from canbo.people import record_views, views

app_name = "people"
urlpatterns = [
    path("", views.staff_list, name="list"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path(
        "<int:pk>/assignments/new/",
        record_views.assignment_create,
        name="assignment_create",
    ),
    path(
        "assignments/<int:pk>/edit/",
        record_views.assignment_edit,
        name="assignment_edit",
    ),
    path(
        "assignments/<int:pk>/delete/",
        record_views.assignment_delete,
        name="assignment_delete",
    ),
    path(
        "<int:pk>/relatives/new/", record_views.relative_create, name="relative_create"
    ),
    path("relatives/<int:pk>/edit/", record_views.relative_edit, name="relative_edit"),
    path(
        "relatives/<int:pk>/delete/",
        record_views.relative_delete,
        name="relative_delete",
    ),
]
