"""A real ``redis-server`` on a free loopback port, that a test can kill and start again on the
same port (with or without the data it had).

`.ci/run` installs redis-server (Debian package); without it the tests that need one are
skipped, or fail under CI.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time

import pytest

# Ways to run Redis, by what a restart finds: nothing; the snapshot written when it is stopped
# with SIGTERM; every write, appended and synced as it is made (it survives SIGKILL).
PERSISTENCE = {
    "empty": ("--save", "", "--appendonly", "no"),
    "rdb": ("--save", "3600 1", "--appendonly", "no"),
    "aof": ("--save", "", "--appendonly", "yes", "--appendfsync", "always"),
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_binary() -> str:
    binary = shutil.which("redis-server")
    if binary is None:
        message = "redis-server is not installed (apt-get install redis-server)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return binary


class RedisServer:
    """``redis-server`` on 127.0.0.1:``port``, its data (if any) in ``folder``."""

    def __init__(self, folder, persistence: str = "empty"):
        self.binary = redis_binary()
        self.folder = folder
        self.args = PERSISTENCE[persistence]
        self.port = free_port()
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "RedisServer":
        self.proc = subprocess.Popen([self.binary, "--port", str(self.port), "--bind", "127.0.0.1",
                                      "--dir", str(self.folder), *self.args],
                                     stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=30)
        self.proc = None

    def __enter__(self) -> "RedisServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.kill(signal.SIGTERM)
