from __future__ import annotations

from django.urls import path

from canbo.integrity import views

app_name = "integrity"
urlpatterns = [
    path("", views.home, name="home"),
    path("runs/new/", views.new_run, name="new_run"),
    path("runs/<int:pk>/", views.run, name="run"),
    path("findings/", views.findings, name="findings"),
    path("findings/<int:pk>/", views.finding, name="finding"),
    path("findings/<int:pk>/review/", views.review, name="review"),
    path("templates/", views.templates, name="templates"),
    path("templates/new/", views.new_template, name="new_template"),
    path("templates/<int:pk>/delete/", views.delete_template, name="delete_template"),
]
