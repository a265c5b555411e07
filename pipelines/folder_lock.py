"""An exclusive lock on a dataset folder, so writers of one folder take turns.

The workers of a distributed crawl each write the folder's manifest when they stop: without the
lock, a manifest built before another worker's last records could replace the one built after
them. With it, the last one written was also built last. ``flock`` is released by the kernel
when the process dies, so a killed writer never leaves the folder locked.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def folder_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive ``flock`` on the lock file ``path`` (created if missing)."""
    with open(path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
