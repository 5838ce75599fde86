"""A throwaway PostgreSQL server for tests and benchmarks.

It runs the machine's own PostgreSQL binaries (Debian keeps them in
/usr/lib/postgresql/<version>/bin) on a free localhost port, with its data in a
temporary directory that is removed when the server stops. Durability is switched
off because nothing in it outlives the run.

    with throwaway_postgres() as database_url:
        ...  # postgresql://canbo@127.0.0.1:<port>/canbo

    python -m devtools.pgtmp run -- CMD ARGS...   # CMD runs with DATABASE_URL set
    python -m devtools.pgtmp find                 # where the binaries are, or why not

PostgreSQL refuses to run as root, so as root the server runs as the `postgres`
system user (created when missing). PG_BINDIR names the binaries' directory
explicitly.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

SUPERUSER = "canbo"
DATABASE = "canbo"
SERVER_USER = "postgres"
START_ATTEMPTS = 3

# Written into postgresql.conf: fast and quiet, reachable on loopback only.
SERVER_SETTINGS = """
listen_addresses = '127.0.0.1'
fsync = off
synchronous_commit = off
full_page_writes = off
jit = off
max_connections = 50
log_min_messages = warning
log_min_error_statement = panic
logging_collector = off
"""


class PostgresUnavailableError(RuntimeError):
    """The machine lacks what a throwaway server needs; the message says what."""


def find_bindir() -> Path:
    """Return the directory holding initdb and pg_ctl, newest version first."""
    if os.environ.get("PG_BINDIR"):
        candidates = [Path(os.environ["PG_BINDIR"])]  # named explicitly: that one only
    else:
        on_path = shutil.which("initdb")
        candidates = [Path(on_path).resolve().parent] if on_path else []
        debian = Path("/usr/lib/postgresql").glob("*/bin")
        candidates += sorted(debian, key=_version_key, reverse=True)
    for bindir in candidates:
        if (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file():
            return bindir
    where = ", ".join(map(str, candidates)) or "PATH, /usr/lib/postgresql/*/bin"
    msg = (
        f"no PostgreSQL server binaries (initdb, pg_ctl) in {where}: "
        "apt-get install postgresql postgresql-contrib"
    )
    raise PostgresUnavailableError(msg)


def _version_key(bindir: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", bindir.parent.name))


def check_trigram(bindir: Path) -> None:
    """Fail early when the pg_trgm extension (postgresql-contrib) is not installed."""
    pg_config = bindir / "pg_config"
    if not pg_config.is_file():
        return
    sharedir = _output([str(pg_config), "--sharedir"]).strip()
    if not (Path(sharedir) / "extension" / "pg_trgm.control").is_file():
        msg = "the pg_trgm extension is missing: apt-get install postgresql-contrib"
        raise PostgresUnavailableError(msg)


def server_version(bindir: Path) -> str:
    return _output([str(bindir / "pg_ctl"), "--version"]).strip()


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[str]:
    """Start a private PostgreSQL server and yield its DATABASE_URL; stop it on exit."""
    bindir = find_bindir()
    check_trigram(bindir)
    as_user = _server_user()
    with tempfile.TemporaryDirectory(
        prefix="canbo-pg-", dir=_temp_parent(as_user)
    ) as tmp:
        home = Path(tmp)
        if as_user:
            shutil.chown(home, user=as_user, group=pwd.getpwnam(as_user).pw_gid)
        _initdb(bindir, home, as_user)
        port = _start(bindir, home, as_user)
        try:
            url = f"postgresql://{SUPERUSER}@127.0.0.1:{port}"
            createdb = [
                str(bindir / "createdb"),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ]
            _run([*createdb, "--username", SUPERUSER, DATABASE], home)
            yield f"{url}/{DATABASE}"
        finally:
            _stop(bindir, home, as_user)


def _server_user() -> str | None:
    """None when we may run the server ourselves; otherwise the user to run it as."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError:
        _create_server_user()
    return SERVER_USER


def _create_server_user() -> None:
    import grp

    try:
        grp.getgrnam(SERVER_USER)
        group = ["--gid", SERVER_USER]
    except KeyError:
        group = ["--user-group"]
    shell = "/usr/sbin/nologin"
    _run(
        [
            "useradd",
            "--system",
            "--no-create-home",
            "--shell",
            shell,
            *group,
            SERVER_USER,
        ]
    )


def _temp_parent(as_user: str | None) -> str | None:
    # $TMPDIR may sit under root's home, where the postgres user cannot reach it.
    return "/tmp" if as_user else None  # noqa: S108


def _initdb(bindir: Path, home: Path, as_user: str | None) -> None:
    data = home / "data"
    command = [str(bindir / "initdb"), "--pgdata", str(data), "--username", SUPERUSER]
    command += [
        "--auth",
        "trust",
        "--encoding",
        "UTF8",
        "--locale",
        "C.UTF-8",
        "--no-sync",
    ]
    _run([*_as(as_user), *command], home)
    conf = data / "postgresql.conf"
    settings = SERVER_SETTINGS + f"unix_socket_directories = '{home}'\n"
    with conf.open("a", encoding="utf-8") as handle:
        handle.write(settings)


def _start(bindir: Path, home: Path, as_user: str | None) -> int:
    """Start the server on a free port; retry when another process took the port."""
    log = home / "server.log"
    for _attempt in range(START_ATTEMPTS):
        port = _free_port()
        command = [str(bindir / "pg_ctl"), "start", "--pgdata", str(home / "data")]
        command += ["--wait", "--timeout", "60", "--silent", "--log", str(log)]
        command += ["-o", f"-p {port}"]
        try:
            _run([*_as(as_user), *command], home)
        except PostgresUnavailableError:
            continue
        return port
    tail = (
        log.read_text(encoding="utf-8", errors="replace")[-2000:]
        if log.exists()
        else ""
    )
    msg = f"PostgreSQL did not start after {START_ATTEMPTS} attempts:\n{tail}"
    raise PostgresUnavailableError(msg)


def _stop(bindir: Path, home: Path, as_user: str | None) -> None:
    command = [str(bindir / "pg_ctl"), "stop", "--pgdata", str(home / "data")]
    command += ["--mode", "immediate", "--wait", "--silent"]
    with contextlib.suppress(PostgresUnavailableError):
        _run([*_as(as_user), *command], home)


def _as(user: str | None) -> list[str]:
    if user is None:
        return []
    if shutil.which("runuser"):
        return ["runuser", "-u", user, "--"]
    return ["setpriv", f"--reuid={user}", f"--regid={user}", "--init-groups", "--"]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _run(command: Sequence[str], cwd: Path | None = None) -> None:
    """Run quietly; on failure raise with what the command printed."""
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        msg = f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
        raise PostgresUnavailableError(msg)


def _output(command: Sequence[str]) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603


def _terminate(signum: int, frame: object) -> None:
    # Turn SIGTERM into an exception so the server is stopped on the way out.
    raise SystemExit(128 + signum)


def _cli_run(command: list[str]) -> int:
    if command[:1] == ["--"]:
        command = command[1:]
    if not command:
        sys.stderr.write("pgtmp run: give the command to run after --\n")
        return 2
    signal.signal(signal.SIGTERM, _terminate)
    with throwaway_postgres() as url:
        sys.stderr.write(f"pgtmp: {server_version(find_bindir())} at {url}\n")
        env = {**os.environ, "DATABASE_URL": url}
        env.pop("DATABASE_URL_FILE", None)
        return subprocess.run(command, env=env, check=False).returncode  # noqa: S603


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m devtools.pgtmp", description="A throwaway PostgreSQL server."
    )
    commands = parser.add_subparsers(dest="action", required=True)
    run = commands.add_parser(
        "run", help="run a command with DATABASE_URL set to a throwaway server"
    )
    run.add_argument("command", nargs=argparse.REMAINDER)
    commands.add_parser(
        "find", help="print where the server binaries are, or why there are none"
    )
    args = parser.parse_args(argv)
    try:
        if args.action == "find":
            bindir = find_bindir()
            check_trigram(bindir)
            sys.stdout.write(f"{bindir} ({server_version(bindir)})\n")
            return 0
        return _cli_run(list(args.command))
    except PostgresUnavailableError as error:
        sys.stderr.write(f"pgtmp: {error}\n")
        return 3


if __name__ == "__main__":
    sys.exit(main())
