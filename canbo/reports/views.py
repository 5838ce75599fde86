from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from canbo.core.http import AuthedRequest, require_anywhere
from canbo.policy.access import Capability


def home(request: AuthedRequest) -> HttpResponse:
    require_anywhere(request.actor, Capability.VIEW_DASHBOARDS)
    return render(request, "reports/home.html", {})
