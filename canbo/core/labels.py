"""Readable, translated names for audit action codes."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ACTION_LABELS: dict[str, Promise] = {
    "accounts.login": _("Logged in"),
    "accounts.login_failed": _("Failed login"),
    "accounts.logout": _("Logged out"),
    "accounts.user.created": _("Login created"),
    "accounts.user.updated": _("Login changed"),
    "accounts.grant.created": _("Role granted"),
    "accounts.grant.revoked": _("Role taken back"),
    "accounts.token.created": _("API token created"),
    "accounts.token.revoked": _("API token revoked"),
    "org.unit.created": _("Unit created"),
    "org.unit.updated": _("Unit updated"),
    "org.post.created": _("Post created"),
    "org.post.updated": _("Post updated"),
    "org.jobposition.created": _("Job position created"),
    "org.jobposition.updated": _("Job position updated"),
    "people.person.created": _("Staff record created"),
    "people.person.updated": _("Staff record updated"),
    "people.assignment.created": _("Assignment added"),
    "people.assignment.updated": _("Assignment changed"),
    "people.assignment.deleted": _("Assignment removed"),
    "people.relative.created": _("Relative declared"),
    "people.relative.updated": _("Relative changed"),
    "people.relative.deleted": _("Relative removed"),
    "imports.job.created": _("Import started"),
    "imports.job.applied": _("Import applied"),
    "imports.job.rejected": _("Import rejected"),
    "demo.province.generated": _("Demo province generated"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
