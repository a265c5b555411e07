"""branchnews: crawl Chinese organisation news sites into clean JSON Lines datasets.

``from branchnews import load_dataset`` reads a dataset (output folder, site folder or one
``.jsonl`` file) into typed records; see :mod:`branchnews.pipelines.dataset`. Names are imported on first
use, so ``import branchnews`` stays light.
"""

from __future__ import annotations

_LAZY = {
    "load_dataset": "branchnews.pipelines.dataset",
    "Dataset": "branchnews.pipelines.dataset",
    "Record": "branchnews.pipelines.record",
    "Section": "branchnews.pipelines.record",
    "Attachment": "branchnews.pipelines.record",
    "Image": "branchnews.pipelines.record",
    "DatasetError": "branchnews.pipelines.dataset",
    "SchemaVersionError": "branchnews.pipelines.dataset",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'branchnews' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
