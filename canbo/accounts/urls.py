from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from canbo.accounts import user_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("me/", views.profile, name="profile"),
    path("users/", user_views.user_list, name="users"),
    path("users/new/", user_views.user_create, name="user_create"),
    path("users/<int:pk>/", user_views.user_detail, name="user_detail"),
    path(
        "users/<int:pk>/toggle-active/",
        user_views.user_toggle_active,
        name="user_toggle_active",
    ),
    path("grants/<int:pk>/revoke/", user_views.grant_revoke, name="grant_revoke"),
]
