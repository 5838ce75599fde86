from __future__ import annotations

from ninja import NinjaAPI

api = NinjaAPI(urls_namespace="api")
