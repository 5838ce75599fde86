from __future__ import annotations

from django.http import HttpResponse
from django.urls import path

# Placeholder until the task pages land.
app_name = "work"
urlpatterns = [path("", lambda request: HttpResponse(""), name="my_tasks")]
