"""pytest plugin for every canbo test run (loaded by the root conftest.py).

- With CI set, nothing may be skipped: a skipped test or module is reported as a
  failure that names the skip reason. Expected failures (xfail) are left alone.
- With CANBO_TEST_COUNTS set to a file name, the run's outcome counts are written
  there as JSON, so bin/test can add up several runs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Generator
from pathlib import Path

import pytest
from _pytest.reports import CollectReport, TestReport
from _pytest.terminal import TerminalReporter

COUNTED = ("passed", "failed", "error", "skipped", "xfailed", "xpassed")


def under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes", "on")


def _skip_reason(report: TestReport | CollectReport) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


def _fail_skip(report: TestReport | CollectReport) -> None:
    if under_ci() and report.skipped and not hasattr(report, "wasxfail"):
        reason = _skip_reason(report)
        report.outcome = "failed"
        report.longrepr = f"Skipped under CI, where nothing may be skipped: {reason}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, TestReport, TestReport]:
    report = yield
    _fail_skip(report)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(
    collector: pytest.Collector,
) -> Generator[None, CollectReport, CollectReport]:
    report = yield
    _fail_skip(report)
    return report


def pytest_terminal_summary(terminalreporter: TerminalReporter) -> None:
    target = os.environ.get("CANBO_TEST_COUNTS")
    if not target:
        return
    counts = {key: len(terminalreporter.stats.get(key, [])) for key in COUNTED}
    Path(target).write_text(json.dumps(counts), encoding="utf-8")
