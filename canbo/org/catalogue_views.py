"""Editing the catalogues of posts and job positions (administrators)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from canbo.core.errors import InvalidInput
from canbo.core.forms_util import add_service_errors
from canbo.core.http import AuthedRequest
from canbo.org import selectors, services
from canbo.org.forms import JobPositionForm, PostForm
from canbo.policy.access import Capability


def _require_catalogue_editor(request: AuthedRequest) -> None:
    if request.actor.read_only or not request.actor.can_anywhere(
        Capability.MANAGE_CATALOGUES
    ):
        raise Http404


@require_http_methods(["GET", "POST"])
def post_form(request: AuthedRequest, pk: int | None = None) -> HttpResponse:
    _require_catalogue_editor(request)
    post = get_object_or_404(selectors.posts(), pk=pk) if pk else None
    initial = (
        {
            "code": post.code,
            "name": post.name,
            "rank": post.rank,
            "is_leadership": post.is_leadership,
        }
        if post
        else {}
    )
    form = PostForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_post(actor=request.actor, post=post, **form.cleaned_data)
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("org:catalogues")
    context = {"form": form, "title": _("Edit post") if post else _("New post")}
    return render(
        request, "org/catalogue_form.html", context, status=422 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def job_position_form(request: AuthedRequest, pk: int | None = None) -> HttpResponse:
    _require_catalogue_editor(request)
    job_position = get_object_or_404(selectors.job_positions(), pk=pk) if pk else None
    initial = {}
    if job_position:
        initial = {
            name: getattr(job_position, name)
            for name in ("code", "name", "group", "competencies")
        }
    form = JobPositionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_job_position(
                actor=request.actor, job_position=job_position, **form.cleaned_data
            )
        except InvalidInput as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("org:job_position", saved.pk)
    title = _("Edit job position") if job_position else _("New job position")
    return render(
        request,
        "org/catalogue_form.html",
        {"form": form, "title": title},
        status=422 if form.errors else 200,
    )
