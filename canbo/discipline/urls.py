from __future__ import annotations

from django.urls import path

from canbo.discipline import views

app_name = "discipline"
urlpatterns = [
    path("", views.home, name="home"),
    path("salary/", views.salary, name="salary"),
    path("people/<int:person_pk>/new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/edit/", views.edit, name="edit"),
]
