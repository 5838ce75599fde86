"""Reads the API needs beyond the org and people selectors: assignments, unit search, tokens."""

from __future__ import annotations

import re

from django.db.models import Q, QuerySet
from django.http import Http404

from canbo.accounts.models import ApiToken, User, hash_token
from canbo.core.actor import Actor
from canbo.people.models import Assignment
from canbo.people.selectors import people_visible_to
from canbo.policy.text import fold

# Each base letter of folded text and the Vietnamese letters that fold to it.
_VARIANTS = {
    "a": "aàáảãạăằắẳẵặâầấẩẫậ",
    "d": "dđ",
    "e": "eèéẻẽẹêềếểễệ",
    "i": "iìíỉĩị",
    "o": "oòóỏõọôồốổỗộơờớởỡợ",
    "u": "uùúủũụưừứửữự",
    "y": "yỳýỷỹỵ",
}
RAW_TOKEN_MAX = 200


def assignments_visible_to(actor: Actor) -> QuerySet[Assignment]:
    """Return the assignments of the staff records in the actor's scope.

    The scope is the person's, as for `access_assignment`: whoever may see the
    record sees its whole work history.
    """
    people = people_visible_to(actor).values("pk")
    return (
        Assignment.objects.filter(person__in=people)
        .select_related("person", "unit", "post", "job_position")
        .order_by("-start_date", "-id")
    )


def _folded_regex(text: str) -> str:
    """Return a case-insensitive regex matching `text` typed with or without diacritics."""
    parts = []
    for char in fold(text):
        variants = _VARIANTS.get(char)
        parts.append(f"[{variants}]" if variants else re.escape(char))
    return "".join(parts)


def unit_search_q(text: str) -> Q:
    """Match units whose code contains `text` or whose name contains it, diacritics ignored."""
    text = text.strip()
    return Q(code__icontains=text) | Q(name__iregex=_folded_regex(text))


def tokens_of(user: User) -> QuerySet[ApiToken]:
    """Return the user's own API tokens, newest first."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")


def access_token(user: User, pk: int) -> ApiToken:
    """Return one of the user's own tokens; anyone else's answers 404."""
    token = tokens_of(user).filter(pk=pk).first()
    if token is None:
        raise Http404
    return token


def active_token(raw: str) -> ApiToken | None:
    """Return the unrevoked token of an active user whose secret is `raw`, if any."""
    if not raw or len(raw) > RAW_TOKEN_MAX:
        return None
    return (
        ApiToken.objects.select_related("user")
        .filter(
            token_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True
        )
        .first()
    )
