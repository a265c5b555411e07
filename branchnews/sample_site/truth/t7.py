"""The truth of T7: a WebPlus/VSB site (高校统战部 style), ``/t7/{Y}/{MMDD}/c{col}a{id}/page.htm``."""

from __future__ import annotations

from .model import Article

_CRUMB = ("首页", "统战要闻")


def _article(path: str, title: str, raw: str, source: str, author: str | None, editor: str | None,
             body: tuple[str, ...]) -> Article:
    day, _, time = raw.partition(" ")
    return Article(template="t7", column="tzyw", path=path, title=title,
                   published=f"{day}T{time}:00+08:00" if time else day, published_raw=raw,
                   source=source, author=author, editor=editor, breadcrumb=_CRUMB, body=body)


ARTICLES: tuple[Article, ...] = (
    _article("/t7/2025/0312/c2101a318801/page.htm", "学校召开党外代表人士座谈会", "2025-03-12 09:30",
             "党委统战部", "林某", "郑某", (
                 "3月11日，学校召开党外代表人士座谈会，通报学校年度重点工作，听取意见建议。",
                 "座谈会上，各民主党派基层组织负责人和无党派代表人士围绕人才培养、学科建设等作了发言。",
                 "学校党委负责同志表示，将认真梳理大家的意见建议，推动转化为学校发展的具体举措。",
             )),
    _article("/t7/2025/0305/c2101a318652/page.htm", "民盟支部开展学习交流活动", "2025-03-05 15:10",
             "民盟支部", "许某", None, (
                 "近日，民盟学校支部在图书馆开展集中学习交流活动。",
                 "一、集中学习",
                 "支部盟员集中学习了全国两会相关文件，交流了学习体会。",
                 "二、交流研讨",
                 "大家结合本职工作，就提升课堂教学质量深入交流了意见。",
             )),
    _article("/t7/2025/0226/c2101a318470/page.htm", "统战部举办新任党外干部培训班", "2025-02-26",
             "党委统战部", None, "郑某", (
                 "2月25日至26日，党委统战部举办新任党外干部培训班，二十余名学员参加培训。",
                 "培训采取专题讲座、现场教学和分组研讨相结合的方式进行。",
             )),
    _article("/t7/2025/0218/c2101a318333/page.htm", "九三学社支社召开新学期工作会议", "2025-02-18 10:00",
             "九三学社支社", "宋某", "郑某", (
                 "2月17日，九三学社学校支社召开新学期工作会议，部署全年重点任务。",
                 "会议要求各小组加强自身建设，积极参与学校民主管理和监督。",
                 "与会社员围绕科研服务地方发展提出了建议。",
             )),
    _article("/t7/2025/0110/c2101a317905/page.htm", "学校举行党外人士迎新春茶话会", "2025-01-10 16:30",
             "党委统战部", "林某", None, (
                 "1月9日，学校举行党外人士迎新春茶话会，回顾一年来统一战线工作成绩。",
                 "茶话会上，老同志代表和青年教师代表分别发言，共话学校发展。",
             )),
)
