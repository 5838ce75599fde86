from __future__ import annotations

from django.urls import path

from canbo.work import catalogue_views as views

app_name = "catalogues"
urlpatterns = [
    path("", views.catalogue_list, name="list"),
    path("new/", views.catalogue_create, name="create"),
    path("<int:pk>/", views.catalogue_detail, name="detail"),
    path("<int:pk>/versions/", views.new_version, name="new_version"),
    path("<int:pk>/export.xlsx", views.catalogue_export, name="export"),
    path("<int:pk>/import/", views.catalogue_import, name="import"),
    path("<int:catalogue_pk>/products/new/", views.product_form, name="product_create"),
    path("products/<int:pk>/edit/", views.product_form, name="product_edit"),
    path("products/<int:pk>/delete/", views.product_delete, name="product_delete"),
]
