"""Running one import job: read the file, check every row, then apply or roll back.

This is the body of the background task. Phase 1 parses and checks every row
against the rules in canbo.policy and against bulk-loaded units, posts and
records, updating the job's progress. Phase 2 always runs the valid rows through
the services, inside one transaction; it is committed only when the whole file
is valid and the job is not a dry run. So a dry run and an import take the same
path, and nothing is written unless every row is right.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from canbo.core.actor import Actor, actor_for
from canbo.core.audit import log_action
from canbo.imports.base import Importer, RowChange
from canbo.imports.columns import columns_for
from canbo.imports.models import ImportJob
from canbo.imports.problems import Problems
from canbo.imports.staff import StaffImporter
from canbo.imports.units import UnitImporter
from canbo.imports.workbook import NotAWorkbook, Row, read_rows

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 100  # rows between two progress updates

Status = ImportJob.Status


def run_import(job_id: int) -> str:
    """Process a waiting job and return its final status.

    Audit: imports.job.applied (with the summary) when the file is written,
    imports.job.rejected when it has errors. A dry run that passes writes no entry.
    """
    job = ImportJob.objects.select_related("requested_by").get(pk=job_id)
    if job.status != Status.PENDING:
        return str(job.status)
    with translation.override(job.language or settings.LANGUAGE_CODE):
        _save(job, status=Status.RUNNING)
        try:
            _process(job, actor_for(job.requested_by))
        except Exception:
            logger.exception("import job %s failed", job.pk)
            message = _(
                "The import stopped because of an internal error; nothing was changed. Try again later."
            )
            _finish(
                job,
                Status.FAILED,
                errors=[{"row": None, "column": "", "message": message}],
            )
    return str(job.status)


def _process(job: ImportJob, actor: Actor) -> None:
    problems = Problems()
    try:
        with job.file.open("rb") as stream:
            rows = read_rows(stream, columns_for(job.kind), problems)
    except NotAWorkbook as error:
        problems.add(None, "", str(error))
        rows = []
    if problems:
        _reject(job, actor, problems)
        return
    importer = _importer(job, actor, problems)
    _check_all(job, importer, rows)
    with transaction.atomic():
        changes = importer.apply()
        summary = _summary(rows, changes)
        if problems or job.dry_run:
            transaction.set_rollback(True)
        else:
            _finish(job, Status.APPLIED, changes=changes, summary=summary)
            log_action("imports.job.applied", actor=actor, obj=job, data=summary)
    if problems:
        _reject(job, actor, problems)
    elif job.dry_run:
        _finish(job, Status.PREVIEWED, changes=changes, summary=summary)


def _importer(job: ImportJob, actor: Actor, problems: Problems) -> Importer:
    kind = UnitImporter if job.kind == ImportJob.Kind.UNITS else StaffImporter
    return kind(actor, timezone.localdate(), problems)


def _check_all(job: ImportJob, importer: Importer, rows: list[Row]) -> None:
    """Phase 1: check every row, reporting progress as it goes."""
    _save(job, total_rows=len(rows), processed_rows=0)
    importer.prefetch(rows)
    for done, row in enumerate(rows, start=1):
        importer.check(row)
        if done % PROGRESS_EVERY == 0:
            _save(job, processed_rows=done)
    _save(job, processed_rows=len(rows))


def _summary(rows: list[Row], changes: list[RowChange]) -> dict[str, int]:
    counts = {"rows": len(rows), "created": 0, "updated": 0, "unchanged": 0}
    for change in changes:
        key = {"create": "created", "update": "updated", "unchanged": "unchanged"}[
            change["action"]
        ]
        counts[key] += 1
    return counts


def _reject(job: ImportJob, actor: Actor, problems: Problems) -> None:
    errors = problems.sorted(columns_for(job.kind))
    _finish(job, Status.INVALID, errors=errors, changes=[], summary={})
    log_action(
        "imports.job.rejected", actor=actor, obj=job, data={"errors": len(problems)}
    )


def _finish(job: ImportJob, status: str, **fields: Any) -> None:
    _save(job, status=status, finished_at=timezone.now(), **fields)


def _save(job: ImportJob, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    job.save(update_fields=list(fields))
