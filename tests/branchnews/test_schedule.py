"""`branchnews schedule`: the jobs file, cron fire times, flock locks, and a real scheduler process
that runs a job twice against the sample site without ever overlapping, and stops on SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from branchnews.scheduling.config import (ScheduleConfigError, load_jobs, parse_cron,
                                          setting_text)
from branchnews.scheduling.locks import Lock, lock_path
from tests.conftest import REPO, run_cli

SITE_TOML = (REPO / "crawler/profiles/sample.toml").read_text("utf-8")


def write_jobs(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "jobs.toml"
    path.write_text(text, "utf-8")
    return path


JOB = '[[job]]\nname = "a"\nsites = ["sample"]\ncron = "0 3 * * *"\n'

# --- the jobs file ---------------------------------------------------------------------------

BAD_FILES = [
    # (jobs file text, what the error says besides the file's name)
    ('[[job]]\nsites = ["sample"]\ncron = "0 3 * * *"\n', "job #1: missing name"),
    (JOB + JOB, "job 'a': duplicate job name"),
    ('[[job]]\nname = "a b"\nsites = ["sample"]\ncron = "0 3 * * *"\n', "job #1: name 'a b'"),
    (JOB.replace("0 3 * * *", "61 * * * *"), "job 'a': cron: cron '61 * * * *' is not a valid"),
    (JOB.replace("0 3 * * *", "0 3 * *"), "job 'a': cron: cron '0 3 * *' has 4 fields"),
    (JOB.replace("0 3 * * *", "0 0 3 * * * 2030"), "has 7 fields"),
    (JOB.replace("0 3 * * *", "0 3 31 2 *"), "job 'a': cron: cron '0 3 31 2 *' never fires"),
    (JOB.replace("0 3 * * *", "every day"), "job 'a': cron:"),
    ('[[job]]\nname = "a"\nsites = ["sample"]\n', "job 'a': missing cron"),
    ('[[job]]\nname = "a"\ncron = "0 3 * * *"\n', "job 'a': missing sites"),
    (JOB.replace('["sample"]', '["no-such-site"]'), "job 'a': unknown site 'no-such-site'"),
    (JOB.replace('["sample"]', '["sites/missing.toml"]'), "job 'a': unknown site 'sites/missing.toml'"),
    (JOB.replace('["sample"]', '[]'), "job 'a': sites must be a non-empty list"),
    (JOB.replace('["sample"]', '["sample", "sample"]'), "job 'a': site(s) sample listed twice"),
    (JOB + 'crom = "0 4 * * *"\n', "job 'a': unknown key(s) crom"),
    (JOB + 'timezone = "Mars/Olympus"\n', "job 'a': timezone: unknown timezone 'Mars/Olympus'"),
    (JOB + 'settings = { download_delay = 1 }\n', "job 'a': settings: 'download_delay' is not"),
    (JOB + 'settings = 3\n', "job 'a': settings: must be a table"),
    (JOB + 'args = ["-o", "elsewhere"]\n', "job 'a': args: '-o': the output folder is set with output"),
    (JOB + 'args = "--refresh"\n', "job 'a': args: must be a list of strings"),
    (JOB + 'enabled = "yes"\n', "job 'a': enabled: must be true or false"),
    (JOB + 'keep_logs = -1\n', "job 'a': keep_logs: must be a whole number"),
    (JOB + 'max_sites = 0\n', "job 'a': max_sites: must be a whole number ≥ 1"),
    ('[defaults]\nmax_sites = true\n' + JOB, "[defaults]: max_sites: must be a whole number ≥ 1"),
    ('[defaults]\noutput = "out"\n', "no jobs: add at least one [[job]] table"),
    ('[defaults]\nproxy = "x"\n' + JOB, "[defaults]: unknown key(s) proxy"),
    ('[jobs]\nname = "a"\n', "unknown key(s) jobs"),
    ('[[job]]\nname = "a\n', "not valid TOML"),
]


@pytest.mark.parametrize("text,message", BAD_FILES, ids=[m for _, m in BAD_FILES])
def test_bad_jobs_file_names_file_and_job(tmp_path, text, message):
    path = write_jobs(tmp_path, text)
    with pytest.raises(ScheduleConfigError) as caught:
        load_jobs(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def test_missing_jobs_file_and_bad_timezone_option(tmp_path):
    with pytest.raises(ScheduleConfigError, match="no such jobs file"):
        load_jobs(tmp_path / "jobs.toml")
    path = write_jobs(tmp_path, JOB)
    with pytest.raises(ScheduleConfigError, match="--timezone: unknown timezone 'Nowhere'"):
        load_jobs(path, timezone="Nowhere")


def test_jobs_file_defaults_merge_and_paths_follow_the_file(tmp_path):
    (tmp_path / "sites").mkdir()
    (tmp_path / "sites/mine.toml").write_text(SITE_TOML.replace('name = "sample"', 'name = "mine"'),
                                              "utf-8")
    path = write_jobs(tmp_path, """
[defaults]
output = "data"
timezone = "Asia/Shanghai"
settings = { DOWNLOAD_DELAY = 1.0, ROBOTSTXT_OBEY = true }
args = ["--script", "traditional"]
max_sites = 4

[[job]]
name = "both"
sites = ["sample", "sites/mine.toml"]
cron = "30 6,18 * * *"
settings = { DOWNLOAD_DELAY = 2.5, CONCURRENT_REQUESTS_PER_DOMAIN = 2, LOG_FILE_APPEND = false }
args = ["--refresh"]

[[job]]
name = "other"
sites = "sample"
cron = "*/10 * * * * *"
output = "/srv/elsewhere"
timezone = "UTC"
enabled = false
keep_logs = 0
max_sites = 9
""")
    both, other = load_jobs(path).jobs
    assert [s.name for s in both.sites] == ["sample", "mine"]
    assert both.sites[1].spec == str(tmp_path / "sites/mine.toml")
    assert both.output == tmp_path / "data" and other.output == Path("/srv/elsewhere")
    assert both.settings == {"DOWNLOAD_DELAY": 2.5, "ROBOTSTXT_OBEY": True,
                             "CONCURRENT_REQUESTS_PER_DOMAIN": 2, "LOG_FILE_APPEND": False}
    assert both.args == ("--script", "traditional", "--refresh")
    assert both.timezone == ZoneInfo("Asia/Shanghai") and other.timezone == timezone.utc
    assert other.enabled is False and other.keep_logs == 0 and both.keep_logs == 100
    assert other.cron.has_seconds and not both.cron.has_seconds
    assert (both.max_sites, other.max_sites) == (4, 9)
    settings = ["-s", "DOWNLOAD_DELAY=2.5", "-s", "ROBOTSTXT_OBEY=True",
                "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2", "-s", "LOG_FILE_APPEND=False",
                "--script", "traditional", "--refresh"]
    command = both.crawl_command(both.sites[1:], python="python3")
    assert command == ["python3", "-m", "branchnews", "crawl", str(tmp_path / "sites/mine.toml"),
                       "-o", str(tmp_path / "data"), *settings]
    # a job's sites together: one fleet crawl, max_sites at once
    assert both.crawl_command(both.sites, python="python3") == [
        "python3", "-m", "branchnews", "crawl", "sample", str(tmp_path / "sites/mine.toml"),
        "-o", str(tmp_path / "data"), "-s", "BRANCHNEWS_FLEET_MAX_SITES=4", *settings]
    # --timezone overrides every zone in the file
    assert {j.timezone for j in load_jobs(path, timezone="Europe/Berlin").jobs} == {
        ZoneInfo("Europe/Berlin")}


@pytest.mark.parametrize("value,text", [
    (1.0, "1.0"), (0, "0"), (True, "True"), (False, "False"), ("x y", "x y"),
    (["a", "b"], "a,b"), ({"a.B": 1}, '{"a.B": 1}'), ({"名": "值"}, '{"名": "值"}'),
])
def test_setting_text_is_what_scrapy_reads_back(value, text):
    assert setting_text(value) == text


def test_example_jobs_file_is_valid():
    jobs = load_jobs(REPO / "jobs.example.toml").jobs
    assert [j.name for j in jobs] == ["sample-daily", "zx-news", "zx-refresh"]
    assert jobs[0].output == REPO / "output"


def test_check_prints_next_runs_and_cli_errors_exit_2(tmp_path):
    path = write_jobs(tmp_path, JOB + 'timezone = "Asia/Shanghai"\n')
    result = run_cli("schedule", str(path), "--check", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "a: sample" in result.stdout and "in Asia/Shanghai; next: " in result.stdout
    assert result.stdout.count("T03:00:00+08:00") == 3
    (tmp_path / "empty").mkdir()
    missing = run_cli("schedule", cwd=tmp_path / "empty")  # default CONFIG: ./jobs.toml
    assert missing.returncode == 2 and "jobs.toml: no such jobs file" in missing.stderr
    unknown = run_cli("schedule", str(path), "--once", "nope", cwd=tmp_path)
    assert unknown.returncode == 2 and f"{path}: no job 'nope'; jobs are a" in unknown.stderr


def test_scheduler_process_never_imports_scrapy():
    """Crawls run in their own processes; the scheduler never loads Scrapy or Twisted."""
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('scrapy', 'twisted'):\n"
        "            raise ImportError(name + ' is blocked in this test')\n"
        "sys.meta_path.insert(0, Block())\n"
        "from branchnews.cli import build_parser\n"
        "build_parser().parse_args(['schedule', '--check'])\n"
        "import branchnews.scheduling.runner, branchnews.scheduling.command\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


# --- cron → fire times -----------------------------------------------------------------------

FIRE_TIMES = [
    # (cron, zone, after (local wall time), next fire times (local wall time, UTC offset))
    ("0 3 * * *", "Asia/Shanghai", "2026-01-01T02:59:59",
     ["2026-01-01T03:00:00+08:00", "2026-01-02T03:00:00+08:00", "2026-01-03T03:00:00+08:00"]),
    ("0 3 * * *", "Asia/Shanghai", "2026-01-01T03:00:00",  # strictly after
     ["2026-01-02T03:00:00+08:00", "2026-01-03T03:00:00+08:00", "2026-01-04T03:00:00+08:00"]),
    ("*/15 * * * *", "UTC", "2026-05-31T23:40:00",
     ["2026-05-31T23:45:00+00:00", "2026-06-01T00:00:00+00:00", "2026-06-01T00:15:00+00:00"]),
    ("30 6,18 * * *", "Asia/Shanghai", "2026-03-01T12:00:00",
     ["2026-03-01T18:30:00+08:00", "2026-03-02T06:30:00+08:00", "2026-03-02T18:30:00+08:00"]),
    ("0 2 * * sun", "Asia/Shanghai", "2026-11-25T00:00:00",  # a Wednesday
     ["2026-11-29T02:00:00+08:00", "2026-12-06T02:00:00+08:00", "2026-12-13T02:00:00+08:00"]),
    ("0 9 * * mon-fri", "UTC", "2026-11-27T10:00:00",  # Friday after 9: next is Monday
     ["2026-11-30T09:00:00+00:00", "2026-12-01T09:00:00+00:00", "2026-12-02T09:00:00+00:00"]),
    ("0 0 1 * 1", "UTC", "2026-11-28T00:00:00",  # day of month OR weekday, as cron does
     ["2026-11-30T00:00:00+00:00", "2026-12-01T00:00:00+00:00", "2026-12-07T00:00:00+00:00"]),
    ("0 0 29 2 *", "UTC", "2026-01-01T00:00:00",  # leap days only
     ["2028-02-29T00:00:00+00:00", "2032-02-29T00:00:00+00:00", "2036-02-29T00:00:00+00:00"]),
    ("@daily", "UTC", "2026-01-01T05:00:00",
     ["2026-01-02T00:00:00+00:00", "2026-01-03T00:00:00+00:00", "2026-01-04T00:00:00+00:00"]),
    ("*/20 * * * * *", "UTC", "2026-01-01T00:00:05",  # 6 fields: seconds first
     ["2026-01-01T00:00:20+00:00", "2026-01-01T00:00:40+00:00", "2026-01-01T00:01:00+00:00"]),
    ("30 0 3 * * *", "UTC", "2026-01-01T00:00:00",
     ["2026-01-01T03:00:30+00:00", "2026-01-02T03:00:30+00:00", "2026-01-03T03:00:30+00:00"]),
    # daylight saving: 02:30 does not exist on 2024-03-31 in Berlin: it fires when the clocks jump
    ("30 2 * * *", "Europe/Berlin", "2024-03-30T12:00:00",
     ["2024-03-31T03:00:00+02:00", "2024-04-01T02:30:00+02:00", "2024-04-02T02:30:00+02:00"]),
    # and 02:30 happens twice on 2024-10-27: it fires once, the first time
    ("30 2 * * *", "Europe/Berlin", "2024-10-26T12:00:00",
     ["2024-10-27T02:30:00+02:00", "2024-10-28T02:30:00+01:00", "2024-10-29T02:30:00+01:00"]),
    # hourly across both changes: no hour fires twice, none at a time that does not exist
    ("15 * * * *", "Europe/Berlin", "2024-03-31T00:30:00",
     ["2024-03-31T01:15:00+01:00", "2024-03-31T03:15:00+02:00", "2024-03-31T04:15:00+02:00"]),
    ("15 * * * *", "Europe/Berlin", "2024-10-27T01:30:00",
     ["2024-10-27T02:15:00+02:00", "2024-10-27T03:15:00+01:00", "2024-10-27T04:15:00+01:00"]),
    ("0 3 * * *", "America/New_York", "2026-03-07T12:00:00",
     ["2026-03-08T03:00:00-04:00", "2026-03-09T03:00:00-04:00", "2026-03-10T03:00:00-04:00"]),
]


@pytest.mark.parametrize("cron,zone,after,expected", FIRE_TIMES,
                         ids=[f"{c} {z} {a}" for c, z, a, _ in FIRE_TIMES])
def test_cron_next_fire_times(cron, zone, after, expected):
    tz = timezone.utc if zone == "UTC" else ZoneInfo(zone)
    start = datetime.fromisoformat(after).replace(tzinfo=tz)
    assert [t.isoformat() for t in parse_cron(cron).next_times(start, 3)] == expected


def test_cron_needs_an_aware_time():
    with pytest.raises(ValueError, match="aware"):
        parse_cron("0 3 * * *").next_after(datetime(2026, 1, 1))


# --- locks -----------------------------------------------------------------------------------

HOLDER = """
import subprocess, sys, time
from branchnews.scheduling.locks import Lock
lock = Lock(sys.argv[1])
assert lock.acquire(job="holder")
if len(sys.argv) > 2:   # hand the lock to a child too, as the scheduler hands it to a crawl
    subprocess.Popen([sys.executable, "-c", "import time; time.sleep(float(%r))" % sys.argv[2]],
                     pass_fds=(lock.fd,))
print("held", flush=True)
time.sleep(60)
"""


def _start_holder(path: Path, *extra: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), *extra], cwd=REPO,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_second_acquirer_skips_until_the_first_releases(tmp_path):
    path = lock_path(tmp_path / ".locks", "job", "a/b")
    assert path.name == "job-a_b.lock"
    first, second = Lock(path), Lock(path)
    assert first.acquire(job="a") and first.held
    assert not second.acquire(job="a") and not second.held
    assert second.holder()["job"] == "a" and second.holder()["pid"] == os.getpid()
    first.release()
    assert second.acquire() and not Lock(path).acquire()
    second.release()
    assert path.exists() and Lock(path).holder() == {}  # never deleted; emptied on release


def test_lock_is_released_when_its_holder_crashes(tmp_path):
    path = tmp_path / "job-a.lock"
    holder = _start_holder(path)
    try:
        assert not Lock(path).acquire()
    finally:
        holder.kill()  # SIGKILL: no cleanup code runs, the kernel drops the flock
        holder.wait()
    assert Lock(path).acquire()


def test_inherited_lock_outlives_the_killed_parent(tmp_path):
    path = tmp_path / "site-a.lock"
    holder = _start_holder(path, "1.5")  # its child keeps the lock 1.5 s
    holder.kill()
    holder.wait()
    assert not Lock(path).acquire()  # the crawl it started still holds it
    deadline = time.monotonic() + 10
    while not Lock(path).acquire():
        assert time.monotonic() < deadline, "the lock was never released"
        time.sleep(0.1)


# --- the scheduler as a process --------------------------------------------------------------


def _jobs_file(tmp_path: Path, proxy: str, cron: str, delay: float, name: str = "sample-job") -> Path:
    return write_jobs(tmp_path, f"""
[defaults]
output = "out"

[[job]]
name = "{name}"
sites = ["sample"]
cron = "{cron}"
settings = {{ BRANCHNEWS_PROXY = "{proxy}", DOWNLOAD_DELAY = {delay}, LOG_LEVEL = "INFO" }}
""")


def _env() -> dict:
    env = dict(os.environ)
    env.pop("http_proxy", None)
    env.pop("HTTP_PROXY", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def _schedule(tmp_path: Path, *args: str) -> tuple[subprocess.Popen, Path]:
    stderr = tmp_path / "scheduler.log"
    proc = subprocess.Popen([sys.executable, "-m", "branchnews", "schedule", *args], cwd=tmp_path,
                            env=_env(), stdout=subprocess.DEVNULL, stderr=stderr.open("w"))
    return proc, stderr


def _wait_for(path: Path, text: str, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while text not in (path.read_text("utf-8") if path.exists() else ""):
        assert proc.poll() is None, path.read_text("utf-8")
        assert time.monotonic() < deadline, f"no {text!r} in {path.read_text('utf-8')}"
        time.sleep(0.05)


def _log(tmp_path: Path) -> list[dict]:
    return [json.loads(line) for line in
            (tmp_path / "out/schedule-log.jsonl").read_text("utf-8").splitlines()]


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_scheduler_runs_a_job_twice_never_overlapping(tmp_path, sample_site):
    # every 2 s; DOWNLOAD_DELAY makes the first crawl (~90 requests) last longer than that
    config = _jobs_file(tmp_path, sample_site, "*/2 * * * * *", 0.05)
    proc, stderr = _schedule(tmp_path, str(config), "--max-runs", "2")
    try:
        assert proc.wait(timeout=90) == 0, stderr.read_text("utf-8")
    finally:
        proc.kill()
    log = _log(tmp_path)
    runs = sorted((e for e in log if e["skipped"] is None), key=lambda e: e["started"])
    skips = [e for e in log if e["skipped"] is not None]
    assert len(runs) == 2, log
    assert [r["exit_code"] for r in runs] == [0, 0]
    assert all(r["job"] == "sample-job" and r["site"] == "sample" for r in log)
    first, second = runs
    assert _at(first["finished"]) <= _at(second["started"])  # never overlapping
    assert all((_at(r["started"]) - _at(r["scheduled"])).total_seconds() < 1 for r in runs)
    # the fire times that came while the first crawl ran were skipped, and said why
    assert skips and all(s["skipped"].startswith("previous run still running") for s in skips)
    assert all(_at(first["started"]) < _at(s["scheduled"]) <= _at(first["finished"]) for s in skips)
    assert all(s["started"] is None and s["exit_code"] is None for s in skips)
    # the dataset, and each crawl's own log
    datasets = list((tmp_path / "out/sample").glob("*[0-9].jsonl"))
    ids = [json.loads(line)["id"] for f in datasets for line in f.read_text("utf-8").splitlines()]
    assert len(ids) > 30 and len(ids) == len(set(ids))  # the second run wrote nothing twice
    for run in runs:
        text = (tmp_path / "out" / run["log"]).read_text("utf-8")
        assert text.startswith("# ") and " -m branchnews crawl sample -o " in text
    messages = stderr.read_text("utf-8")
    assert messages.count("sample-job/sample: started (pid") == 2
    assert messages.count("finished with exit code 0") == 2 and "skipped: previous run" in messages
    # the locks are free again
    assert Lock(tmp_path / "out/.locks/job-sample-job.lock").acquire()
    assert Lock(tmp_path / "out/.locks/site-sample.lock").acquire()


@pytest.mark.parametrize("kind", ["job", "site"])
def test_once_is_skipped_while_another_process_holds_the_lock(tmp_path, sample_site, kind):
    config = _jobs_file(tmp_path, sample_site, "0 3 * * *", 0)
    name = "sample-job" if kind == "job" else "sample"
    holder = _start_holder(tmp_path / f"out/.locks/{kind}-{name}.lock")
    try:
        result = run_cli("schedule", str(config), "--once", "sample-job", cwd=tmp_path)
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 75, result.stderr
    (entry,) = _log(tmp_path)
    assert entry["skipped"] == f"{kind} locked by job holder, pid {holder.pid}"
    assert entry["started"] is None and not (tmp_path / "out/sample").exists()
    # the holder is gone: the same command now crawls
    result = run_cli("schedule", str(config), "--once", "sample-job", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert _log(tmp_path)[-1]["exit_code"] == 0 and list((tmp_path / "out/sample").glob("*.jsonl"))


@pytest.mark.parametrize("grace,signals,outcome", [
    ("60", 1, "finished"),      # the crawl finishes within the grace period
    ("0.5", 1, "terminated"),   # the grace period ends: SIGTERM, Scrapy shuts down gracefully
    ("60", 2, "terminated"),    # a second signal does not wait
])
def test_sigterm_stops_the_scheduler_cleanly(tmp_path, sample_site, grace, signals, outcome):
    delay = 0.02 if outcome == "finished" else 0.5  # ~2 s, or ~45 s of crawling
    config = _jobs_file(tmp_path, sample_site, "* * * * * *", delay)
    proc, stderr = _schedule(tmp_path, str(config), "--grace", grace)
    try:
        _wait_for(stderr, "sample-job/sample: started (pid", proc)
        time.sleep(0.5)
        for _ in range(signals):
            proc.send_signal(signal.SIGTERM)
            time.sleep(0.2)
        assert proc.wait(timeout=40) == 0, stderr.read_text("utf-8")
    finally:
        proc.kill()
    runs = [e for e in _log(tmp_path) if e["skipped"] is None]
    assert len(runs) == 1, runs  # nothing started after the signal
    (run,) = runs
    assert run["finished"] is not None
    with pytest.raises(ProcessLookupError):
        os.kill(run["pid"], 0)  # the crawl is gone, not orphaned
    if outcome == "finished":
        assert run["exit_code"] == 0 and run["stopped"] is None
    else:
        assert run["stopped"] == "terminated (SIGTERM) by scheduler shutdown"
        assert (_at(run["finished"]) - _at(run["started"])).total_seconds() < 30  # not ~45 s
    assert "stopping: no new runs" in stderr.read_text("utf-8")
    assert stderr.read_text("utf-8").rstrip().endswith("stopped")
    assert Lock(tmp_path / "out/.locks/job-sample-job.lock").acquire()


def test_once_runs_a_jobs_sites_as_one_fleet_and_skips_a_locked_site(tmp_path):
    from contextlib import ExitStack

    from branchnews.sample_site.fleet import site_name, write_profiles
    from branchnews.sample_site.server import make_fleet_servers
    from tests.conftest import serving

    with ExitStack() as stack:
        urls = []
        for server in make_fleet_servers(4, 6, 0):
            port = stack.enter_context(serving(server))
            urls.append(f"http://{server.server_address[0]}:{port}/")
        paths = write_profiles(tmp_path / "sites", urls).read_text("utf-8").split()
        names = [site_name(u) for u in urls]
        config = write_jobs(tmp_path, f"""
[defaults]
output = "out"

[[job]]
name = "fleet-job"
sites = {json.dumps(paths)}
cron = "0 3 * * *"
max_sites = 2
settings = {{ LOG_LEVEL = "INFO" }}
""")
        holder = _start_holder(tmp_path / f"out/.locks/site-{names[1]}.lock")
        try:
            result = run_cli("schedule", str(config), "--once", "fleet-job", cwd=tmp_path)
        finally:
            holder.kill()
            holder.wait()
    assert result.returncode == 75, result.stderr  # one site was skipped
    log = {entry["site"]: entry for entry in _log(tmp_path)}
    assert log[names[1]]["skipped"] == f"site locked by job holder, pid {holder.pid}"
    ran = [log[n] for n in names if n != names[1]]
    assert {e["pid"] for e in ran} != {None} and len({e["pid"] for e in ran}) == 1  # one process
    assert [e["exit_code"] for e in ran] == [0, 0, 0]
    text = (tmp_path / "out" / ran[0]["log"]).read_text("utf-8")
    assert " -m branchnews crawl " + " ".join(p for p, n in zip(paths, names) if n != names[1]) in text
    assert "BRANCHNEWS_FLEET_MAX_SITES=2" in text
    for name in names:
        records = list((tmp_path / "out" / name).glob("*[0-9].jsonl"))
        count = sum(len(f.read_text("utf-8").splitlines()) for f in records)
        assert count == (0 if name == names[1] else 6), name
    assert len(list((tmp_path / "out/fleet-runs").glob("*.json"))) == 1
    for name in names:
        assert Lock(tmp_path / f"out/.locks/site-{name}.lock").acquire()
