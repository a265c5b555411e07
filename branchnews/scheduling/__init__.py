"""Scheduled crawls: ``branchnews schedule`` runs the crawl jobs of a jobs file (TOML) at their cron times.

Layout:

- ``config``: pure: reads and validates the jobs file, turns cron expressions into fire times.
- ``locks``: ``fcntl.flock`` lock files in the output folder.
- ``runner``: the loop that fires jobs, starts each crawl in its own process and stops cleanly.
- ``command``: the ``schedule`` subcommand's arguments (``branchnews/cli.py`` calls it).

Why croniter and a small loop rather than APScheduler: the scheduler's real work is owning child
processes (one ``python -m branchnews crawl`` per job run, all its sites as one fleet, never Scrapy in this process, whose reactor
cannot be restarted), the locks they inherit, the skip log and a graceful stop with a grace period.
APScheduler 3.x would put a thread pool between the loop and those processes and report a skipped
run only through a side channel (``EVENT_JOB_MAX_INSTANCES``), while a lock held by *another*
process would still need this code. What is hard to get right is the cron arithmetic (ranges,
steps, names, the day-of-month OR day-of-week rule, ``L``, daylight saving), and croniter does only
that. The loop is single-threaded: it polls its children a few times a second, so a signal only
sets a flag, and there is no race between "is the previous run still going" and starting the next.

Policies:

- **Overlap**: one run per job at a time. A fire time that comes while the job's previous run is
  still going is skipped and logged (``schedule-log.jsonl``); so is one whose lock is held by
  another process (a second scheduler, or a manual ``flock`` run). Missed fire times (machine
  suspended, clock set forward) are coalesced into one run, started late.
- **Locks**: ``<output>/.locks/job-<job>.lock`` for the whole job run and
  ``<output>/.locks/site-<site>.lock`` around each site's crawl (a fleet crawl holds one per site;
  a site whose lock another run holds is skipped and logged, the others run) (two jobs that share a site never
  write its dataset at the same time). Locks are ``flock`` locks, taken without waiting; each crawl
  process inherits its locks, so a crawl that outlives a killed scheduler keeps them until it ends,
  and the kernel releases them when the last holder exits, however it exits.
- **Shutdown**: SIGINT or SIGTERM stops new runs at once and lets running crawls finish for a grace
  period (``--grace``, 30 s by default); then each crawl gets SIGTERM, which Scrapy handles as a
  graceful shutdown (in-flight requests end, the dataset files are closed), and SIGKILL after a
  second grace period. A second signal skips the wait. The scheduler then exits 0.
"""
