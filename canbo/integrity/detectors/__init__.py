"""The integrity detectors, one module per `canbo.integrity.models.Detector` value.

Each module has `detect(run: Run, progress: Callable[[int], None]) -> list[Finding]`:
it reads the run's scope (`run.unit_path`) and year (`run.year`) in a few
set-based queries, calls `progress(percent)` now and then, and returns unsaved
findings (`run=run`, `detector`, `unit`, `unit_path`, `statistic`, `threshold`,
`comparison`, `summary`, `evidence`). The run task (canbo/integrity/tasks.py)
imports `canbo.integrity.detectors.<detector>`, skips a detector whose module
does not exist yet, and writes the findings in bulk.
"""
