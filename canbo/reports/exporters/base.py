"""What an exporter is: a kind, a title, the capability it needs, and a
function returning the table of rows in the actor's scope.

Exporters register themselves in `REGISTRY` (a plain dict, no signals); the
modules that define them are imported by `canbo.reports.exporters.registry`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from django.http import Http404
from django.utils.functional import Promise

from canbo.core.actor import Actor
from canbo.core.errors import InvalidInput
from canbo.policy.access import Capability

Cell = str | int | float | Decimal | date | None
Params = Mapping[str, Any]
ColumnKind = Literal["text", "int", "number", "date", "percent"]


@dataclass(frozen=True)
class Column:
    header: str | Promise
    width: int = 16
    kind: ColumnKind = "text"


@dataclass(frozen=True)
class Table:
    """The rows of an export, lazily: `rows` is read once, while writing."""

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence[Cell]]
    total: int  # how many rows `rows` yields (for the progress)
    # Lines above the header of a report: unit, year, "as of" date.
    heading: Sequence[str] = ()
    # Rows after the body, e.g. the totals of a report (not counted in `total`).
    footer: Sequence[Sequence[Cell]] = ()
    filename: str = "export"


@dataclass(frozen=True)
class Exporter:
    kind: str
    title: str | Promise
    # The capability it needs somewhere; None for a list of the actor's own
    # records (their own tasks), which every signed-in person may export.
    capability: Capability | None
    build: Callable[[Actor, Params, date], Table]
    formats: tuple[str, ...] = ("xlsx",)
    # Names of the parameters the exporter reads (kept on the Export row).
    params: tuple[str, ...] = ()
    report: bool = False  # a standard report (offered on the reports page)
    needs: tuple[str, ...] = field(default=())  # required parameters


REGISTRY: dict[str, Exporter] = {}


def may_export(actor: Actor, exporter: Exporter) -> bool:
    """Whether the actor may ask for this kind of export at all (the rows are
    still read through their scope)."""
    return exporter.capability is None or actor.can_anywhere(exporter.capability)


def require_exporter(actor: Actor, exporter: Exporter) -> None:
    """Http404 unless the actor may ask for this kind of export."""
    if not may_export(actor, exporter):
        raise Http404


def register(exporter: Exporter) -> Exporter:
    if exporter.kind in REGISTRY:
        raise ValueError(f"export kind {exporter.kind!r} registered twice")
    REGISTRY[exporter.kind] = exporter
    return exporter


def int_param(params: Params, name: str) -> int | None:
    """Return the parameter as a positive int, None when absent or blank."""
    value = params.get(name)
    if value in (None, ""):
        return None
    try:
        number = int(str(value))
    except ValueError:
        raise InvalidInput.single(name, "not a number") from None
    if number < 1:
        raise InvalidInput.single(name, "not a number")
    return number


def flag_param(params: Params, name: str, *, default: bool) -> bool:
    value = params.get(name)
    if value in (None, ""):
        return default
    return str(value).lower() in ("1", "true", "on", "yes")
