"""The integrity detectors, one module per `canbo.integrity.models.Detector` value.

Each module has `detect(run: Run, progress: Callable[[int], None]) -> list[Finding]`:
it reads the run's scope (`run.unit_path`) and year (`run.year`) in a few
set-based queries, calls `progress(percent)` now and then, and returns unsaved
findings (`run=run`, `detector`, `unit`, `unit_path`, `statistic`, `threshold`,
`comparison`, `summary`, `evidence`). The run task (canbo/integrity/tasks.py)
imports `canbo.integrity.detectors.<detector>`, skips a detector whose module
does not exist yet, and writes the findings in bulk.

A detector may list its settings as `THRESHOLDS` (see `Threshold`); it reads
them with `setting(run, key, default)`, and may put figures about its work in
`run.stats[<detector>]` (a dict), which the run keeps.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from canbo.integrity.models import Run

# The detectors a run can be asked for: "template" findings come from "copied".
RUNNABLE = ("copied", "lenient", "uniform", "self_gap", "inflation", "favouritism")


@dataclass(frozen=True)
class Threshold:
    """A setting of a detector, stored with the run under `key` (Run.thresholds).

    A detector module may list its own as `THRESHOLDS: tuple[Threshold, ...]`;
    the start form shows them and the run keeps the values used.
    """

    key: str
    label: StrOrPromise
    default: float
    minimum: float
    maximum: float
    integer: bool = False
    help_text: StrOrPromise = ""


def load(detector: str) -> ModuleType | None:
    """The module of a detector, or None when it is not written yet."""
    name = f"{__name__}.{detector}"
    try:
        return import_module(name)
    except ModuleNotFoundError as error:
        if error.name == name:
            return None
        raise


def thresholds_of(detector: str) -> tuple[Threshold, ...]:
    module = load(detector)
    found: tuple[Threshold, ...] = getattr(module, "THRESHOLDS", ())
    return found


def setting(run: Run, key: str, default: float) -> float:
    """The value of one threshold for this run: the one stored, else the default."""
    value = run.thresholds.get(key, default)
    return float(value) if isinstance(value, int | float | str) else default
