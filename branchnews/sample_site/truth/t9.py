"""The truth of T9: a JSP site (市民建 style), ``/t9/news/detail.jsp?id={id}``."""

from __future__ import annotations

from .model import Article

_CRUMB = ("网站首页", "会务动态")


def _article(path: str, title: str, raw: str, source: str, author: str | None, editor: str | None,
             body: tuple[str, ...]) -> Article:
    y, rest = raw.split("年")
    m, rest = rest.split("月")
    d = rest.rstrip("日")
    return Article(template="t9", column="12", path=path, title=title,
                   published=f"{y}-{int(m):02d}-{int(d):02d}", published_raw=raw,
                   source=source, author=author, editor=editor, breadcrumb=_CRUMB, body=body)


ARTICLES: tuple[Article, ...] = (
    _article("/t9/news/detail.jsp?id=7731", "民建市委会召开全委会议", "2025年5月16日", "民建市委会",
             "唐某", "白某", (
                 "5月16日，民建市委会召开全委会议，总结上半年工作，部署下阶段任务。",
                 "会议指出，要围绕民营经济发展开展调研，形成高质量的参政议政成果。",
                 "会议还审议通过了有关人事事项。",
             )),
    _article("/t9/news/detail.jsp?id=7702", "民建会员企业开展助学捐赠", "2025年5月9日", "社会服务部",
             None, "白某", (
                 "5月9日，民建会员企业向山区学校捐赠图书和文体用品。",
                 "受捐学校负责同志对会员企业的爱心善举表示感谢。",
             )),
    _article("/t9/news/detail.jsp?id=7688", "民建市委会举办经济形势报告会", "2025年4月28日", "民建市委会",
             "唐某", None, (
                 "4月28日，民建市委会举办经济形势报告会，邀请专家解读当前经济形势。",
                 "一、形势分析",
                 "专家从消费、投资和外贸三个方面分析了一季度经济运行情况。",
                 "二、对策建议",
                 "专家建议会员企业练好内功，抓住产业升级带来的机遇。",
             )),
    _article("/t9/news/detail.jsp?id=7650", "民建支部开展主题教育活动", "2025年4月15日", "组织部",
             "韩某", "白某", (
                 "4月15日，民建第三支部组织会员赴革命纪念馆开展主题教育活动。",
                 "会员们重温了民建与中国共产党风雨同舟的光荣历史。",
             )),
)
