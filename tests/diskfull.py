"""A small, real, full disk for tests: a ``tmpfs`` mounted for the test (CI runs as root), and a
filler file that leaves a chosen number of bytes free."""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path

import pytest


@contextlib.contextmanager
def small_disk(path: Path, size: str = "4m"):
    """Mount a ``tmpfs`` of ``size`` on ``path`` for the duration; skips the test where mounting
    is impossible (not root, no mount namespace), saying so."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs for a full disk ({mounted.stderr.strip()}); "
                    "these tests need root, as in CI")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def free_bytes(path: Path) -> int:
    st = os.statvfs(path)
    return st.f_bavail * st.f_frsize


def fill(disk: Path, leave: int) -> Path:
    """A filler file taking all but about ``leave`` bytes of ``disk``; delete it to free them."""
    filler = disk / "filler"
    chunk = b"\0" * (1 << 16)
    with filler.open("wb") as fh:
        while free_bytes(disk) > leave + len(chunk):
            fh.write(chunk)
            fh.flush()
        fh.write(b"\0" * max(0, free_bytes(disk) - leave))
    return filler
