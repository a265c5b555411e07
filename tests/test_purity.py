"""The pure layers (page parsing, normalisation, records) must import without Scrapy."""

import subprocess
import sys

import pytest

PURE = ["crawler.pages.article", "crawler.pages.links", "crawler.pages.continuation",
        "crawler.pages.challenge", "pipelines.state",
        "crawler.profiles", "pipelines.normalize", "pipelines.records", "pipelines.output",
        "pipelines.dataset", "pipelines.duplicates", "pipelines.parquet", "pipelines.manifest",
        "pipelines.card", "branchnews.reextract", "crawler.warc"]


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
