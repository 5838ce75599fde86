from __future__ import annotations

from django.urls import path

from canbo.planning import views

app_name = "planning"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.pool_new, name="pool_new"),
    path("<int:pk>/", views.pool, name="pool"),
    path("<int:pk>/nine-box/", views.nine_box, name="nine_box"),
    path("candidates/<int:pk>/remove/", views.candidate_remove, name="remove"),
    path("candidates/<int:pk>/potential/", views.candidate_potential, name="potential"),
    path("review/", views.review, name="review"),
    path("review/apply/", views.review_apply, name="review_apply"),
    path("changes/", views.changes, name="changes"),
    path("targets/<int:unit_id>/", views.targets, name="targets"),
]
