"""The load test's own PostgreSQL cluster and Redis server, on free ports of 127.0.0.1, so that
it can restart the one and stop the other mid-load (issue 17, point 5) without touching any
service someone else uses.

PostgreSQL: initdb + pg_ctl from /usr/lib/postgresql/<newest>/bin, in a scratch directory, trust
authentication on 127.0.0.1 only. initdb refuses to run as root: as root the cluster is made and
run as the `postgres` system user (runuser), as the Debian packages install it.
"""

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def postgres_bin() -> Path:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[4])
    )
    if not found:
        raise RuntimeError("The load test needs PostgreSQL's server (/usr/lib/postgresql/*/bin)")
    return Path(found[-1]).parent


class Postgres:
    """A throwaway cluster: start, restart (as an operator's `pg_ctl restart` does), stop."""

    def __init__(self) -> None:
        self.port = free_port()
        self.bin = postgres_bin()
        self.root = Path(tempfile.mkdtemp(prefix="climbie-load-pg-"))
        self.data = self.root / "data"
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.root} "
            "-c max_connections=200 -c shared_buffers=128MB"
        )
        self._options = options

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def _pg_ctl(self, action: str, *extra: str) -> None:
        self._run(
            "pg_ctl", action, "-D", str(self.data), "-w", "-t", "60",
            "-l", str(self.root / "postgres.log"), *extra,
        )  # fmt: skip

    def start(self) -> None:
        self._pg_ctl("start", "-o", self._options)

    def restart(self) -> None:
        """A fast restart: every connection is cut, in-flight transactions roll back."""
        self._pg_ctl("restart", "-m", "fast", "-o", self._options)

    def stop(self) -> None:
        self._pg_ctl("stop", "-m", "fast")

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def cleanup(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


class Redis:
    """A Redis server of the test's own, without persistence."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while not answers(self.port):
            if time.monotonic() > deadline:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.1)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"
