"""Scrapy settings for branchnews: polite, bounded and UTF-8 by default."""

BOT_NAME = "branchnews"
SPIDER_MODULES = ["branchnews.crawler.spiders"]
NEWSPIDER_MODULE = "branchnews.crawler.spiders"
COMMANDS_MODULE = "branchnews.crawler.commands"  # scrapy crawl with the profile checked first

# Politeness: a named agent, robots.txt, and a throttle that backs off when a site slows down.
USER_AGENT = "branchnews/0.1 (research crawler for public news pages)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0

# Safety: bounded pages and time; retries for transient failures only.
# Records and requests of one response handed to the pipelines / scheduler at once: ours are
# synchronous, so more than one only adds asyncio tasks (Scrapy makes one per slot per response:
# at 16, 0.14-0.21 ms an article page against 0.04 ms at 1).
CONCURRENT_ITEMS = 1
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_TIMES = 2  # initial response + 2 retries = 3 requests
# A request that used up its retries goes to the spider's errback, which reports the page's
# failure (a warning naming the URL and the reason, errors.jsonl): Scrapy's own "Gave up
# retrying" line would say it a second time, as an error; it stays in the full log at INFO.
RETRY_GIVE_UP_LOG_LEVEL = "INFO"
REDIRECT_MAX_TIMES = 5
DEPTH_LIMIT = 0

DOWNLOADER_MIDDLEWARES = {
    "branchnews.crawler.middlewares.RedirectSchemeMiddleware": 610,  # sees 3xx before RedirectMiddleware (600)
    "branchnews.crawler.middlewares.ProfileProxyMiddleware": 740,  # before HttpProxyMiddleware (750)
    "branchnews.crawler.warc.WarcMiddleware": 950,  # network side of every built-in: raw bytes as received
}
ADDONS = {
    "branchnews.crawler.distributed.RedisAddon": 0,  # on with BRANCHNEWS_REDIS_URL (--redis)
}
EXTENSIONS = {
    "branchnews.crawler.extensions.RunSummary": 500,
    "branchnews.crawler.garbage_collection.GcThreshold": 0,
}
ITEM_PIPELINES = {
    "branchnews.pipelines.scrapy_pipelines.ValidatePipeline": 100,
    "branchnews.pipelines.scrapy_pipelines.ManifestPipeline": 800,  # closes after the JSON Lines writer (900)
    "branchnews.pipelines.scrapy_pipelines.JsonLinesPipeline": 900,
}

# Where datasets land: <BRANCHNEWS_OUTPUT_DIR>/<site>/<YYYY-MM-DD>.jsonl
BRANCHNEWS_OUTPUT_DIR = "output"
BRANCHNEWS_SCRIPT = "simplified"  # or "traditional"
BRANCHNEWS_PROGRESS_INTERVAL = 30  # seconds between progress lines; 0 turns them off
BRANCHNEWS_WARC = True  # raw request/response capture in <out>/<site>/warc/
BRANCHNEWS_MANIFEST = True  # manifest.json and dataset card README.md at the end of a crawl
BRANCHNEWS_PROXY = ""  # overrides the profile's proxy (the sample site served on another port)
BRANCHNEWS_GC_THRESHOLD = 50_000  # allocations between young collections (0: Python's 700)
BRANCHNEWS_FLEET_MAX_SITES = 0  # crawl SITE SITE …: sites crawled at once (0: all); budgets: CLOSESPIDER_*
BRANCHNEWS_STOP_AFTER_WRITE_FAILURES = 3  # records in a row not written (a full disk): stop
BRANCHNEWS_REDIS_URL = ""  # redis://host:6379/0: be one worker of a distributed crawl
BRANCHNEWS_REDIS_RETRY_SECONDS = 60  # a worker that cannot reach Redis retries this long, then stops

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
TELNETCONSOLE_ENABLED = False
# Scrapy 2.19's remote-control extension runs Python sent to a local HTTP server and leaves job
# files (with its token) in the user's state folder; a crawl run from cron does not need it.
# REMOTE_CONTROL_ENABLED = True (-s) turns it back on.
REMOTE_CONTROL_ENABLED = False
