from __future__ import annotations

from django.http import HttpResponse
from django.urls import path

# Placeholder until the catalogue pages land.
app_name = "catalogues"
urlpatterns = [path("", lambda request: HttpResponse(""), name="list")]
