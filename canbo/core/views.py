from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from canbo.accounts.selectors import grants_of
from canbo.core.forms import AuditFilterForm
from canbo.core.http import AuthedRequest
from canbo.core.selectors import AuditFilter, search_audit
from canbo.org.selectors import root_units_for
from canbo.people.selectors import people_visible_to
from canbo.policy.access import Capability

PAGE_SIZE = 50


def home(request: AuthedRequest) -> HttpResponse:
    actor = request.actor
    context = {
        "roots": root_units_for(actor),
        "can_view_people": actor.can_anywhere(Capability.VIEW_PEOPLE),
        "own_person_id": actor.person_id,
        "grants": grants_of(request.user),
        "today": timezone.localdate(),
    }
    if context["can_view_people"]:
        context["people_count"] = (
            people_visible_to(actor).filter(is_active=True).count()
        )
    return render(request, "core/home.html", context)


def audit_log(request: AuthedRequest) -> HttpResponse:
    actor = request.actor
    if not actor.can_anywhere(Capability.VIEW_AUDIT):
        raise Http404
    form = AuditFilterForm(request.GET or None)
    filters = AuditFilter(**form.cleaned_data) if form.is_valid() else AuditFilter()
    entries = search_audit(actor, filters)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/audit_log.html", {"form": form, "page": page})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Explain a refused form in the user's language (Django's page is English only)."""
    return render(request, "403_csrf.html", status=403)
