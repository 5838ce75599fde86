from __future__ import annotations

from django.http import HttpResponse
from django.urls import path

# Placeholder until the real pages land.
app_name = "tokens"
urlpatterns = [path("", lambda request: HttpResponse(""), name="list")]
