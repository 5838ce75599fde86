"""Writes made by the API layer itself: only token bookkeeping."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from canbo.accounts.models import ApiToken

USE_STAMP_INTERVAL = timedelta(minutes=1)


@transaction.atomic
def record_token_use(token: ApiToken, *, now: datetime | None = None) -> None:
    """Stamp the token's last use, at most once a minute to spare the database.

    Not audited: a use is not a change anyone decided, and the request itself
    is what the audit log records when it changes data.
    """
    now = now or timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < USE_STAMP_INTERVAL:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
