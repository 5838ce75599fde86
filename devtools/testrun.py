"""canbo's whole test suite, in stages; bin/test runs it inside the project's venv.

    bin/test                          every stage: checks, sqlite, postgres, browser
    bin/test sqlite postgres          only these stages
    bin/test sqlite -- -k unit -x     arguments after -- go to pytest

Stages:
  checks    ruff, ruff format, import contracts, missing migrations, message
            catalogues (needs msgfmt) and mypy
  sqlite    pytest on SQLite, every test not marked `browser`
  postgres  the same tests on a throwaway PostgreSQL server (devtools.pgtmp)
  browser   the tests marked `browser`, in Debian's chromium through Playwright

A stage whose tools the machine lacks (PostgreSQL binaries, chromium, msgfmt) is
skipped with the reason printed. With CI set nothing may be skipped: a missing
part fails its stage, and pytest reports any skipped test as a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from devtools import pgtmp
from devtools.pytest_plugin import under_ci

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("checks", "sqlite", "postgres", "browser")
CHROMIUM = "/usr/bin/chromium"
NO_TESTS_COLLECTED = 5


class MissingPartError(Exception):
    """The machine lacks something a stage needs; the message says what to install."""


@dataclass
class Outcome:
    stage: str
    status: str  # "passed", "failed" or "skipped"
    seconds: float = 0.0
    note: str = ""
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class Run:
    ci: bool
    pytest_args: list[str]
    workdir: Path

    def env(self, stage: str, **extra: str) -> dict[str, str]:
        """The environment for a stage's commands: test settings, a private data dir."""
        data_dir = self.workdir / f"{stage}-data"
        data_dir.mkdir(exist_ok=True)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_test"}
        env["DATA_DIR"] = str(data_dir)
        for name in ("DATABASE_URL", "DATABASE_URL_FILE", "DATA_DIR_FILE"):
            env.pop(name, None)
        return env | extra


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def call(command: Sequence[str | Path], env: dict[str, str]) -> int:
    argv = [str(part) for part in command]
    return subprocess.run(argv, cwd=ROOT, env=env, check=False).returncode  # noqa: S603


def tool(name: str) -> Path:
    return Path(sys.executable).parent / name


# (name, command, what to do when it fails)
CHECKS: list[tuple[str, list[str | Path], str]] = [
    ("ruff check", [tool("ruff"), "check", "."], "`ruff check --fix .` mends some"),
    (
        "ruff format",
        [tool("ruff"), "format", "--check", "--output-format", "concise", "."],
        "run `ruff format .`",
    ),
    (
        "import contracts",
        [tool("lint-imports"), "--no-cache"],
        "see [tool.importlinter]",
    ),
    (
        "migrations",
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        "run `python manage.py makemigrations` and commit the new migration",
    ),
    (
        "message catalogues",
        [sys.executable, "-m", "devtools.catalogs"],
        "translate every string and commit the .mo",
    ),
    ("mypy", [tool("mypy"), "."], "mypy runs strict; see [tool.mypy]"),
]


def static_checks(run: Run) -> Outcome:
    env = run.env("checks")
    failed: list[str] = []
    skipped: list[str] = []
    for name, command, hint in CHECKS:
        say(f"--- {name}")
        if name == "message catalogues" and shutil.which("msgfmt") is None:
            reason = "msgfmt not found: apt-get install gettext"
            say(f"{'FAILED' if run.ci else 'skipped'}: {reason}")
            (failed if run.ci else skipped).append(f"{name} ({reason})")
        elif call(command, env) != 0:
            say(f"FAILED: {name} ({hint})")
            failed.append(name)
    if failed:
        return Outcome("checks", "failed", note="failed: " + ", ".join(failed))
    if skipped:
        return Outcome("checks", "passed", note="skipped: " + ", ".join(skipped))
    return Outcome("checks", "passed", note=f"{len(CHECKS)} checks clean")


def pytest_run(run: Run, stage: str, marker: str, **extra_env: str) -> Outcome:
    """Run pytest once and read back its counts (written by devtools.pytest_plugin)."""
    counts_file = run.workdir / f"{stage}-counts.json"
    env = run.env(stage, CANBO_TEST_COUNTS=str(counts_file), **extra_env)
    code = call([sys.executable, "-m", "pytest", "-m", marker, *run.pytest_args], env)
    counts: dict[str, int] = (
        json.loads(counts_file.read_text(encoding="utf-8"))
        if counts_file.exists()
        else {}
    )
    note = ", ".join(f"{n} {key}" for key, n in counts.items() if n)
    if code == NO_TESTS_COLLECTED:
        status = "failed" if run.ci else "passed"
        return Outcome(stage, status, note="no tests ran", counts=counts)
    return Outcome(stage, "passed" if code == 0 else "failed", note=note, counts=counts)


def sqlite_stage(run: Run) -> Outcome:
    return pytest_run(run, "sqlite", "not browser")


def postgres_stage(run: Run) -> Outcome:
    try:
        bindir = pgtmp.find_bindir()
        pgtmp.check_trigram(bindir)
    except pgtmp.PostgresUnavailableError as error:
        raise MissingPartError(str(error)) from None
    try:
        with pgtmp.throwaway_postgres() as url:
            say(f"throwaway server: {pgtmp.server_version(bindir)} at {url}")
            return pytest_run(run, "postgres", "not browser", DATABASE_URL=url)
    except pgtmp.PostgresUnavailableError as error:
        say(str(error))
        return Outcome(
            "postgres", "failed", note="the throwaway server failed (see above)"
        )


def browser_stage(run: Run) -> Outcome:
    chromium = os.environ.get("CANBO_CHROMIUM", CHROMIUM)
    if not (Path(chromium).is_file() and os.access(chromium, os.X_OK)):
        msg = f"{chromium} not found: apt-get install chromium"
        raise MissingPartError(msg)
    return pytest_run(run, "browser", "browser", CANBO_CHROMIUM=chromium)


RUNNERS: dict[str, Callable[[Run], Outcome]] = {
    "checks": static_checks,
    "sqlite": sqlite_stage,
    "postgres": postgres_stage,
    "browser": browser_stage,
}


def run_stage(run: Run, stage: str) -> Outcome:
    say(f"\n=== bin/test {stage} ===")
    started = time.monotonic()
    try:
        outcome = RUNNERS[stage](run)
    except MissingPartError as error:
        if run.ci:
            outcome = Outcome(
                stage, "failed", note=f"{error} (CI: nothing may be skipped)"
            )
        else:
            outcome = Outcome(stage, "skipped", note=str(error))
        say(f"{outcome.status.upper()}: {outcome.note}")
    outcome.seconds = time.monotonic() - started
    return outcome


def summary(outcomes: list[Outcome]) -> bool:
    """Print one line per stage and the totals; return whether the run passed."""
    say("\n=== bin/test summary ===")
    for outcome in outcomes:
        say(
            f"{outcome.stage:<9} {outcome.status:<8} {outcome.seconds:7.1f}s  {outcome.note}"
        )
    failed_stages = [
        outcome.stage for outcome in outcomes if outcome.status == "failed"
    ]
    say(
        f"result: {'FAILED (' + ', '.join(failed_stages) + ')' if failed_stages else 'passed'}"
    )
    ran = [outcome.counts for outcome in outcomes if outcome.counts]
    if ran:
        passed = sum(counts.get("passed", 0) for counts in ran)
        failed = sum(counts.get("failed", 0) + counts.get("error", 0) for counts in ran)
        skipped = sum(counts.get("skipped", 0) for counts in ran)
        say(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
    return not failed_stages


def parse(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    args = list(argv)
    pytest_args: list[str] = []
    if "--" in args:
        split = args.index("--")
        args, pytest_args = args[:split], args[split + 1 :]
    if any(arg in ("-h", "--help") for arg in args):
        say(__doc__ or "")
        raise SystemExit(0)
    unknown = [arg for arg in args if arg not in STAGES]
    if unknown:
        sys.stderr.write(
            f"bin/test: unknown stage {', '.join(unknown)}; stages: {', '.join(STAGES)}\n"
        )
        raise SystemExit(2)
    stages = [stage for stage in STAGES if stage in args] or list(STAGES)
    return stages, pytest_args


def _terminate(signum: int, frame: object) -> None:
    # Turn SIGTERM into an exception so a running PostgreSQL server is stopped.
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    stages, pytest_args = parse(sys.argv[1:] if argv is None else argv)
    signal.signal(signal.SIGTERM, _terminate)
    ci = under_ci()
    if ci:
        say("CI is set: a missing tool or a skipped test fails the run.")
    with tempfile.TemporaryDirectory(prefix="canbo-test-run-") as workdir:
        run = Run(ci=ci, pytest_args=pytest_args, workdir=Path(workdir))
        outcomes = [run_stage(run, stage) for stage in stages]
    return 0 if summary(outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
