"""Shared helpers of the bench scripts: machine description and small statistics."""

from __future__ import annotations

import datetime as _dt
import os
import platform
import statistics
import subprocess
import sys
from collections.abc import Sequence


def machine() -> str:
    """One line: cores, memory, Python, Scrapy, date (UTC)."""
    try:
        import scrapy

        scrapy_version = scrapy.__version__
    except ImportError:  # pragma: no cover
        scrapy_version = "not installed"
    try:
        mem = subprocess.run(["free", "-h"], capture_output=True, text=True, check=False).stdout.split("\n")[1]
        mem = "Mem total " + mem.split()[1]
    except (OSError, IndexError):
        mem = "memory unknown"
    return (f"nproc={os.cpu_count()} {mem} Python {platform.python_version()} Scrapy {scrapy_version} "
            f"{platform.system()} {platform.machine()} date={_dt.datetime.now(_dt.timezone.utc):%Y-%m-%d %H:%M}Z")


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def spread(values: Sequence[float]) -> str:
    """``min–max`` of a series, for the record."""
    return f"{min(values):.3g}–{max(values):.3g}"


def header(title: str) -> None:
    print(f"# {title}")
    print(f"# {machine()}")
    print(f"# command: {' '.join([os.path.basename(sys.executable), *sys.argv])}")
