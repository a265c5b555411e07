"""The console: what `branchnews crawl` (and the other commands) show in each mode, the live bar
on a terminal, and warnings as one line."""

from __future__ import annotations

import json
import logging
import os
import pty
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from branchnews import console
from branchnews.pipelines.log_marks import KEY
from tests.conftest import REPO, run_cli
from tests.pipelines.test_dataset import make_record, write_jsonl

SUMMARY = re.compile(r"^branchnews: (\d+) new records in (.+)/, (\d+) errors$")
SCRAPY_LOG = ("Scrapy 2.", "Versions:", "Enabled extensions", "Enabled downloader middlewares",
              "Overridden settings", "Dumping Scrapy stats", "[scrapy", "'downloader/request_count'")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _records(out: Path) -> int:
    return sum(len(f.read_text("utf-8").splitlines()) for f in (out / "sample").glob("*[0-9].jsonl"))


@pytest.fixture(scope="module")
def crawls(tmp_path_factory):
    """A crawl of the bundled sample site in each console mode, each starting the site itself
    on a free port (as a first crawl does): ``{mode flag: (exit status, stderr lines, out)}``."""
    runs = {}
    for flag in ("", "-v", "-q"):
        out = tmp_path_factory.mktemp("console")
        port = _free_port()
        result = run_cli("crawl", *([flag] if flag else []), "-o", str(out),
                         "-s", f"BRANCHNEWS_PROXY=http://127.0.0.1:{port}")
        runs[flag] = (result.returncode, result.stderr.splitlines(), out, port)
    return runs


def test_default_console_has_the_start_line_and_summary_and_no_scrapy_log(crawls):
    status, lines, out, port = crawls[""]
    assert status == 0, "\n".join(lines[-20:])
    assert lines[0] == f"Serving the sample site at http://127.0.0.1:{port}/"
    assert lines[1].startswith(f"Writing records to {out / 'sample'}")
    new, folder, errors = SUMMARY.match(lines[-1]).groups()
    assert int(new) == _records(out) > 0 and folder == str(out / "sample") and errors == "0"
    assert [line for line in lines if any(mark in line for mark in SCRAPY_LOG)] == []
    assert not any("run summary" in line or line.startswith(("{", " '")) for line in lines)


def test_verbose_console_is_the_whole_scrapy_log(crawls):
    status, lines, out, _ = crawls["-v"]
    text = "\n".join(lines)
    assert status == 0, text[-2000:]
    for mark in ("Scrapy 2.", "Enabled downloader middlewares", "Dumping Scrapy stats",
                 "run summary (", "Serving the sample site"):
        assert mark in text
    assert SUMMARY.match(lines[-1])


def test_quiet_console_is_the_summary_alone(crawls):
    status, lines, out, _ = crawls["-q"]
    assert status == 0
    (line,) = lines
    assert int(SUMMARY.match(line).group(1)) == _records(out) > 0


def test_quiet_console_still_shows_errors(tmp_path):
    port = _free_port()  # nothing listens there: every start URL fails
    result = run_cli("-q", "crawl", "sample", "-o", str(tmp_path), "--start-url",
                     f"http://127.0.0.1:{port}/", "-s", "RETRY_TIMES=0")
    lines = result.stderr.splitlines()
    assert any(line.startswith("error: ") and f"127.0.0.1:{port}/" in line for line in lines)
    assert all(line.startswith(("error: ", "branchnews: ")) for line in lines), lines
    assert any(line.startswith("branchnews: 0 new records") for line in lines)
    assert "Traceback" not in result.stderr


def _run_in_terminal(*args: str) -> tuple[int, str]:
    """Run the CLI with a pseudo-terminal as its stdin, stdout and stderr; everything it wrote."""
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("http_proxy", "no_color")}
    env.update(TERM="xterm", COLUMNS="120", LINES="30")
    env.pop("TTY_COMPATIBLE", None), env.pop("FORCE_COLOR", None)
    proc = subprocess.Popen([sys.executable, "-m", "branchnews", *args], cwd=REPO, env=env,
                            stdin=slave, stdout=slave, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: every copy of the terminal's other side is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return proc.wait(timeout=300), b"".join(chunks).decode("utf-8", "replace")


def test_crawl_on_a_terminal_shows_a_live_bar_with_totals(sample_site, tmp_path):
    status, screen = _run_in_terminal("crawl", "-o", str(tmp_path), "-s",
                                      f"BRANCHNEWS_PROXY={sample_site}")
    assert status == 0, screen[-2000:]
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen)  # the bar's colours and cursor moves
    bars = re.findall(r"sample ━+ *(\d+)/(\d+) articles done, (\d+) failed, (\d+) list pages", text)
    assert bars, text[-2000:]
    done, total, failed, lists = map(int, bars[-1])
    assert done == total == _records(tmp_path) and failed == 0 and lists > 0
    assert "progress:" not in text  # the bar replaces the plain lines
    assert SUMMARY.match(text.strip().splitlines()[-1].strip())


def test_stats_prints_a_warning_as_one_line(tmp_path):
    path = write_jsonl(tmp_path / "sample" / "2026-11-28.jsonl", [make_record()])
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(make_record("http://a.example/2.html"))[:50])
    result = run_cli("stats", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"warning: {path}:2 (byte {len(path.read_bytes().splitlines(True)[0])}): "
        "truncated last line (an interrupted write); skipped"]


# What the console shows of one log line: (mode, logger, level, extra) → shown.
SHOWN = [
    (console.NORMAL, "branchnews.pipelines.scrapy_pipelines", logging.INFO, None, True),
    (console.NORMAL, "branchnews.crawler.extensions", logging.INFO, "detail", False),
    (console.NORMAL, "branchnews.crawler.extensions", logging.INFO, "progress", True),
    (console.NORMAL, "branchnews.reextract", logging.DEBUG, None, False),
    (console.NORMAL, "scrapy.middleware", logging.INFO, None, False),
    (console.NORMAL, "scrapy.core.scraper", logging.WARNING, None, True),
    (console.NORMAL, "py.warnings", logging.WARNING, None, True),
    (console.QUIET, "branchnews.crawler.extensions", logging.INFO, "progress", False),
    (console.QUIET, "branchnews.pipelines.run", logging.WARNING, None, False),
    (console.QUIET, "scrapy.core.scraper", logging.ERROR, None, True),
    (console.VERBOSE, "scrapy.middleware", logging.INFO, None, True),
    (console.VERBOSE, "scrapy.core.engine", logging.DEBUG, None, False),
    (console.VERBOSE, "branchnews.reextract", logging.DEBUG, None, True),
    (console.VERBOSE, "branchnews.crawler.extensions", logging.INFO, "detail", True),
]


@pytest.mark.parametrize("mode, name, level, kind, shown", SHOWN)
def test_what_each_mode_shows(mode, name, level, kind, shown):
    record = logging.LogRecord(name, level, __file__, 1, "a line", None, None)
    if kind:
        setattr(record, KEY, kind)
    assert console.Console(mode).handler.filter(record) is shown


@pytest.mark.parametrize("level, prefix", [(logging.INFO, ""), (logging.WARNING, "warning: "),
                                           (logging.ERROR, "error: ")])
def test_normal_console_lines_carry_no_traceback(level, prefix):
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("scrapy.core.scraper", level, __file__, 1, "page %s failed",
                                   ("http://a.example/",), sys.exc_info())
    assert console.Console(console.NORMAL).handler.format(record) == f"{prefix}page http://a.example/ failed"
    assert "Traceback" in console.Console(console.VERBOSE).handler.format(record)


def test_plain_progress_line_has_its_totals():
    bar = console.Progress(console.Console(), "reextract", "articles", live=False, plain=False)
    bar.update(120, total=480, failed=3, note="14 list pages")
    assert bar.line() == "120/480 articles done, 3 failed, 14 list pages"
    bar.update(5)
    assert bar.line() == "5 articles done"
