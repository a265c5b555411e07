import re

import pytest
from lxml import etree

from branchnews.crawler.profiles import ProfileError, available, load_profile, profile_from_dict
from branchnews.crawler.walk import SiteWalk


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
    assert (SiteWalk(load_profile(site)).link_kind(url) == "article") is article


def test_list_pages_of_trs_profile():
    assert SiteWalk(load_profile("bjzx")).link_kind(
        "https://www.bjzx.gov.cn/zxgz/qgzx/index_1.html") == "list"


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


GOOD = 'name = "x"\nstart_urls = ["http://a.cn/"]\n'


# Each kind of mistake, as a profile file would hold it, and the message it gets: the file is
# named first (checked below), then the key, what is wrong, and what is allowed.
@pytest.mark.parametrize("toml, message", [
    # unknown names: a misspelt one would be ignored and the site crawled with the defaults
    ('[link]\narticle = ["/a/"]\n',
     "unknown table [link] (did you mean [links]?); allowed: name, description, start_urls, "
     "allowed_domains, within, proxy, links, selectors, settings"),
    ('start_url = "http://a.cn/"\n', "unknown key 'start_url' (did you mean 'start_urls'?); allowed: name,"),
    ('[selectors]\ntitel = "//h1"\n', "unknown selector field 'titel' in [selectors] (did you mean "
     "'title'?); allowed: title, published, source, author, editor, breadcrumb, body"),
    ('[selectors]\ncolour = "//p"\n', "unknown selector field 'colour' in [selectors]; allowed: title,"),
    ('[links]\narticles = ["/a/"]\n', "unknown key 'articles' in [links] (did you mean 'article'?); "
     "allowed: article, list, deny"),
    ('[links]\nnext = ["/p/"]\n', "unknown key 'next' in [links]; allowed: article, list, deny"),
    # bad XPath: lxml's reason; functions and variables are looked up at load time too
    ('[selectors]\ntitle = "//h1["\n', "[selectors] 'title': bad XPath '//h1[': Invalid expression"),
    ('[selectors]\nbody = "nosuch(//div)"\n', "[selectors] 'body': bad XPath 'nosuch(//div)': Unregistered function"),
    ('[selectors]\nauthor = "$who"\n', "[selectors] 'author': bad XPath '$who': Undefined variable"),
    ('[selectors]\nsource = "re:test(., \'x\')"\n', "[selectors] 'source': bad XPath \"re:test(., 'x')\": "
     "Undefined namespace prefix"),
    ('[selectors]\nbody = ""\n', "[selectors] 'body' must be an XPath string, got an empty string"),
    # bad regexes name the key
    ("[links]\narticle = ['/ok/', '/a/(\\d+']\n", "[links] 'article': bad regex '/a/(\\d+': missing ),"),
    ('[links]\ndeny = ["*.pdf"]\n', "[links] 'deny': bad regex '*.pdf': nothing to repeat"),
    # wrong types
    ('[links]\narticle = "/a/"\n', "[links] 'article' must be a list of strings, got a string"),
    ('[links]\nlist = ["/l/", 2]\n', "[links] 'list' must be a list of strings, got a list holding a number"),
    ('links = ["/a/"]\n', "'links' must be a table ([links]), got a list"),
    ('[selectors]\ntitle = ["//h1"]\n', "[selectors] 'title' must be an XPath string, got a list"),
    ('allowed_domains = "a.cn"\n', "'allowed_domains' must be a list of strings, got a string"),
    ('proxy = 8931\n', "'proxy' must be a string, got a number"),
    ('description = true\n', "'description' must be a string, got a boolean"),
    ('settings = 1.0\n', "'settings' must be a table ([settings]), got a number"),
    ('[settings]\ndownload_delay = 1.0\n', "[settings] 'download_delay' is not a Scrapy setting name"),
], ids=lambda v: v.split("\n")[-2] if "\n" in v else None)
def test_each_mistake_in_a_profile_file_gets_its_message(tmp_path, toml, message):
    path = tmp_path / "site.toml"
    path.write_text(GOOD + toml, encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_profile(str(path))
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("toml, message", [
    ('name = "x"\nstart_urls = "http://a.cn/"\n', "'start_urls' must be a list of strings, got a string"),
    ('name = ["x"]\nstart_urls = ["http://a.cn/"]\n', "'name' must be a string, got a list"),
])
def test_wrong_types_of_the_required_keys(tmp_path, toml, message):
    path = tmp_path / "site.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ProfileError, match=re.escape(message)):
        load_profile(str(path))


def test_selectors_are_compiled_once_when_the_profile_loads():
    selectors = load_profile("bjzx").selectors
    assert set(selectors) == {"body"} and isinstance(selectors["body"], etree.XPath)
    assert selectors["body"].path == "//div[contains(@class,'TRS_Editor')]"


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
