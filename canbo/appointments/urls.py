from __future__ import annotations

from django.urls import path

from canbo.appointments import views

app_name = "appointments"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.propose, name="propose"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/approve/", views.approve, name="approve"),
    path("<int:pk>/override/", views.override, name="override"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/ballot/", views.ballot, name="ballot"),
    path("<int:pk>/ballot/decide/", views.decide_tie, name="decide_tie"),
    path("terms/<int:pk>/renew/", views.renew, name="renew"),
    path("selection/", views.rounds, name="rounds"),
    path("selection/<int:pk>/", views.round_detail, name="round"),
    path("selection/candidates/<int:pk>/win/", views.choose_winner, name="winner"),
    path("holidays/", views.holidays, name="holidays"),
    path("holidays/<int:pk>/delete/", views.remove_holiday, name="remove_holiday"),
]
