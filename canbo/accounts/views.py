from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.shortcuts import render

from canbo.accounts.selectors import grants_of
from canbo.core.http import AuthedRequest


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


def profile(request: AuthedRequest) -> HttpResponse:
    return render(request, "accounts/profile.html", {"grants": grants_of(request.user)})
