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
    "work.task.assigned": _("Task assigned"),
    "work.task.proposed": _("Task proposed"),
    "work.task.approved": _("Proposed task approved"),
    "work.task.cancelled": _("Task cancelled"),
    "work.task.progressed": _("Progress updated"),
    "work.task.submitted": _("Product submitted"),
    "work.task.accepted": _("Product accepted"),
    "work.task.returned": _("Product returned"),
    "work.task.delay_excused": _("Delay excused"),
    "work.extension.requested": _("Extension requested"),
    "work.extension.approved": _("Extension approved"),
    "work.extension.refused": _("Extension refused"),
    "work.catalogue.created": _("Catalogue created"),
    "work.catalogue.versioned": _("Catalogue version created"),
    "work.catalogue.imported": _("Catalogue imported"),
    "work.product.created": _("Product type added"),
    "work.product.updated": _("Product type changed"),
    "work.product.deleted": _("Product type removed"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
