"""The truth of T8: an ASP.NET site (区政协 style), ``/t8/xwzx/{column}/{id}.aspx``."""

from __future__ import annotations

from .model import Article

_CRUMB = ("首页", "新闻中心", "政协动态")


def _article(path: str, title: str, raw: str, source: str, author: str | None, editor: str | None,
             body: tuple[str, ...]) -> Article:
    day, _, time = raw.partition(" ")
    return Article(template="t8", column="1001", path=path, title=title,
                   published=f"{day}T{time}+08:00" if time else day, published_raw=raw,
                   source=source, author=author, editor=editor, breadcrumb=_CRUMB, body=body)


ARTICLES: tuple[Article, ...] = (
    _article("/t8/xwzx/1001/204518.aspx", "区政协召开主席会议", "2025-04-08 10:12:05", "区政协办公室",
             "高某", "罗某", (
                 "4月8日，区政协召开主席会议，研究部署第二季度重点工作。",
                 "会议审议了年度协商计划和委员履职管理办法。",
                 "会议强调，要聚焦全区中心工作，把协商议政的成果转化为推动发展的实际效果。",
             )),
    _article("/t8/xwzx/1001/204496.aspx", "政协委员视察城区老旧小区改造", "2025-04-02 15:40:00", "提案委员会",
             "高某", None, (
                 "4月2日，区政协组织部分委员视察城区老旧小区改造工作。",
                 "委员们实地察看了三个改造项目，听取了有关部门的情况介绍。",
             )),
    _article("/t8/xwzx/1001/204431.aspx", "区政协开展委员进社区活动", "2025-03-27 09:05:30", "社会法制委员会",
             None, "罗某", (
                 "3月27日，区政协开展委员进社区活动，为居民提供法律咨询和健康义诊。",
                 "一、法律咨询",
                 "律师界委员现场解答了居民关心的物业纠纷和继承等问题。",
                 "二、健康义诊",
                 "医卫界委员为老年居民测量血压，讲解慢性病防治知识。",
             )),
    _article("/t8/xwzx/1001/204377.aspx", "区政协召开专题协商会", "2025-03-20 14:30:00", "区政协办公室",
             "谭某", "罗某", (
                 "3月20日，区政协召开专题协商会，围绕优化营商环境建言献策。",
                 "八位委员和企业代表作了发言，有关部门负责同志现场回应。",
             )),
)
