"""The pure layers (page parsing, normalisation, records) must import without Scrapy."""

import subprocess
import sys

import pytest

PURE = ["branchnews.crawler.pages.article", "branchnews.crawler.pages.links", "branchnews.crawler.pages.continuation",
        "branchnews.crawler.pages.challenge", "branchnews.crawler.pages.headers", "branchnews.crawler.walk", "branchnews.pipelines.state", "branchnews.crawler.pages.layout",
        "branchnews.crawler.pages.paragraphs", "branchnews.crawler.pages.metadata",
        "branchnews.crawler.profiles", "branchnews.pipelines.normalize", "branchnews.pipelines.record", "branchnews.pipelines.record_schema", "branchnews.pipelines.identity", "branchnews.pipelines.output",
        "branchnews.pipelines.dataset", "branchnews.pipelines.duplicates", "branchnews.pipelines.parquet", "branchnews.pipelines.manifest",
        "branchnews.pipelines.card", "branchnews.reextract", "branchnews.crawler.warc",
        "branchnews.pipelines.files", "branchnews.pipelines.checksums", "branchnews.pipelines.summary",
        "branchnews.pipelines.folder_lock", "branchnews.pipelines.tables",
        "branchnews.stats", "branchnews.export"]


@pytest.mark.parametrize("module", PURE)
def test_imports_without_scrapy(module):
    code = (
        "import sys, importlib\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'scrapy' or name.startswith('scrapy.'):\n"
        "            raise ImportError('scrapy is blocked in this test')\n"
        "sys.meta_path.insert(0, Block())\n"
        f"importlib.import_module({module!r})\n"
        "assert not any(m == 'scrapy' or m.startswith('scrapy.') for m in sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
