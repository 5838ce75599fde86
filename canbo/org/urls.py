from __future__ import annotations

app_name = "org"
urlpatterns: list = []
