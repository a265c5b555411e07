"""What a person reads on the console while a command runs, and what a cron log keeps.

Three modes, chosen by the global ``-q`` / ``-v`` flags (:func:`session`):

- normal: the start line, progress, warnings, errors and the final summary. Scrapy's version
  banner, component lists, settings and stats dump are left out, and so are the log lines the
  library marks as detail (``extra=DETAIL``: the run summary's JSON, the WARC file's name);
  errors show their message without the traceback.
- verbose (``-v``): the whole log as Scrapy writes it (``LOG_FORMAT``, at ``LOG_LEVEL``), with
  tracebacks, and branchnews's own debug lines.
- quiet (``-q``): errors and the final summary only.

The full log is not the console's business: with ``-s LOG_FILE=…`` Scrapy writes every line of
it to that file as always (:meth:`Console.adopt` leaves Scrapy's own handler to it).

Warnings (``DatasetWarning`` …) come out as one line, ``warning: <message>``, not Python's
``file.py:257: DatasetWarning: …`` and the source line: they are for the user, not about our code.

Progress (:meth:`Console.progress`): on a terminal a live bar (rich) with the totals as they
become known; elsewhere (a cron log) a plain line every :data:`PLAIN_EVERY` seconds. The crawl's
plain lines are the run summary's own (``BRANCHNEWS_PROGRESS_INTERVAL``).

The library never imports this module; it marks its log lines with the plain ``extra`` dicts of
:mod:`branchnews.pipelines.log_marks` (``DETAIL``, ``PROGRESS``).
"""

from __future__ import annotations

import contextlib
import logging
import sys
import time
import warnings
from collections.abc import Iterator

from branchnews.pipelines.log_marks import DETAIL, KEY, PROGRESS

QUIET, NORMAL, VERBOSE = "quiet", "normal", "verbose"
PLAIN_EVERY = 30.0  # seconds between plain progress lines of reextract, eval, export
OWN_LOGGERS = ("branchnews", "py.warnings")  # what the normal console shows at INFO
VERBOSE_FORMAT = "%(asctime)s [%(name)s] %(levelname)s: %(message)s"  # Scrapy's LOG_FORMAT
VERBOSE_DATES = "%Y-%m-%d %H:%M:%S"

_active: Console | None = None


def active() -> Console | None:
    """The console of this command, when the command line set one up (None in library use)."""
    return _active


def current() -> Console:
    """The console of this command, else a normal one that installs nothing (a command run
    by a test without ``main``)."""
    return _active or Console()


def _one_line_warning(message, category, filename, lineno, line=None) -> str:
    """``warnings.formatwarning`` for the command line: the message alone (the console or the
    log adds ``warning:`` and the time)."""
    return str(message)


class _ConsoleFilter(logging.Filter):
    """Which log lines the console shows, by mode (see the module docstring)."""

    def __init__(self, console: Console):
        super().__init__()
        self.console = console
        self.warned: set[str] = set()  # a warning met from two places is shown once

    def filter(self, record: logging.LogRecord) -> bool:
        console = self.console
        if record.name == "py.warnings":
            text = record.getMessage()
            if text in self.warned:
                return False
            self.warned.add(text)
        kind = getattr(record, KEY, None)
        own = record.name.split(".", 1)[0] in OWN_LOGGERS
        if console.mode == VERBOSE:
            return record.levelno >= (logging.DEBUG if own else console.log_level)
        if console.mode == QUIET:
            return record.levelno >= logging.ERROR
        if record.levelno >= logging.WARNING:
            return True
        if kind == PROGRESS[KEY]:
            return console.bars == 0  # a live bar shows the same totals
        return own and record.levelno >= logging.INFO and kind != DETAIL[KEY]


class _ConsoleFormatter(logging.Formatter):
    """``warning: …`` / ``error: …`` / the message; no traceback (that is ``-v``'s)."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.levelno >= logging.ERROR:
            return f"error: {message}"
        if record.levelno >= logging.WARNING:
            return f"warning: {message}"
        return message


class _StderrHandler(logging.Handler):
    """Writes to the ``sys.stderr`` of the moment: a live bar swaps it for its own proxy, which
    prints the line above the bar instead of through it."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)
            sys.stderr.write(text + "\n")
            sys.stderr.flush()
        except Exception:  # noqa: BLE001 - logging must not break the command
            self.handleError(record)


class Console:
    """One command's console (see the module docstring)."""

    def __init__(self, mode: str = NORMAL):
        self.mode = mode
        self.log_level = logging.INFO  # verbose: other loggers' threshold (Scrapy's LOG_LEVEL)
        self.bars = 0  # live bars on screen
        self.handler = _StderrHandler()
        self.handler.addFilter(_ConsoleFilter(self))
        self.handler.setFormatter(logging.Formatter(VERBOSE_FORMAT, VERBOSE_DATES) if mode == VERBOSE
                                  else _ConsoleFormatter())

    @property
    def quiet(self) -> bool:
        return self.mode == QUIET

    def adopt(self, settings) -> None:
        """Fit a crawl's Scrapy settings to this console: Scrapy installs its own log handler
        only to write ``LOG_FILE`` (the full log); the console shows what its mode shows, in
        Scrapy's format when verbose."""
        settings.set("LOG_INSTALL_ROOT_HANDLER", bool(settings.get("LOG_FILE")), priority="cmdline")
        level = settings.get("LOG_LEVEL") or "DEBUG"
        level = level if isinstance(level, int) else logging.getLevelName(str(level).upper())
        self.log_level = level if isinstance(level, int) else logging.INFO
        if self.mode == VERBOSE:
            self.handler.setFormatter(logging.Formatter(settings.get("LOG_FORMAT") or VERBOSE_FORMAT,
                                                        settings.get("LOG_DATEFORMAT")))

    def live(self) -> bool:
        """Whether progress is a live bar: stderr is a terminal and the mode is not quiet."""
        if self.quiet:
            return False
        from rich.console import Console as RichConsole

        rich = RichConsole(stderr=True)
        return rich.is_terminal and not rich.is_dumb_terminal

    def progress(self, label: str, unit: str, *, plain: bool = True) -> Progress:
        """A progress display for ``label`` counting ``unit`` (use as a context manager).
        ``plain=False``: no plain lines off a terminal (the crawl's log has its own)."""
        return Progress(self, label, unit, live=self.live(), plain=plain and not self.quiet)


class Progress:
    """The totals of one long task as they become known: :meth:`update` with what is done, what
    failed and, once known, the total; a live bar, plain lines, or nothing (quiet)."""

    def __init__(self, console: Console, label: str, unit: str, *, live: bool, plain: bool):
        self.console = console
        self.label = label
        self.unit = unit
        self.live = live
        self.plain = plain
        self._bar = None
        self._task = None
        self._last_line = time.monotonic()
        self.state = {"done": 0, "total": None, "failed": None, "note": ""}

    def __enter__(self) -> Progress:
        if self.live:
            from rich.console import Console as RichConsole
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress as RichProgress,
                                       TextColumn, TimeElapsedColumn)

            self._bar = RichProgress(TextColumn("[bold]{task.description}"), BarColumn(),
                                     MofNCompleteColumn(), TextColumn("{task.fields[status]}"),
                                     TimeElapsedColumn(), console=RichConsole(stderr=True))
            self._task = self._bar.add_task(self.label, total=None, status=self._status())
            self._bar.start()
            self.console.bars += 1
        return self

    def update(self, done: int, *, total: int | None = None, failed: int | None = None,
               note: str = "") -> None:
        """What is done so far; ``total`` once known; ``failed`` where failures are counted."""
        self.state = {"done": done, "total": total, "failed": failed, "note": note}
        if self._bar is not None:
            self._bar.update(self._task, completed=done, total=total, status=self._status())
        elif self.plain and time.monotonic() - self._last_line >= PLAIN_EVERY:
            self._last_line = time.monotonic()
            print(f"progress: {self.line()}", file=sys.stderr)

    def _status(self) -> str:
        """What follows the count: ``articles done, 3 failed, 14 list pages``."""
        state = self.state
        parts = [f"{self.unit} done"]
        if state["failed"] is not None:
            parts.append(f"{state['failed']} failed")
        if state["note"]:
            parts.append(state["note"])
        return ", ".join(parts)

    def line(self) -> str:
        """``120/480 articles done, 3 failed, 14 list pages`` (the total once known)."""
        state = self.state
        total = "" if state["total"] is None else f"/{state['total']}"
        return f"{state['done']}{total} {self._status()}"

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            state = self.state
            if exc[0] is None and state["total"] is None:  # the end: the count is the total
                self._bar.update(self._task, total=state["done"])
            self._bar.stop()
            self.console.bars -= 1
            self._bar = None


@contextlib.contextmanager
def session(mode: str = NORMAL) -> Iterator[Console]:
    """Set up the console for one command (the log handler, one-line warnings) and restore
    what was there after it: ``main()`` may run more than once in one process (tests)."""
    global _active
    console = Console(mode)
    root = logging.getLogger()
    saved = (root.level, warnings.formatwarning, _active)
    root.addHandler(console.handler)
    root.setLevel(logging.NOTSET)
    warnings.formatwarning = _one_line_warning
    logging.captureWarnings(True)
    _active = console
    try:
        yield console
    finally:
        logging.captureWarnings(False)
        root.removeHandler(console.handler)
        root.setLevel(saved[0])
        warnings.formatwarning = saved[1]
        _active = saved[2]
