"""The labeled corpus: where it is, what it holds, and its fingerprint.

Layout (see the corpus README): ``labels.jsonl`` (one JSON object per page, ``null`` = not on
the page) and ``html/<id>.html`` (the page bytes, unchanged). The pages belong to other
projects, so they are read from the folder at run time and never copied into this repo.

A page whose file is missing or unreadable is still loaded (with its error), so every tool
scores it as a miss instead of the whole evaluation stopping. A broken labels file is a
:class:`CorpusError`: without labels there is nothing to score against.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

ENV_VAR = "BRANCHNEWS_CORPUS"
# Relative to the current directory (the CLI) or to the repository root (the gate).
DEFAULT_RELATIVE = Path("..") / "shared" / "corpus"
LABELS = "labels.jsonl"
HTML_DIR = "html"


class CorpusError(Exception):
    """The corpus cannot be found or its labels cannot be read."""


@dataclass(frozen=True, slots=True)
class CorpusPage:
    """One labeled page; ``body`` is None when the file could not be read (``error`` says why)."""

    id: str
    path: Path
    label: Mapping[str, object]
    body: bytes | None = None
    error: str | None = None

    @property
    def url(self) -> str:
        return self.path.resolve().as_uri()


@dataclass(frozen=True, slots=True)
class Corpus:
    root: Path
    pages: tuple[CorpusPage, ...]
    warnings: tuple[str, ...] = field(default=())


def locate(explicit: str | os.PathLike | None = None, *, base: Path | None = None) -> Path:
    """The corpus folder: *explicit*, else ``$BRANCHNEWS_CORPUS``, else ``<base>/../shared/corpus``.

    *base* defaults to the current directory. Raises :class:`CorpusError` naming every place
    that was tried.
    """
    if explicit:
        path = Path(explicit)
        if not (path / LABELS).is_file():
            raise CorpusError(f"no {LABELS} in {path}")
        return path
    tried = []
    env = os.environ.get(ENV_VAR)
    if env:
        path = Path(env)
        if (path / LABELS).is_file():
            return path
        tried.append(f"${ENV_VAR}={env} (no {LABELS} there)")
    else:
        tried.append(f"${ENV_VAR} (not set)")
    path = (base or Path.cwd()) / DEFAULT_RELATIVE
    if (path / LABELS).is_file():
        return path
    tried.append(f"{path} (no {LABELS} there)")
    raise CorpusError("no labeled corpus found; tried " + " and ".join(tried)
                      + f". Set {ENV_VAR} or pass the corpus folder.")


def load(root: str | os.PathLike) -> Corpus:
    """Read every label and its page bytes; unreadable pages are kept with their error."""
    root = Path(root)
    labels_path = root / LABELS
    try:
        lines = labels_path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"cannot read {labels_path}: {exc}") from exc
    pages, warnings, seen = [], [], set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            label = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{labels_path}:{number}: not JSON: {exc}") from exc
        page_id = label.get("id") if isinstance(label, dict) else None
        if not isinstance(page_id, str) or not page_id:
            raise CorpusError(f"{labels_path}:{number}: a label needs a string \"id\"")
        if page_id in seen:
            raise CorpusError(f"{labels_path}:{number}: id {page_id!r} labeled twice")
        seen.add(page_id)
        path = root / HTML_DIR / f"{page_id}.html"
        try:
            body = path.read_bytes()
        except OSError as exc:
            pages.append(CorpusPage(page_id, path, label, None,
                                    f"cannot read {HTML_DIR}/{path.name}: {exc.strerror or exc}"))
            continue
        expected_sha = label.get("sha256")
        if isinstance(expected_sha, str) and hashlib.sha256(body).hexdigest() != expected_sha:
            warnings.append(f"{page_id}: page bytes differ from the sha256 in its label")
        pages.append(CorpusPage(page_id, path, label, body))
    if not pages:
        raise CorpusError(f"{labels_path} holds no labels")
    return Corpus(root, tuple(pages), tuple(warnings))


def corpus_sha256(root: str | os.PathLike) -> str:
    """Fingerprint of what the scores depend on: the labels and every page.

    SHA-256 over, in this order: the labels file's non-blank lines *sorted* (so reordering
    labels does not count as a change, editing one does), then every ``html/*.html`` file in
    name order, each as its name, a NUL and the SHA-256 of its bytes. The README is left out.
    """
    root = Path(root)
    digest = hashlib.sha256()
    lines = sorted(ln.rstrip("\r") for ln in (root / LABELS).read_text(encoding="utf-8").split("\n")
                   if ln.strip())
    digest.update(LABELS.encode() + b"\0")
    digest.update("\n".join(lines).encode("utf-8") + b"\0")
    html_dir = root / HTML_DIR
    for path in sorted(html_dir.glob("*.html")) if html_dir.is_dir() else []:
        digest.update(f"{HTML_DIR}/{path.name}".encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
