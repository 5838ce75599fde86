"""Administrators manage logins and the roles they hold."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from canbo.accounts import selectors, services
from canbo.accounts.forms import GrantForm, UserCreateForm
from canbo.core.errors import InvalidInput, NotAllowed
from canbo.core.forms_util import add_service_errors
from canbo.core.http import AuthedRequest
from canbo.org.selectors import units_visible_to
from canbo.people.selectors import people_visible_to
from canbo.policy.access import Capability, Role


def _require_user_admin(request: AuthedRequest) -> None:
    if not request.actor.can_anywhere(Capability.MANAGE_USERS):
        raise Http404


def user_list(request: AuthedRequest) -> HttpResponse:
    _require_user_admin(request)
    users = selectors.users_visible_to(request.actor)
    query = request.GET.get("q", "").strip()
    if query:
        users = users.filter(username__icontains=query)
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"page": page, "q": query})


@require_http_methods(["GET", "POST"])
def user_create(request: AuthedRequest) -> HttpResponse:
    _require_user_admin(request)
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = None
        if data["citizen_id"]:
            person = (
                people_visible_to(request.actor, Capability.MANAGE_USERS)
                .filter(citizen_id=data["citizen_id"])
                .first()
            )
            if person is None:
                form.add_error(
                    "citizen_id",
                    _("No staff record with this citizen ID in your scope."),
                )
        if not form.errors:
            try:
                user = services.create_user(
                    actor=request.actor,
                    username=data["username"],
                    password=data["password"],
                    person=person,
                    full_name=data["full_name"],
                )
            except InvalidInput as error:
                add_service_errors(form, error, {"person": "citizen_id"})
            else:
                messages.success(request, _("Login created. Now give it a role."))
                return redirect("accounts:user_detail", user.pk)
    return render(
        request,
        "accounts/user_form.html",
        {"form": form},
        status=422 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def user_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    _require_user_admin(request)
    user = selectors.access_user(request.actor, pk)
    form = GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = (
            units_visible_to(request.actor, Capability.MANAGE_USERS)
            .filter(code=data["unit_code"].strip())
            .first()
        )
        if unit is None:
            form.add_error(
                "unit_code", _("Unknown unit code, or it is outside your scope.")
            )
        else:
            services.grant_role(
                actor=request.actor,
                user=user,
                role=Role(data["role"]),
                unit=unit,
                include_subtree=data["include_subtree"],
            )
            messages.success(request, _("Role granted."))
            return redirect("accounts:user_detail", user.pk)
    context = {"account": user, "grants": selectors.grants_of(user), "form": form}
    return render(
        request,
        "accounts/user_detail.html",
        context,
        status=422 if form.errors else 200,
    )


@require_POST
def grant_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    grant = selectors.access_grant(request.actor, pk)
    services.revoke_role(actor=request.actor, grant=grant)
    messages.success(request, _("Role taken back."))
    return redirect("accounts:user_detail", grant.user_id)


@require_POST
def user_toggle_active(request: AuthedRequest, pk: int) -> HttpResponse:
    _require_user_admin(request)
    user = selectors.access_user(request.actor, pk)
    try:
        services.set_user_active(
            actor=request.actor, user=user, active=not user.is_active
        )
    except NotAllowed:
        messages.error(request, _("You cannot block your own login."))
    return redirect("accounts:user_detail", user.pk)
