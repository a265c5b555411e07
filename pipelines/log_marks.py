"""How a log line asks the console (``branchnews.console``) to treat it, given as ``extra=``.

Every line stays in the full log (``LOG_FILE``, ``-v``). The console leaves DETAIL lines out (the
run summary's JSON, file names: what the final summary already says) and shows PROGRESS lines
only when no live bar shows the same totals. Plain dicts, so the crawl's components mark their
lines without importing the command line (nothing imports upward).
"""

KEY = "console"  # the LogRecord attribute the marks set
DETAIL = {KEY: "detail"}
PROGRESS = {KEY: "progress"}
