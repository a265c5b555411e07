import pytest

from branchnews.crawler.profiles import ProfileError, available, load_profile, profile_from_dict


def test_every_bundled_profile_loads():
    names = available()
    assert {"sample", "bjzx", "hbngd", "hebmm", "rmzxb", "hebeisy"} <= set(names)
    for name in names:
        profile = load_profile(name)
        assert profile.name == name and profile.start_urls and profile.allowed_domains


@pytest.mark.parametrize("site, url, article", [
    ("bjzx", "https://www.bjzx.gov.cn/zxgz/qgzx/201711/t20171120_5830.html", True),
    ("bjzx", "https://www.bjzx.gov.cn/zxgz/qgzx/index_1.html", False),
    ("hbngd", "http://www.hbngd.org.cn/difangxinwen/2025/0707/6134.html", True),
    ("hbngd", "http://www.hbngd.org.cn/difangxinwen/2025/0707/6134_2.html", False),
    ("hebmm", "http://hebmm.org.cn/difangmengwu/langfang/5206.html", True),
    ("rmzxb", "http://www.rmzxb.com.cn/c/2016-10-25/1102171.shtml", True),
    ("hebeisy", "http://www.hebeisy.org.cn/system/2022/06/18/030170394.shtml", True),
])
def test_real_site_article_patterns(site, url, article):
    assert load_profile(site).is_article(url) is article


def test_list_pages_of_trs_profile():
    assert load_profile("bjzx").is_list("https://www.bjzx.gov.cn/zxgz/qgzx/index_1.html")


def test_unknown_site_names_the_known_ones():
    with pytest.raises(ProfileError, match="no site profile 'nope'.*sample"):
        load_profile("nope")


@pytest.mark.parametrize("data, message", [
    ({"start_urls": ["http://a.cn/"]}, "'name' is required"),
    ({"name": "x"}, "start_urls"),
    ({"name": "x", "start_urls": ["ftp://a.cn/"]}, "not http"),
    ({"name": "x", "start_urls": ["http://a.cn/"], "links": {"article": ["("]}}, "bad regex"),
    ({"name": "x", "start_urls": ["http://a.cn/"], "selectors": {"colour": "//p"}}, "unknown selector"),
])
def test_bad_profiles_are_reported_with_their_file(data, message):
    with pytest.raises(ProfileError, match=message) as info:
        profile_from_dict(data, source="sites/x.toml")
    assert "sites/x.toml" in str(info.value)


def test_bad_toml_file_is_named(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("name = \n", encoding="utf-8")
    with pytest.raises(ProfileError, match="broken.toml"):
        load_profile(str(path))


def test_start_url_override_moves_the_allowed_domain():
    profile = profile_from_dict({"name": "x", "start_urls": ["http://a.cn/"], "proxy": "http://127.0.0.1:1"})
    same = profile.with_start_urls(["http://a.cn/col/"])
    assert same.allowed_domains == ("a.cn",) and same.proxy == "http://127.0.0.1:1"
    moved = profile.with_start_urls(["http://127.0.0.1:9000/"])
    assert moved.allowed_domains == ("127.0.0.1",) and moved.proxy is None
