"""Pages where a user manages their own API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from canbo.accounts.services import create_api_token, revoke_api_token
from canbo.api.forms import TokenForm
from canbo.api.selectors import access_token, tokens_of
from canbo.core.http import AuthedRequest


def _list_page(
    request: AuthedRequest, form: TokenForm, *, status: int = 200
) -> HttpResponse:
    context = {"tokens": tokens_of(request.user), "form": form}
    return render(request, "api/token_list.html", context, status=status)


@require_GET
def token_list(request: AuthedRequest) -> HttpResponse:
    return _list_page(request, TokenForm())


@never_cache
@require_POST
def token_create(request: AuthedRequest) -> HttpResponse:
    """Create a token and show its secret once; only its hash is kept."""
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _list_page(request, form, status=422)
    token, raw = create_api_token(
        actor=request.actor,
        user=request.user,
        name=form.cleaned_data["name"].strip(),
        read_only=form.cleaned_data["read_only"],
    )
    return render(request, "api/token_created.html", {"token": token, "raw": raw})


@require_POST
def token_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    token = access_token(request.user, pk)
    if token.revoked_at is None:
        revoke_api_token(actor=request.actor, token=token)
        messages.success(
            request,
            _("Token “%(name)s” revoked; it no longer works.") % {"name": token.name},
        )
    return redirect("tokens:list")
