"""The sample site at any size: N synthetic articles over the same six templates, rendered on request.

    branchnews sample-site --articles 2000 [--port 8931]
    python -m branchnews.sample_site.server --articles 2000 [--port 8931] [-v]

Same host (``branch.example.org.cn``), same proxy mode, same URL → file rule and the same
template modules as the bundled site, so ``crawler/profiles/sample.toml`` crawls it unchanged.
Nothing is written to disk and nothing per article is kept in memory: a request's URL is parsed
back to ``(template, j)``, the article is generated from that index alone (:mod:`.content`) and
rendered (:mod:`.site`), so memory does not grow with N.

=========== ============================================== =====================================
template    list pages (the template's own pager scheme)    article URL
=========== ============================================== =====================================
T1 UTF-8    ``/a/{mjdt,zbfc,czyz,shfw}/``, ``index.html``,   ``/a/<col>/{Y}/{MMDD}/{200000+j}.html``
            ``index.html?page=N``, 20 a page (column j % 4)  (some ASCII punctuation, some
                                                             traditional, some 2019 chrome)
T4 GBK      ``/t4/a/jcfc/`` = ``list_12_1.html``,            ``/t4/a/jcfc/{Y}/{MMDD}/{300000+j}.html``
            ``list_12_N.html``, 20 a page                    + ``_2.html`` (j % 4 == 1) and
                                                             ``_3.html`` (j % 12 == 9)
T6 UTF-8    ``/t6/zxgz/index.shtml``, ``index_N.shtml``      ``/t6/system/{Y}/{MM}/{DD}/{40000000+j:09}.shtml``
T2 UTF-8    ``/t2/{tzxw,dpgz}/index.html``, ``index_K.html`` ``/t2/<col>/{YYYYMM}/t{YYYYMMDD}_{50000+j}.html``
            (script-only TRS pager, 0-based; column j % 2)
T3 UTF-8    ``/t3/col/col1234/index.html``,                  ``/t3/art/{Y}/{M}/{D}/art_1234_{60000+j}.html``
            ``?uid=4567&pageNum=N`` (CDATA records, jpage)
T5 GBK      ``/t5/newslist.asp?Tid=4&page=N``                ``/t5/newsview.asp?Id={10000+j}&Tid=4``
            (prev/next chain; charset lies as in static)
=========== ============================================== =====================================

Every article is linked from exactly one list page. The first page of the T1, T2, T4 and T6
lists also carries the bundled site's non-article links (off-site, attachments); attachments and
images linked from pages answer 200. Truth for tests: :func:`article_at` / :func:`article_urls`
(``golden.golden_record(article_at(n, i))`` is the full expected record). The HTTP side is in
:mod:`branchnews.sample_site.server`.
"""

from __future__ import annotations

from .content import make_article
from .site import TEMPLATES, ScaledSite, article_at, article_urls, count_of

__all__ = ["TEMPLATES", "ScaledSite", "article_at", "article_urls", "count_of", "make_article"]
