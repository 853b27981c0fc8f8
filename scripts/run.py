"""`make run`: migrate, seed the demo council, then the web server, a Celery worker and beat in
the foreground. Ctrl-C stops all three. Expects DATABASE_URL / REDIS_URL in the environment
(scripts/devservices.py provides them)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PORT = os.environ.get("PORT", "8000")


def main() -> int:
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input"], check=True, cwd=ROOT)
    subprocess.run([*manage, "seed_demo"], check=True, cwd=ROOT)
    processes = {
        "web": subprocess.Popen([*manage, "runserver", f"127.0.0.1:{PORT}"], cwd=ROOT),
        "worker": subprocess.Popen(
            [str(BIN / "celery"), "-A", "portal", "worker", "--loglevel", "info", "--concurrency", "2"], cwd=ROOT
        ),
        "beat": subprocess.Popen(
            [
                str(BIN / "celery"),
                "-A",
                "portal",
                "beat",
                "--loglevel",
                "info",
                "--schedule",
                str(ROOT / "var" / "celerybeat-schedule"),
            ],
            cwd=ROOT,
        ),
    }
    time.sleep(2)
    print(f"\n  The portal is at http://127.0.0.1:{PORT}/  (health: http://127.0.0.1:{PORT}/health/)")
    print("  Demo sign-ins are listed above. Press Ctrl-C to stop everything.\n", flush=True)
    interrupted = False

    def on_interrupt(signum, frame):
        # Ctrl-C reaches the children too; they may exit before this loop notices.
        nonlocal interrupted
        interrupted = True

    signal.signal(signal.SIGINT, on_interrupt)
    signal.signal(signal.SIGTERM, on_interrupt)
    while not interrupted and all(p.poll() is None for p in processes.values()):
        time.sleep(0.2)
    if not interrupted:
        stopped = [name for name, p in processes.items() if p.poll() is not None]
        print(f"run: {', '.join(stopped)} stopped; stopping the rest", file=sys.stderr)
    for process in processes.values():
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes.values():
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
    return 0 if interrupted else 1


if __name__ == "__main__":
    sys.exit(main())
