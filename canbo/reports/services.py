"""Writes of exports: asking for one (audited), writing its file (directly for
small ones, by the task worker for large ones), and removing expired files.

The file is written through the requester's scope at the time of writing (the
actor is rebuilt from the user), in the language they used when asking.
"""

from __future__ import annotations

import logging
import tempfile
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from canbo.core.actor import Actor, actor_for
from canbo.core.audit import log_action
from canbo.core.errors import InvalidInput
from canbo.policy import reports as rules
from canbo.reports.exporters.base import Exporter, Params, Table, require_exporter
from canbo.reports.exporters.registry import exporter_for
from canbo.reports.models import Export
from canbo.reports.writers import render_table_pdf, write_xlsx

logger = logging.getLogger(__name__)
SALT = "canbo.reports.export"


def export_policy() -> rules.ExportPolicy:
    """The export settings: EXPORT_DIRECT_ROWS, EXPORT_DIRECT_PDF_ROWS and
    EXPORT_KEEP_HOURS (defaults in canbo.policy.reports.ExportPolicy)."""
    default = rules.DEFAULT_EXPORT_POLICY
    return rules.ExportPolicy(
        direct_rows=getattr(settings, "EXPORT_DIRECT_ROWS", default.direct_rows),
        keep_hours=getattr(settings, "EXPORT_KEEP_HOURS", default.keep_hours),
        direct_pdf_rows=getattr(
            settings, "EXPORT_DIRECT_PDF_ROWS", default.direct_pdf_rows
        ),
    )


def _exporter(actor: Actor, kind: str, fmt: str) -> Exporter:
    exporter = exporter_for(kind)
    if exporter is None:
        raise InvalidInput.single("kind", _("There is no such list or report."))
    require_exporter(actor, exporter)
    if fmt not in exporter.formats:
        raise InvalidInput.single(
            "format", _("This export is not offered in that format.")
        )
    return exporter


def _cleaned(exporter: Exporter, params: Params) -> dict[str, Any]:
    cleaned = {
        name: str(params[name])[:100]
        for name in exporter.params
        if params.get(name) not in (None, "")
    }
    missing = [name for name in exporter.needs if name not in cleaned]
    if missing:
        raise InvalidInput({name: [_("This field is required.")] for name in missing})
    return cleaned


def request_export(
    *, actor: Actor, kind: str, params: Params, fmt: str = Export.Format.XLSX
) -> Export:
    """Ask for the export of a list or report of `kind` with `params`.

    The parameters are checked by building the table once (an out-of-scope unit
    or period answers 404) and its rows are counted: up to EXPORT_DIRECT_ROWS
    rows the file is written at once, larger exports are queued for the task
    worker (`tasks.render_export`). Audit: "reports.export.requested".
    """
    exporter = _exporter(actor, kind, fmt)
    cleaned = _cleaned(exporter, params)
    table = exporter.build(actor, cleaned, timezone.localdate())
    background = rules.runs_in_background(
        table.total, export_policy(), pdf=fmt == Export.Format.PDF
    )
    unit_id = cleaned.get("unit")
    with transaction.atomic():
        export = Export.objects.create(
            requested_by=actor.user,
            kind=kind,
            format=fmt,
            params={
                **cleaned,
                "lang": translation.get_language() or settings.LANGUAGE_CODE,
            },
            title=table.title[:255],
            unit_id=int(unit_id) if unit_id else None,
            unit_path=_unit_path(int(unit_id)) if unit_id else "",
            rows_total=table.total,
        )
        log_action(
            "reports.export.requested",
            actor=actor,
            obj=export,
            unit_path=export.unit_path,
            data={"kind": kind, "format": fmt, "params": cleaned, "rows": table.total},
        )
        if background:
            transaction.on_commit(lambda: _enqueue(export.pk))
    if not background:
        write_export(export.pk, table=table)  # the rows read through this request
        export.refresh_from_db()
    return export


def _unit_path(unit_id: int) -> str:
    from canbo.org.models import Unit

    return Unit.objects.filter(pk=unit_id).values_list("path", flat=True).first() or ""


def _enqueue(export_id: int) -> None:
    from canbo.reports.tasks import render_export

    render_export.enqueue(export_id)


def write_export(export_id: int, *, table: Table | None = None) -> str:
    """Write the file of a queued export and return its final status.

    Claims the row (queued → running) so that two workers never write the same
    export; reports progress every few thousand rows; on success the file is
    kept until `expires_at` (EXPORT_KEEP_HOURS after it is finished). `table` is
    the one a direct export already built in the request; the worker builds it
    again through the requester's scope.
    """
    claimed = Export.objects.filter(pk=export_id, status=Export.Status.QUEUED).update(
        status=Export.Status.RUNNING, started_at=timezone.now()
    )
    export = Export.objects.select_related("requested_by").get(pk=export_id)
    if not claimed:
        return str(export.status)
    exporter = exporter_for(export.kind)
    language = str(export.params.get("lang") or settings.LANGUAGE_CODE)
    try:
        if exporter is None:
            raise LookupError(export.kind)
        with translation.override(language):
            if table is None:
                actor = actor_for(export.requested_by)
                table = exporter.build(actor, export.params, timezone.localdate())
            written = _write_file(export, table)
    except Exception as error:
        logger.exception("export %s failed", export_id)
        export.status = Export.Status.FAILED
        export.error = str(error)[:255] or error.__class__.__name__
        export.finished_at = timezone.now()
        export.save(update_fields=["status", "error", "finished_at"])
        return str(export.status)
    export.status = Export.Status.DONE
    export.rows_done = written
    export.rows_total = max(written, export.rows_total)
    export.finished_at = timezone.now()
    export.expires_at = rules.expires_at(export.finished_at, export_policy())
    export.save(
        update_fields=["status", "rows_done", "rows_total", "file", "filename",
                       "finished_at", "expires_at"]
    )  # fmt: skip
    return str(export.status)


def _write_file(export: Export, table: Table) -> int:
    def progress(done: int) -> None:
        Export.objects.filter(pk=export.pk).update(rows_done=done)

    stamp = timezone.localdate().strftime("%Y%m%d")
    name = f"{table.filename}-{stamp}.{export.format}"
    if export.format == Export.Format.PDF:
        content, written = render_table_pdf(table, progress)
        with tempfile.TemporaryFile() as out:
            out.write(content)
            out.seek(0)
            export.file.save(name, File(out), save=False)
    else:
        with tempfile.TemporaryFile() as out:
            written = write_xlsx(table, out, progress)
            out.seek(0)
            export.file.save(name, File(out), save=False)
    export.filename = name
    return written


def expire(export: Export) -> None:
    """Remove the file of an export whose time is up (or that failed)."""
    if export.file:
        export.file.delete(save=False)
    export.status = Export.Status.EXPIRED
    export.save(update_fields=["status", "file"])


def expire_if_due(export: Export, now: datetime | None = None) -> bool:
    """Expire `export` if its expiry has passed; return whether it is expired."""
    if export.status == Export.Status.EXPIRED:
        return True
    if rules.is_expired(export.expires_at, now or timezone.now()):
        expire(export)
        return True
    return False


def purge_expired(now: datetime | None = None) -> int:
    """Remove the files of every export past its expiry; return how many.

    Run by the `purge_exports` command (cron) or the `purge_expired_exports` task.
    """
    due = Export.objects.filter(
        status=Export.Status.DONE, expires_at__lte=now or timezone.now()
    )
    count = 0
    for export in due.iterator(chunk_size=500):
        expire(export)
        count += 1
    return count


# --- signed download links --------------------------------------------------------


def download_token(export: Export) -> str:
    """A signed token naming the export and its requester, valid as long as the file."""
    return signing.TimestampSigner(salt=SALT).sign(
        f"{export.pk}.{export.requested_by_id}"
    )


class LinkExpiredError(Exception):
    """The signed link is older than the files are kept."""


def export_for_token(token: str, user_id: int) -> int:
    """Return the export id of a download token the user `user_id` may use.

    A link signed for someone else, or tampered with, raises BadSignature; a link
    older than EXPORT_KEEP_HOURS raises LinkExpiredError.
    """
    signer = signing.TimestampSigner(salt=SALT)
    try:
        value = signer.unsign(token, max_age=export_policy().keep_hours * 3600)
    except signing.SignatureExpired:
        raise LinkExpiredError from None
    export_id, owner = value.split(".")
    if int(owner) != user_id:
        raise signing.BadSignature("not the requester")
    return int(export_id)
