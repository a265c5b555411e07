"""The exit statuses of every ``branchnews`` command, defined once (the README's table is made
from the same names): a cron job or a shell script can tell success, a failed run, a mistake in
what it was asked, and a site that another run holds."""

from __future__ import annotations

OK = 0  # the command did what it was asked; page failures are reported in errors.jsonl
FAILED = 1  # the run did not finish its work: a write failure, every start URL failed, lost Redis
USAGE = 2  # a mistake in the command: bad arguments, a missing or broken profile, file, URL
LOCKED = 75  # EX_TEMPFAIL: another run holds this site's dataset; try again later (or --wait)

MEANINGS = {
    OK: "success (failed pages, if any, are listed in the dataset's errors file)",
    FAILED: "the run failed: records could not be written, every start URL failed, "
            "Redis was lost, or the crawl did not finish",
    USAGE: "a mistake in the command: bad arguments, or a missing or broken profile, file or URL",
    LOCKED: "another run holds the site's dataset (the scheduler's lock); try again later",
}
