"""The item pipelines, built as Scrapy builds them and fed records directly."""

from __future__ import annotations

import json

import pytest
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.test import get_crawler

from branchnews.pipelines.manifest import CARD_FILE, MANIFEST_FILE
from branchnews.pipelines.scrapy_pipelines import JsonLinesPipeline, ManifestPipeline, ValidatePipeline
from branchnews.pipelines.state import StateStore
from tests.conftest import branchnews_crawler
from tests.pipelines.test_dataset import make_record, write_jsonl


class Stats(dict):
    def inc_value(self, key, count=1, start=0):
        self[key] = self.get(key, start) + count


@pytest.mark.parametrize("pipeline", [ValidatePipeline, JsonLinesPipeline, ManifestPipeline])
def test_off_in_a_crawl_that_is_not_branchnews(pipeline):
    with pytest.raises(NotConfigured):
        pipeline.from_crawler(get_crawler())


# -- ValidatePipeline ---------------------------------------------------------------------------

def test_a_valid_record_passes_untouched():
    record, stats, reported = make_record(), Stats(), []
    assert ValidatePipeline(stats, lambda *a: reported.append(a)).process_item(record) is record
    assert stats == {} and reported == []


def test_an_invalid_record_is_dropped_and_reported():
    stats, reported = Stats(), []
    record = {**make_record(), "published": "14 Sept"}
    with pytest.raises(DropItem, match="invalid record"):
        ValidatePipeline(stats, lambda *a: reported.append(a)).process_item(record)
    assert stats == {"branchnews/dropped/invalid": 1}
    ((url, reason, status),) = reported
    assert url == record["url"] and reason.startswith("invalid record: ") and status is None


def test_validate_reports_to_the_run(tmp_path):
    crawler = branchnews_crawler(tmp_path)
    pipeline = ValidatePipeline.from_crawler(crawler)
    with pytest.raises(DropItem):
        pipeline.process_item({**make_record(), "published": "14 Sept"})
    crawler.branchnews_run.close()
    (errors,) = (tmp_path / "sample").glob("*.errors.jsonl")
    assert json.loads(errors.read_text("utf-8"))["reason"].startswith("invalid record")


# -- JsonLinesPipeline --------------------------------------------------------------------------

@pytest.mark.parametrize("before, record, outcome, version", [
    ([], {}, "new", 1),
    ([{}], {}, "unchanged", None),  # the same content: not written again
    ([{}], {"paragraphs": ["改过。"]}, "updated", 2),
])
def test_new_unchanged_and_updated(tmp_path, before, record, outcome, version):
    site = tmp_path / "sample"
    if before:
        write_jsonl(site / "2026-11-27.jsonl", [make_record(**b) for b in before])
    state, stats = StateStore(site), Stats()
    pipeline = JsonLinesPipeline(site / "2026-11-28.jsonl", state, stats)
    pipeline.open_spider()
    pipeline.process_item(make_record(**record))
    pipeline.close_spider()
    assert stats[f"branchnews/{outcome}"] == 1 and stats["branchnews/articles"] == 1
    day = site / "2026-11-28.jsonl"
    assert day.exists() == bool(version)  # a run that writes nothing leaves no empty day file
    lines = day.read_text("utf-8").splitlines() if version else []
    assert [json.loads(line)["version"] for line in lines] == ([version] if version else [])
    state.close()


def test_json_lines_pipeline_writes_the_runs_file(tmp_path):
    crawler = branchnews_crawler(tmp_path)
    pipeline = JsonLinesPipeline.from_crawler(crawler)
    run = crawler.branchnews_run
    assert pipeline.path == tmp_path / "sample" / f"{run.run_day}.jsonl" and pipeline.state is run.state
    assert not pipeline.shared
    run.close()


# -- ManifestPipeline ---------------------------------------------------------------------------

def test_manifest_written_at_close(tmp_path):
    site = tmp_path / "sample"
    write_jsonl(site / "2026-11-28.jsonl", [make_record()])
    pipeline = ManifestPipeline(site, ("http://branch.example.org.cn/a/zbfc/",))
    assert not hasattr(pipeline, "process_item")
    pipeline.close_spider()
    written = json.loads((site / MANIFEST_FILE).read_text("utf-8"))
    assert written["sites"]["sample"]["start_urls"] == ["http://branch.example.org.cn/a/zbfc/"]
    assert (site / CARD_FILE).read_text("utf-8").startswith("# sample:")


def test_no_manifest_for_a_folder_without_records(tmp_path):
    (tmp_path / "empty").mkdir()  # every page failed
    ManifestPipeline(tmp_path / "empty").close_spider()
    ManifestPipeline(tmp_path / "missing").close_spider()
    assert not (tmp_path / "empty" / MANIFEST_FILE).exists()


@pytest.mark.parametrize("setting, on", [(True, True), (False, False)])
def test_manifest_setting(tmp_path, setting, on):
    crawler = branchnews_crawler(tmp_path, BRANCHNEWS_MANIFEST=setting)
    if on:
        pipeline = ManifestPipeline.from_crawler(crawler)
        assert pipeline.folder == tmp_path / "sample"
        assert pipeline.start_urls == ("http://branch.example.org.cn/",)
    else:
        with pytest.raises(NotConfigured):
            ManifestPipeline.from_crawler(crawler)
    crawler.branchnews_run.close()
