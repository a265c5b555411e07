"""Installed versions of the software a dataset or a capture names as its writer.

Read once a process: ``importlib.metadata`` finds and parses a distribution's metadata file on
every call (about 2 ms), and every site of a fleet names its writers in its WARC files and its
manifest; the installed versions do not change while a process runs.
"""

from __future__ import annotations

from functools import cache
from importlib import metadata


@cache
def installed_version(dist: str) -> str | None:
    """The installed version of the distribution ``dist``, or None when it is not installed."""
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None
