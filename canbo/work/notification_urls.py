from __future__ import annotations

from django.http import HttpResponse
from django.urls import path

# Placeholder until the notification pages land.
app_name = "notifications"
urlpatterns = [path("", lambda request: HttpResponse(""), name="list")]
