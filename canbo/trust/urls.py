from __future__ import annotations

from django.urls import path

from canbo.trust import conflict_views, views

app_name = "trust"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.new_vote, name="new"),
    path("session/", views.session, name="session"),
    path("flagged/", views.flagged, name="flagged"),
    path("<int:pk>/", views.vote, name="vote"),
    path("<int:pk>/edit/", views.edit_vote, name="edit"),
    path("<int:pk>/delete/", views.delete_vote, name="delete"),
    path("conflicts/", conflict_views.conflicts, name="conflicts"),
    path("conflicts/waive/", conflict_views.waive, name="waive"),
]
