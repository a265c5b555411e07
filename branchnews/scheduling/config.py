"""The jobs file and cron arithmetic: pure (no processes, no clock, no Scrapy).

A jobs file (TOML)::

    [defaults]                      # optional; applies to every job
    output = "output"               # dataset root (relative paths: to the jobs file's folder)
    timezone = "Asia/Shanghai"      # cron times are read in this zone (default: the machine's)
    settings = { DOWNLOAD_DELAY = 1.0 }
    args = []
    keep_logs = 100                 # crawl logs kept per job (0: all)
    max_sites = 32                  # sites of a job's fleet crawled at once

    [[job]]
    name = "sample-daily"           # letters, digits, . _ -
    sites = ["sample"]              # profile names or .toml paths; several: one fleet crawl of them all
    max_sites = 32                  # optional: sites of the fleet crawled at once (the rest wait)
    cron = "0 3 * * *"              # 5 fields, or 6 with seconds first ("*/10 * * * * *")
    output = "output"               # optional override
    settings = { DOWNLOAD_DELAY = 1.0, CONCURRENT_REQUESTS_PER_DOMAIN = 2 }  # → crawl -s NAME=VALUE
    args = ["--script", "traditional"]   # optional extra crawl arguments
    enabled = true                  # optional; a disabled job runs only with --once

A job's ``settings`` are merged over the defaults' (the job wins), its ``args`` follow the
defaults'. Every error names the file and the job.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timezone as dt_timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from croniter import croniter

from branchnews.crawler.profiles import ProfileError, load_profile

DEFAULT_CONFIG = "jobs.toml"
DEFAULT_OUTPUT = "output"
DEFAULT_KEEP_LOGS = 100
DEFAULT_MAX_SITES = 32
LOG_NAME = "schedule-log.jsonl"

_JOB_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_TOP_KEYS = {"defaults", "job"}
_DEFAULT_KEYS = {"output", "timezone", "settings", "args", "keep_logs", "max_sites"}
_JOB_KEYS = {"name", "sites", "cron", "output", "timezone", "settings", "args", "enabled", "keep_logs",
             "max_sites"}
_RESERVED_ARGS = ("-o", "--out")


class ScheduleConfigError(ValueError):
    """A jobs file that cannot be used; the message names the file and, where it can, the job."""


# --- cron ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cron:
    """A cron expression: 5 fields (minute hour day month weekday), 6 with seconds first, or an
    alias such as ``@daily``. Fire times are wall-clock times in the zone of the ``after`` time."""

    expression: str

    @property
    def has_seconds(self) -> bool:
        return len(self.expression.split()) == 6

    def next_after(self, after: datetime) -> datetime:
        """The first fire time strictly after ``after`` (an aware datetime), in its zone.

        Daylight saving: a time the clocks jump over fires right after the jump (croniter); a time
        the clocks pass twice fires once, at its first occurrence (later ones are ``fold=1``).
        """
        if after.tzinfo is None:
            raise ValueError("Cron.next_after needs an aware datetime")
        it = croniter(self.expression, after, second_at_beginning=True)
        fire = it.get_next(datetime)
        while fire.fold == 1:
            fire = it.get_next(datetime)
        return fire

    def next_times(self, after: datetime, count: int) -> list[datetime]:
        out = []
        for _ in range(count):
            after = self.next_after(after)
            out.append(after)
        return out


def parse_cron(expression: str) -> Cron:
    """A validated :class:`Cron`; ``ValueError`` says what is wrong."""
    if not isinstance(expression, str) or not expression.strip():
        raise ValueError("cron must be a non-empty string such as \"0 3 * * *\"")
    expression = " ".join(expression.split())
    fields = expression.split()
    if not expression.startswith("@") and len(fields) not in (5, 6):
        raise ValueError(f"cron {expression!r} has {len(fields)} fields; give 5 (minute hour day "
                         f"month weekday) or 6 (second first)")
    try:
        ok = croniter.is_valid(expression, second_at_beginning=True)
    except Exception:  # noqa: BLE001 - croniter raises several types for odd input
        ok = False
    if not ok:
        raise ValueError(f"cron {expression!r} is not a valid cron expression")
    cron = Cron(expression)
    try:
        cron.next_after(datetime(2000, 1, 1, tzinfo=dt_timezone.utc))
    except Exception as exc:  # noqa: BLE001 - e.g. "0 3 31 2 *" never fires
        raise ValueError(f"cron {expression!r} never fires ({exc})") from exc
    return cron


# --- time zones ------------------------------------------------------------------------------


def local_timezone() -> tzinfo:
    """The machine's zone with its daylight-saving rules: ``$TZ``, else ``/etc/localtime``."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    try:
        with open("/etc/localtime", "rb") as file:
            return ZoneInfo.from_file(file, key="localtime")
    except (OSError, ValueError):
        return datetime.now().astimezone().tzinfo or dt_timezone.utc


def parse_timezone(name: str) -> tzinfo:
    if not isinstance(name, str) or not name:
        raise ValueError("timezone must be an IANA zone name such as \"Asia/Shanghai\"")
    if name.upper() == "UTC":
        return dt_timezone.utc
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown timezone {name!r} (an IANA name such as \"Asia/Shanghai\")") from exc


def zone_name(zone: tzinfo) -> str:
    return getattr(zone, "key", None) or str(zone)


# --- jobs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    spec: str   # what `branchnews crawl` is given: a bundled name or an absolute .toml path
    name: str   # the profile's name: the dataset folder <output>/<name>/ and the lock's name


@dataclass(frozen=True)
class Job:
    name: str
    sites: tuple[Site, ...]
    cron: Cron
    timezone: tzinfo
    output: Path
    settings: dict[str, object] = field(default_factory=dict)
    args: tuple[str, ...] = ()
    enabled: bool = True
    keep_logs: int = DEFAULT_KEEP_LOGS
    max_sites: int = DEFAULT_MAX_SITES

    def crawl_command(self, sites: tuple[Site, ...], python: str | None = None) -> list[str]:
        """The crawl of the run's sites, as its own process: ``python -m branchnews crawl …``
        (several sites: one fleet crawl, ``max_sites`` at once)."""
        command = [python or sys.executable, "-m", "branchnews", "crawl", *(s.spec for s in sites),
                   "-o", str(self.output)]
        if len(sites) > 1:
            command += ["-s", f"BRANCHNEWS_FLEET_MAX_SITES={self.max_sites}"]
        for name, value in self.settings.items():
            command += ["-s", f"{name}={setting_text(value)}"]
        return command + list(self.args)

    @property
    def log_path(self) -> Path:
        return self.output / LOG_NAME

    @property
    def lock_dir(self) -> Path:
        return self.output / ".locks"

    @property
    def crawl_log_dir(self) -> Path:
        return self.output / ".logs" / self.name


@dataclass(frozen=True)
class JobsFile:
    path: Path
    jobs: tuple[Job, ...]

    def get(self, name: str) -> Job:
        for job in self.jobs:
            if job.name == name:
                return job
        raise ScheduleConfigError(f"{self.path}: no job {name!r}; jobs are "
                                  f"{', '.join(j.name for j in self.jobs)}")


def setting_text(value: object) -> str:
    """A TOML value as ``-s NAME=VALUE`` text that Scrapy's ``Settings`` reads back."""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, (list, tuple)):
        return ",".join(setting_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def load_jobs(path: str | Path, timezone: str | None = None) -> JobsFile:
    """Read and validate a jobs file; ``timezone`` (``--timezone``) overrides the file's zones."""
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise ScheduleConfigError(f"{path}: no such jobs file (start from jobs.example.toml)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ScheduleConfigError(f"{path}: cannot read the jobs file: {exc}") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScheduleConfigError(f"{path}: not valid TOML: {exc}") from exc
    return parse_jobs(data, source=str(path), base_dir=path.resolve().parent, timezone=timezone)


def parse_jobs(data: dict, source: str = "<jobs>", base_dir: Path | None = None,
               timezone: str | None = None) -> JobsFile:
    base_dir = base_dir or Path.cwd()

    def fail(message: str) -> ScheduleConfigError:
        return ScheduleConfigError(f"{source}: {message}")

    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise fail(f"unknown key(s) {', '.join(sorted(unknown))}; a jobs file has [defaults] and "
                   f"[[job]] tables")
    defaults = data.get("defaults", {})
    if not isinstance(defaults, dict):
        raise fail("[defaults] must be a table")
    unknown = set(defaults) - _DEFAULT_KEYS
    if unknown:
        raise fail(f"[defaults]: unknown key(s) {', '.join(sorted(unknown))}; "
                   f"allowed: {', '.join(sorted(_DEFAULT_KEYS))}")
    jobs_data = data.get("job")
    if not isinstance(jobs_data, list) or not jobs_data:
        raise fail("no jobs: add at least one [[job]] table")
    try:
        override_zone = parse_timezone(timezone) if timezone else None
    except ValueError as exc:
        raise fail(f"--timezone: {exc}") from None
    default_zone = _value(defaults, "timezone", parse_timezone, fail, "[defaults]", None)
    default_output = _value(defaults, "output", _path_value, fail, "[defaults]", DEFAULT_OUTPUT)
    default_settings = _value(defaults, "settings", _settings_value, fail, "[defaults]", {})
    default_args = _value(defaults, "args", _args_value, fail, "[defaults]", ())
    default_keep = _value(defaults, "keep_logs", _keep_value, fail, "[defaults]", DEFAULT_KEEP_LOGS)
    default_max_sites = _value(defaults, "max_sites", _max_sites_value, fail, "[defaults]", DEFAULT_MAX_SITES)

    jobs: list[Job] = []
    seen: set[str] = set()
    for number, entry in enumerate(jobs_data, 1):
        if not isinstance(entry, dict):
            raise fail(f"job #{number} must be a [[job]] table")
        name = entry.get("name")
        if name is None:
            raise fail(f"job #{number}: missing name")
        if not isinstance(name, str) or not _JOB_NAME.match(name):
            raise fail(f"job #{number}: name {name!r} must be letters, digits, '.', '_' or '-' "
                       f"(it names the job's lock and log files)")
        where = f"job {name!r}"
        if name in seen:
            raise fail(f"{where}: duplicate job name (names must be unique)")
        seen.add(name)
        unknown = set(entry) - _JOB_KEYS
        if unknown:
            raise fail(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; "
                       f"allowed: {', '.join(sorted(_JOB_KEYS))}")
        if "cron" not in entry:
            raise fail(f"{where}: missing cron (such as \"0 3 * * *\")")
        cron = _value(entry, "cron", parse_cron, fail, where, None)
        sites = _sites(entry.get("sites"), base_dir, fail, where)
        zone = _value(entry, "timezone", parse_timezone, fail, where, default_zone)
        output = _value(entry, "output", _path_value, fail, where, default_output)
        settings = {**default_settings, **_value(entry, "settings", _settings_value, fail, where, {})}
        args = default_args + _value(entry, "args", _args_value, fail, where, ())
        enabled = _value(entry, "enabled", _bool_value, fail, where, True)
        keep = _value(entry, "keep_logs", _keep_value, fail, where, default_keep)
        max_sites = _value(entry, "max_sites", _max_sites_value, fail, where, default_max_sites)
        jobs.append(Job(name=name, sites=sites, cron=cron,
                        timezone=override_zone or zone or local_timezone(),
                        output=_resolve(base_dir, output), settings=settings, args=args,
                        enabled=enabled, keep_logs=keep, max_sites=max_sites))
    return JobsFile(path=Path(source), jobs=tuple(jobs))


def _value(table: dict, key: str, convert, fail, where: str, default):
    if key not in table:
        return default
    try:
        return convert(table[key])
    except ValueError as exc:
        raise fail(f"{where}: {key}: {exc}") from None


def _resolve(base_dir: Path, value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else base_dir / path


def _path_value(value) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError("must be a folder path (a non-empty string)")
    return value


def _settings_value(value) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ValueError("must be a table of Scrapy settings, such as { DOWNLOAD_DELAY = 1.0 }")
    for name, setting in value.items():
        if not re.fullmatch(r"[A-Z][A-Z0-9_]*", name):
            raise ValueError(f"{name!r} is not a Scrapy setting name (UPPER_CASE)")
        if not isinstance(setting, (str, int, float, bool, list, dict)):
            raise ValueError(f"{name}: {setting!r} is not a string, number, boolean, list or table")
    return dict(value)


def _args_value(value) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
        raise ValueError("must be a list of strings, such as [\"--script\", \"traditional\"]")
    for arg in value:
        if arg in _RESERVED_ARGS or arg.startswith("--out=") or (arg.startswith("-o") and arg != "-o"):
            raise ValueError(f"{arg!r}: the output folder is set with output = \"…\", not in args")
    return tuple(value)


def _bool_value(value) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _keep_value(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("must be a whole number ≥ 0 (0 keeps every crawl log)")
    return value


def _max_sites_value(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError("must be a whole number ≥ 1 (sites crawled at once)")
    return value


def _sites(value, base_dir: Path, fail, where: str) -> tuple[Site, ...]:
    if value is None:
        raise fail(f"{where}: missing sites (profile names or .toml paths)")
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(s, str) and s for s in value):
        raise fail(f"{where}: sites must be a non-empty list of profile names or .toml paths")
    sites = []
    for spec in value:
        if spec.endswith(".toml"):
            path = _resolve(base_dir, spec)
            if not path.is_file():
                raise fail(f"{where}: unknown site {spec!r}: no such profile file {path}")
            spec = str(path)
        try:
            profile = load_profile(spec)
        except ProfileError as exc:
            raise fail(f"{where}: unknown site {spec!r}: {exc}") from None
        sites.append(Site(spec=spec, name=profile.name))
    names = [s.name for s in sites]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise fail(f"{where}: site(s) {', '.join(duplicates)} listed twice")
    return tuple(sites)
