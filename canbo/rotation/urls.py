from __future__ import annotations

from django.urls import path

from canbo.rotation import views

app_name = "rotation"
urlpatterns = [
    path("", views.home, name="home"),
    path("due/", views.due, name="due"),
    path("due/<int:assignment_pk>/add/", views.change_add, name="change_add"),
    path("positions/", views.positions, name="positions"),
    path("positions/<int:pk>/", views.position_edit, name="position_edit"),
    path("plans/", views.plans, name="plans"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.plan, name="plan"),
    path("plans/<int:pk>/publish/", views.plan_publish, name="plan_publish"),
    path("changes/<int:pk>/execute/", views.change_execute, name="change_execute"),
    path("changes/<int:pk>/cancel/", views.change_cancel, name="change_cancel"),
    path(
        "people/<int:person_pk>/circumstances/",
        views.circumstances,
        name="circumstances",
    ),
    path(
        "circumstances/<int:pk>/end/", views.circumstance_end, name="circumstance_end"
    ),
    path("rotations/", views.rotations, name="rotations"),
    path(
        "people/<int:person_pk>/rotations/new/",
        views.rotation_create,
        name="rotation_create",
    ),
    path("rotations/<int:pk>/", views.rotation, name="rotation"),
    path(
        "rotations/<int:pk>/evaluate/",
        views.rotation_evaluate,
        name="rotation_evaluate",
    ),
    path("rotations/<int:pk>/close/", views.rotation_close, name="rotation_close"),
]
