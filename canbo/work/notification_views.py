"""The notification list, and marking notifications read."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from canbo.core.http import AuthedRequest
from canbo.work import notifications

PAGE_SIZE = 25


@require_GET
def notification_list(request: AuthedRequest) -> HttpResponse:
    paginator = Paginator(notifications.notifications_for(request.user), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "page": page,
        "unread": notifications.unread_count(request.user),
    }
    return render(request, "work/notification_list.html", context)


@require_POST
def open_notification(request: AuthedRequest, pk: int) -> HttpResponse:
    notification = notifications.open_notification(request.user, pk, timezone.now())
    if notification.link:
        return redirect(notification.link)
    if notification.task_id is None:
        return redirect("notifications:list")
    return redirect(notifications.task_url(notification.task_id))


@require_POST
def mark_all_read(request: AuthedRequest) -> HttpResponse:
    notifications.mark_all_read(request.user, timezone.now())
    return redirect("notifications:list")
