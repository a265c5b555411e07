"""Lock files in the output folder, held with ``fcntl.flock`` and taken without waiting.

``flock`` locks belong to the open file, not to a path or a process id: a lock passes to a child
process that inherits the descriptor, stays held while any holder lives, and the kernel drops it
when the last one exits, however it exits (a crash or SIGKILL included). The files are never
deleted, since deleting a lock file while someone waits on it splits the lock in two. The same
files work with the ``flock(1)`` command: ``flock -n output/.locks/site-sample.lock branchnews
crawl sample`` keeps a manual or cron crawl and the scheduler apart.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
from pathlib import Path


def lock_path(lock_dir: Path, kind: str, name: str) -> Path:
    """``<lock_dir>/<kind>-<name>.lock``, the name made safe for a file name."""
    return Path(lock_dir) / f"{kind}-{re.sub(r'[^A-Za-z0-9._-]', '_', name)}.lock"


class Lock:
    """One lock file. ``acquire()`` returns False at once when another holder has it."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.fd: int | None = None
        self.inherited = False

    @property
    def held(self) -> bool:
        return self.fd is not None

    def acquire(self, **holder) -> bool:
        """Take the lock if it is free; ``holder`` (pid, job, …) is written into the file."""
        if self.fd is not None:
            raise RuntimeError(f"{self.path}: already held by this object")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        except BaseException:
            os.close(fd)
            raise
        self.fd = fd
        self.note(pid=os.getpid(), **holder)
        return True

    def adopt_inherited(self) -> bool:
        """Take over the lock when this process inherited a descriptor holding it: the
        scheduler (``pass_fds``) or ``flock(1)`` took it for this very process."""
        if self.fd is not None or not self.path.exists():
            return False
        want = os.stat(self.path)
        try:
            fds = [int(name) for name in os.listdir("/proc/self/fd")]
        except OSError:  # no /proc: look at the low descriptors, where inherited ones are
            fds = list(range(3, 256))
        for fd in fds:
            try:
                st = os.fstat(fd)
            except OSError:
                continue
            if (st.st_dev, st.st_ino) != (want.st_dev, want.st_ino):
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # ours already if fd holds it
            except OSError:
                continue
            self.fd = os.dup(fd)
            self.inherited = True  # its holder's note stays: the scheduler wrote it
            return True
        return False

    def note(self, **holder) -> None:
        """Rewrite who holds the lock (for people and skip messages; the lock is the flock)."""
        if self.fd is None:
            return
        data = (json.dumps(holder, ensure_ascii=False, default=str) + "\n").encode("utf-8")
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, data, 0)

    def holder(self) -> dict:
        """What the current holder wrote, or {} (a ``flock(1)`` holder writes nothing)."""
        try:
            text = self.path.read_text("utf-8").strip()
            return json.loads(text) if text else {}
        except (OSError, ValueError):
            return {}

    def release(self) -> None:
        if self.fd is not None:
            fd, self.fd = self.fd, None
            try:
                if not self.inherited:  # a later flock(1) holder, which writes nothing, is not misnamed
                    os.ftruncate(fd, 0)
            finally:
                os.close(fd)  # closing our descriptor drops the lock unless a child still has it

    def __enter__(self) -> "Lock":
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def describe_holder(lock: Lock) -> str:
    info = lock.holder()
    if not info:
        return "another process"
    parts = []
    if info.get("job"):
        parts.append(f"job {info['job']}")
    if info.get("crawl_pid"):
        parts.append(f"crawl pid {info['crawl_pid']}")
    elif info.get("pid"):
        parts.append(f"pid {info['pid']}")
    if info.get("since"):
        parts.append(f"since {info['since']}")
    return ", ".join(parts) or "another process"
