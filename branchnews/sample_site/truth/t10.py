"""The truth of T10: a newer Hanweb site (县人民政府 style), ``/t10/art/{Y}/art_{32 hex}.html``."""

from __future__ import annotations

from .model import Article

_CRUMB = ("首页", "政务动态")


def _article(path: str, title: str, raw: str, source: str, author: str | None, editor: str | None,
             body: tuple[str, ...]) -> Article:
    day, _, time = raw.partition(" ")
    return Article(template="t10", column="col2001", path=path, title=title,
                   published=f"{day}T{time}:00+08:00" if time else day, published_raw=raw,
                   source=source, author=author, editor=editor, breadcrumb=_CRUMB, body=body)


ARTICLES: tuple[Article, ...] = (
    _article("/t10/art/2025/art_3f9c2d8e41b04a7c9e6d5b1a2c3f4e50.html", "县政府召开常务会议", "2025-06-10 11:20",
             "县政府办公室", "周某", "孔某", (
                 "6月10日，县政府召开常务会议，研究防汛备汛和安全生产工作。",
                 "会议要求各乡镇和有关部门压实责任，做好应急物资储备。",
                 "会议还研究了其他事项。",
             )),
    _article("/t10/art/2025/art_a1b2c3d4e5f60718293a4b5c6d7e8f90.html", "全县统一战线工作会议召开", "2025-06-03 09:00",
             "县委统战部", None, "孔某", (
                 "6月3日，全县统一战线工作会议召开，总结去年工作，部署今年任务。",
                 "一、主要成绩",
                 "过去一年，全县统一战线围绕中心、服务大局，各项工作取得新进展。",
                 "二、今年任务",
                 "会议要求加强党外代表人士队伍建设，做好新的社会阶层人士工作。",
             )),
    _article("/t10/art/2025/art_0d4e7f1a2b3c4d5e6f708192a3b4c5d6.html", "县领导调研乡村振兴工作", "2025-05-27",
             "县政府办公室", "周某", None, (
                 "5月27日，县领导深入三个乡镇调研乡村振兴工作。",
                 "调研组实地察看了特色种植基地和农产品加工企业。",
             )),
    _article("/t10/art/2025/art_9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b.html", "县政协委员助力农产品销售", "2025-05-20 16:45",
             "县政协", "钱某", "孔某", (
                 "5月20日，县政协组织委员走进直播间，帮助农户推介特色农产品。",
                 "活动当天，委员们介绍了茶叶、山核桃等十余种本地产品。",
             )),
)
