"""Starting imports. Checking and applying a file happens in the task (see runner.py)."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from canbo.core.actor import Actor
from canbo.core.audit import log_action
from canbo.core.errors import InvalidInput, NotAllowed
from canbo.imports.models import ImportJob
from canbo.imports.workbook import NotAWorkbook, check_file
from canbo.policy.access import Capability

# The capability an importer needs, besides IMPORT_DATA, for each kind of file.
EDIT_CAPABILITY = {
    ImportJob.Kind.UNITS: Capability.EDIT_UNITS,
    ImportJob.Kind.STAFF: Capability.EDIT_PEOPLE,
}


def can_import(actor: Actor, kind: str | None = None) -> bool:
    """Return whether the actor may import at all, or files of `kind`."""
    if actor.read_only or not actor.can_anywhere(Capability.IMPORT_DATA):
        return False
    return kind is None or actor.can_anywhere(EDIT_CAPABILITY[ImportJob.Kind(kind)])


def _require_import(actor: Actor, kind: str) -> None:
    if kind not in ImportJob.Kind.values:
        raise InvalidInput.single(
            "kind", _("Choose what the file holds: units or staff.")
        )
    if not can_import(actor, kind):
        raise NotAllowed


def _enqueue(job: ImportJob) -> None:
    from canbo.imports.tasks import run_import_job

    transaction.on_commit(lambda: run_import_job.enqueue(job.pk))


@transaction.atomic
def start_import(
    *, actor: Actor, kind: str, upload: UploadedFile[bytes], dry_run: bool
) -> ImportJob:
    """Store an uploaded .xlsx file as a waiting job and queue its processing.

    Needs IMPORT_DATA and, for units, EDIT_UNITS or, for staff, EDIT_PEOPLE; the
    rows are checked against the scope later, row by row. Refuses at once a file
    that is not .xlsx, is too large or is not really a workbook.
    Audit: imports.job.created.
    """
    _require_import(actor, kind)
    name = upload.name or ""
    try:
        check_file(name, upload.size or 0, upload)
    except NotAWorkbook as error:
        raise InvalidInput.single("file", str(error)) from None
    job = ImportJob(
        kind=kind, dry_run=dry_run, original_name=name[:255],
        requested_by=actor.user, language=translation.get_language() or "",
    )  # fmt: skip
    job.file.save(name, upload, save=False)
    job.save()
    log_action(
        "imports.job.created",
        actor=actor,
        obj=job,
        data={"kind": kind, "dry_run": dry_run, "file": name},
    )
    _enqueue(job)
    return job


@transaction.atomic
def apply_previewed(*, actor: Actor, job: ImportJob) -> ImportJob:
    """Queue a real import of the file of a finished dry run, as a new job.

    Only the user who ran the dry run, and only after it passed. The file is
    checked again from the start, as the data may have changed since.
    Audit: imports.job.created.
    """
    _require_import(actor, job.kind)
    if (
        job.requested_by_id != actor.user.pk
        or not job.dry_run
        or job.status != ImportJob.Status.PREVIEWED
    ):
        raise InvalidInput.single(
            "", _("Only a dry run that found no errors can be applied.")
        )
    new = ImportJob.objects.create(
        kind=job.kind, dry_run=False, file=job.file.name, original_name=job.original_name,
        requested_by=actor.user, language=translation.get_language() or "",
    )  # fmt: skip
    log_action(
        "imports.job.created", actor=actor, obj=new,
        data={"kind": job.kind, "dry_run": False, "file": job.original_name, "preview": job.pk},
    )  # fmt: skip
    _enqueue(new)
    return new
