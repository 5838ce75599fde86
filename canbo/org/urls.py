from __future__ import annotations

from django.urls import path

from canbo.org import catalogue_views, views

app_name = "org"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("catalogues/", views.catalogues, name="catalogues"),
    path(
        "catalogues/job-positions/<int:pk>/",
        views.job_position_detail,
        name="job_position",
    ),
    path("catalogues/posts/new/", catalogue_views.post_form, name="post_create"),
    path(
        "catalogues/posts/<int:pk>/edit/", catalogue_views.post_form, name="post_edit"
    ),
    path(
        "catalogues/job-positions/new/",
        catalogue_views.job_position_form,
        name="job_position_create",
    ),
    path(
        "catalogues/job-positions/<int:pk>/edit/",
        catalogue_views.job_position_form,
        name="job_position_edit",
    ),
]
