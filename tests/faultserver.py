"""A small news site on 127.0.0.1 that fails in every way a real Chinese news site does.

Two list pages (``/news/index.html`` → ``/news/index_1.html``) link to twelve good articles and
to one page per fault; the second list page's pager goes on to ``/news/index_2.html``, which is
a WAF challenge. Use :class:`FaultServer` as a context manager; ``server.requests`` lists every
``(path, Host)`` asked for, in order, and ``server.counts`` counts them per path.

Faults (paths under ``/news/art/``):

==================  =============================================================================
``notfound``        404
``flaky``           500 on the first request, the article on the next (a retry must land it)
``slow``            sleeps :data:`SLOW_SECONDS` before answering (beyond the test's timeout)
``truncated``       ``Content-Length`` larger than the bytes sent, then the connection closes
``loop_a``          302 → ``loop_b`` → 302 → ``loop_a`` …
``huge``            a 20 MB page, streamed in 64 KB chunks (the crawl must cap it)
``huge_stream``     the same without ``Content-Length`` (ends when the connection closes)
``binary``          PNG bytes served as ``text/html``
``waf``             200 with an 阿里云 ``acw_sc__v2`` JavaScript-cookie challenge
``waf_jsl``         521 with a 加速乐 ``__jsl_clearance_s`` first-stage challenge (as in the wild)
``empty``           200 with no body
``gbk``             GBK bytes; header says ``charset=utf-8``, ``<meta>`` says gb2312 (must land)
``malformed``       no ``<html>``, unclosed tags, stray ``</div>`` (must land)
``offsite``         linked as ``http://localhost:<port>/…``: another host, must never be fetched
==================  =============================================================================
"""

from __future__ import annotations

import struct
import threading
import time
import zlib
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SLOW_SECONDS = 4.0
HUGE_BYTES = 20 * 1024 * 1024
CHUNK = 64 * 1024
ARTICLE_PATH = "/news/art/{}.html"


@dataclass(frozen=True)
class GoodArticle:
    slug: str
    title: str
    date: str
    source: str
    author: str
    editor: str
    paragraphs: tuple[str, ...]

    @property
    def path(self) -> str:
        return ARTICLE_PATH.format(self.slug)


def _article(slug, title, date, source, author, editor, *paragraphs) -> GoodArticle:
    return GoodArticle(slug, title, date, source, author, editor, tuple(paragraphs))


GOOD = (
    _article("good01", "民建北京市委召开2024年宣传工作会议", "2024-05-12", "民建北京市委宣传处", "李明", "王丽",
             "5月10日，民建北京市委召开2024年宣传工作会议，总结上一年度宣传工作，部署本年度重点任务。",
             "会议指出，宣传工作要围绕中心、服务大局，讲好民建故事，传播好民建声音，为履职尽责营造良好氛围。",
             "会议要求，各基层组织要加强信息报送，提升网站和新媒体平台的内容质量，做好重大活动的宣传报道。"),
    _article("good02", "市政协召开优化营商环境专题协商会", "2024-05-13", "北京市政协办公厅", "张华", "赵刚",
             "5月13日，市政协召开优化营商环境专题协商会，围绕政务服务便利化、市场主体培育等议题协商议政。",
             "与会委员结合调研情况，就压缩审批时限、完善企业诉求快速响应机制等提出意见建议。",
             "有关部门负责同志逐一回应委员关切，表示将认真研究吸收，推动各项建议落地见效。"),
    _article("good03", "民盟河北省委开展乡村振兴专题调研", "2024-05-14", "民盟河北省委", "陈静", "刘洋",
             "5月上旬，民盟河北省委调研组赴保定、邢台等地，围绕县域特色产业发展开展专题调研。",
             "调研组走访了农业合作社、电商服务站和职业技能培训学校，与基层干部群众深入交流。",
             "调研组表示，将认真梳理调研成果，形成高质量的建言报告，为乡村全面振兴贡献智慧和力量。"),
    _article("good04", "农工党支部开展义诊进社区活动", "2024-05-15", "农工党北京市委", "孙悦", "周敏",
             "5月11日，农工党某支部组织医疗专家走进西城区某社区，开展义诊进社区活动。",
             "专家们为居民提供血压血糖检测、健康咨询和用药指导，并发放健康宣传资料三百余份。",
             "社区居民纷纷表示，这样的活动把优质医疗服务送到了家门口，希望今后多多开展。"),
    _article("good05", "致公党市委举办侨海青年创新创业沙龙", "2024-05-16", "致公党北京市委", "吴凡", "郑洁",
             "5月16日，致公党市委举办侨海青年创新创业沙龙，三十余名青年创业者参加交流。",
             "沙龙邀请投资机构和科技园区负责人，就早期项目融资、知识产权保护等话题进行分享。",
             "参会青年表示，沙龙搭建了交流合作平台，增强了在京创新创业的信心。"),
    _article("good06", "九三学社开展科普讲座进校园活动", "2024-05-17", "九三学社北京市委", "冯磊", "何琳",
             "5月17日，九三学社某支社走进海淀区一所中学，开展科普讲座进校园活动。",
             "社员专家以人工智能与未来生活为题，结合生动案例讲解了机器学习的基本原理。",
             "讲座激发了同学们学习科学的兴趣，现场提问踊跃，气氛热烈。"),
    _article("good07", "民进市委召开参政议政工作推进会", "2024-05-18", "民进北京市委", "许诺", "韩冰",
             "5月18日，民进市委召开参政议政工作推进会，通报今年重点调研课题进展情况。",
             "各课题组负责人分别汇报了调研安排、阶段成果和下一步工作打算。",
             "会议强调，要聚焦教育、文化、出版等界别特色领域，努力形成有分量的调研成果。"),
    _article("good08", "台盟盟员参加两岸青年文化交流活动", "2024-05-19", "台盟北京市委", "林晓", "曹阳",
             "5月19日，台盟北京市委组织盟员参加两岸青年文化交流活动，与台湾青年共话传统文化传承。",
             "活动中，两岸青年共同体验了书法、茶艺和非遗手工技艺，交流学习和生活感受。",
             "参加活动的台湾青年表示，希望今后有更多机会来大陆参访交流，增进了解和友谊。"),
    _article("good09", "民革市委举办新党员培训班", "2024-05-20", "民革北京市委", "彭博", "蒋红",
             "5月20日，民革市委举办新党员培训班，近六十名新党员参加培训。",
             "培训班安排了多党合作历史、民革优良传统和参政议政基本知识等专题授课。",
             "学员们表示，通过培训加深了对中国新型政党制度的理解，增强了组织归属感。"),
    _article("good10", "区政协委员视察老旧小区改造工作", "2024-05-21", "东城区政协", "邓飞", "袁芳",
             "5月21日，区政协组织部分委员视察老旧小区综合整治工作，实地查看多个改造项目。",
             "委员们详细了解了加装电梯、管线改造和停车设施建设等情况，听取居民意见。",
             "委员们建议，要坚持群众需求导向，完善长效管理机制，巩固改造成果。"),
    _article("good11", "工商联举办民营企业合规经营培训", "2024-05-22", "北京市工商联", "田野", "杜鹃",
             "5月22日，市工商联举办民营企业合规经营培训，一百余家会员企业负责人参加。",
             "培训围绕劳动用工、税务管理和数据安全等重点领域，解读了相关法律法规要点。",
             "与会企业表示，培训内容实用，将对照要求查找风险点，提升依法合规经营水平。"),
    _article("good12", "统战部召开党外知识分子座谈会", "2024-05-23", "中共北京市委统战部", "钟秀", "段明",
             "5月23日，市委统战部召开党外知识分子座谈会，听取对当前经济社会发展的意见建议。",
             "来自高校、科研院所和医疗卫生领域的代表先后发言，提出了富有见地的建议。",
             "会议表示，将认真梳理吸收大家的意见建议，为党外知识分子发挥作用搭建更多平台。"),
)
# Pages that are not in GOOD but must land too: (slug, title, first paragraph).
FLAKY = _article("flaky", "民建支部举办法律服务进企业活动", "2024-05-24", "民建北京市委", "罗成", "雷雨",
                 "5月24日，民建某支部组织律师会员走进企业，开展法律服务进企业活动。",
                 "律师会员围绕合同审查、知识产权和劳动争议等问题为企业答疑解惑。",
                 "企业负责人表示，活动帮助企业增强了法律风险防范意识。")
GBK = _article("gbk", "政协委员建言生态文明建设", "2024-05-25", "河北省政协", "白杨", "黎明",
               "5月25日，省政协召开生态环境保护专题座谈会，委员们围绕生态文明建设建言献策。",
               "委员们建议，进一步完善生态补偿机制，加强跨区域流域综合治理。",
               "有关部门表示，将认真研究委员建议，持续改善生态环境质量。")
MALFORMED = _article("malformed", "民主党派联合开展助学帮扶活动", "2024-05-26", "民主党派联合办公室", "江河", "秦月",
                     "5月26日，各民主党派联合开展助学帮扶活动，为山区学校捐赠图书和学习用品。",
                     "活动现场，志愿者为孩子们上了一堂生动的科学实验课，受到师生欢迎。",
                     "学校负责人对各民主党派长期以来的关心支持表示衷心感谢。")
LANDS = (*GOOD, FLAKY, GBK, MALFORMED)
FAULTS = ("notfound", "flaky", "slow", "truncated", "loop_a", "huge", "huge_stream", "binary", "waf",
          "waf_jsl", "empty", "gbk", "malformed")
OFFSITE_PATH = ARTICLE_PATH.format("offsite")
WAF_LIST_PATH = "/news/index_2.html"  # the third list page is a WAF challenge: no links, no error


def article_html(a: GoodArticle, charset: str = "utf-8") -> str:
    paragraphs = "\n".join(f'<p style="text-indent:2em">{p}</p>' for p in a.paragraphs)
    return f"""<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}" />
<title>{a.title}-统战新闻网</title>
<link href="/skin/css/style.css" rel="stylesheet" type="text/css" />
</head>
<body>
<div class="header"><a href="/">首页</a> <a href="/news/index.html">工作动态</a></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/news/index.html">工作动态</a></div>
<div class="article">
<h1 class="title">{a.title}</h1>
<div class="info">发布时间：{a.date}&nbsp;&nbsp;来源：{a.source}&nbsp;&nbsp;作者：{a.author}</div>
<div class="content" id="fontzoom">
{paragraphs}
</div>
<div class="editor">责任编辑：{a.editor}</div>
</div>
<div class="footer">版权所有：统战新闻网 京ICP备12345678号</div>
</body>
</html>
"""


def malformed_html(a: GoodArticle) -> str:
    """No <html>/<head>/<body>, unclosed <p>/<font>/<div>, stray </div>, </span> and </td>."""
    p1, p2, p3 = a.paragraphs
    return f"""<meta charset="utf-8"><title>{a.title}-统战新闻网</title>
<div class="nav"><a href="/">首页</a></div></div></div></span>
<div class="article"><h1 class="title">{a.title}</h1></td>
<div class="info">发布时间：{a.date}&nbsp;来源：{a.source}&nbsp;作者：{a.author}</div></div>
<div class="content"><p>{p1}
<p><font color=red><b>{p2}
<p>{p3}
</div></span>
<div class="editor">责任编辑：{a.editor}
<div class="footer">版权所有：统战新闻网
"""


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + bytes(range(48)) for _ in range(16))  # 16×16 RGB, filter 0
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


# 阿里云 WAF's acw_sc__v2 page: arg1, an obfuscated string table, setCookie + reload.
WAF_ACW = """<html><script>
var arg1='3A6F0E1B9C2D4857A1B2C3D4E5F60718293A4B5C';
var _0x5e8b=['\\x63\\x6f\\x6f\\x6b\\x69\\x65','\\x72\\x65\\x6c\\x6f\\x61\\x64','\\x73\\x70\\x6c\\x69\\x74'];
(function(_0x1a,_0x2b){var _0x3c=function(_0x4d){while(--_0x4d){_0x1a['push'](_0x1a['shift']());}};_0x3c(++_0x2b);}(_0x5e8b,0x1a4));
var posList=[0xf,0x23,0x1d,0x18,0x21,0x10,0x1,0x26,0xa,0x9,0x13,0x1f,0x28,0x1b,0x16,0x17,0x19,0xd];
var mask='3000176000856006061501533003690027800375';
function hexXor(a,b){var r='';for(var i=0;i<a.length&&i<b.length;i+=2){var x=(parseInt(a.slice(i,i+2),16)^parseInt(b.slice(i,i+2),16)).toString(16);r+=x.length==1?'0'+x:x;}return r;}
function unsbox(s){var o=[];for(var i=0;i<s.length;i++){for(var j=0;j<posList.length;j++){if(posList[j]==i+1){o[j]=s[i];}}}return o.join('');}
function setCookie(name,value){var expiredate=new Date();expiredate.setTime(expiredate.getTime()+(3600*1000));document.cookie=name+'='+value+';expires='+expiredate.toGMTString()+';max-age=3600;path=/';}
function reload(x){setCookie("acw_sc__v2",x);document.location.reload();}
reload(hexXor(unsbox(arg1),mask));
</script></html>
"""
# 加速乐's first stage, served with its real status 521: the cookie name spelled out.
WAF_JSL = ("<script>document.cookie=" + "+".join(f"('{c}')" for c in "__jsl_clearance_s=")
           + "+(+!+[]+'')+(3+4+'')+(-~false+'')+('.')+(-~1+'')+('|')+('-')+((+true)+'')+('|')"
           + "+('L')+('w')+('j')+('%')+('3')+('D')+(';')+(' ')+('M')+('a')+('x')+('-')+('a')+('g')"
           + "+('e')+('=')+('3')+('6')+('0')+('0')+(';')+(' ')+('P')+('a')+('t')+('h')+('=')+('/');"
           + "location.href=location.pathname+location.search</script>")


def list_page(title: str, links: list[tuple[str, str]], next_href: str | None) -> bytes:
    items = "\n".join(f'<li><a href="{href}" target="_blank">{text}</a><span>2024-05-2x</span></li>'
                      for href, text in links)
    pager = f'<a href="{next_href}">下一页</a>' if next_href else "<span>下一页</span>"
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}-统战新闻网</title></head>
<body><div class="header"><a href="/">首页</a></div>
<div class="list"><ul>
{items}
</ul></div>
<div class="pager"><a href="index.html">首页</a> {pager}</div>
<div class="footer">版权所有：统战新闻网</div></body></html>
""".encode()


class _Handler(BaseHTTPRequestHandler):
    server: "FaultServer"

    def log_message(self, *args):
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
              length: int | None = None, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: C901 - one branch per fault reads best as a table
        srv = self.server
        path = self.path.split("?", 1)[0]
        count = srv.saw(path, self.headers.get("Host", ""))
        try:
            self._route(srv, path, count)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            pass  # the crawler hung up (timeout, size cap): that is the point

    def _route(self, srv: "FaultServer", path: str, count: int) -> None:
        if path == "/robots.txt":
            return self._send(200, b"User-agent: *\nAllow: /\n", "text/plain")
        if path == "/news/index.html":
            return self._send(200, srv.list_pages[0])
        if path == "/news/index_1.html":
            return self._send(200, srv.list_pages[1])
        if path == WAF_LIST_PATH:
            return self._send(200, WAF_ACW.encode(), "text/html")
        good = srv.good_by_path.get(path)
        if good is not None:
            return self._send(200, article_html(good).encode("utf-8"))
        slug = path.rsplit("/", 1)[-1].removesuffix(".html") if path.startswith("/news/art/") else ""
        if slug == "flaky":
            if count == 1:
                return self._send(500, b"<html><body>Internal Server Error</body></html>")
            return self._send(200, article_html(FLAKY).encode("utf-8"))
        if slug == "slow":
            time.sleep(SLOW_SECONDS)
            return self._send(200, article_html(GOOD[0]).encode("utf-8"))
        if slug == "truncated":
            body = article_html(GOOD[1]).encode("utf-8")
            self.close_connection = True
            self._send(200, body[: len(body) // 3], length=len(body) + 4096)
            self.wfile.flush()
            return
        if slug == "loop_a":
            return self._send(302, b"", headers={"Location": ARTICLE_PATH.format("loop_b")})
        if slug == "loop_b":
            return self._send(302, b"", headers={"Location": ARTICLE_PATH.format("loop_a")})
        if slug == "huge":
            return self._stream_huge(declare_length=True)
        if slug == "huge_stream":
            return self._stream_huge(declare_length=False)
        if slug == "binary":
            return self._send(200, srv.png, "text/html")
        if slug == "waf":
            return self._send(200, WAF_ACW.encode(), "text/html")
        if slug == "waf_jsl":
            return self._send(521, WAF_JSL.encode(), "text/html")
        if slug == "empty":
            return self._send(200, b"")
        if slug == "gbk":
            return self._send(200, article_html(GBK, charset="gb2312").encode("gbk"),
                              "text/html; charset=utf-8")
        if slug == "malformed":
            return self._send(200, malformed_html(MALFORMED).encode("utf-8"))
        return self._send(404, "<html><body><h1>404 页面不存在</h1></body></html>".encode())

    def _stream_huge(self, declare_length: bool) -> None:
        """20 MB of article-ish HTML without holding it: one 64 KB block written again and again.

        With ``Content-Length`` the crawler can refuse up front; without it (the body ends when
        the connection closes) it has to count bytes as they arrive.
        """
        head = b'<html><head><meta charset="utf-8"><title>huge</title></head><body>'
        block = ("<p>" + "大" * 1000 + "</p>\n").encode()
        block = (block * (CHUNK // len(block) + 1))[:CHUNK]
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if declare_length:
            self.send_header("Content-Length", str(HUGE_BYTES))
        self.close_connection = True
        self.end_headers()
        self.wfile.write(head)
        sent = len(head)
        while sent < HUGE_BYTES:
            piece = block[: HUGE_BYTES - sent]
            self.wfile.write(piece)
            sent += len(piece)
            self.server.huge_bytes_sent[self.path] = sent


class FaultServer(ThreadingHTTPServer):
    """The fault site; ``url`` is its root, ``requests`` every (path, Host) asked for."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, host: str = "127.0.0.1", port: int = 0):
        super().__init__((host, port), _Handler)
        self.url = f"http://{host}:{self.server_address[1]}"
        self.offsite_url = f"http://localhost:{self.server_address[1]}{OFFSITE_PATH}"
        self._lock = threading.Lock()
        self.requests: list[tuple[str, str]] = []
        self.counts: Counter[str] = Counter()
        self.huge_bytes_sent: dict[str, int] = {}
        self.good_by_path = {a.path: a for a in GOOD}
        self.png = _png()
        art = lambda slug: ARTICLE_PATH.format(slug)  # noqa: E731
        page1 = [(a.path, a.title) for a in GOOD[:6]]
        page1 += [(art(s), s) for s in FAULTS[:6]] + [(self.offsite_url, "友情链接：外站文章")]
        page2 = [(a.path, a.title) for a in GOOD[6:]] + [(art(s), s) for s in FAULTS[6:]]
        self.list_pages = (list_page("工作动态", page1, "index_1.html"),
                           list_page("工作动态（第2页）", page2, "index_2.html"))

    def saw(self, path: str, host: str) -> int:
        with self._lock:
            self.requests.append((path, host))
            self.counts[path] += 1
            return self.counts[path]

    def __enter__(self) -> "FaultServer":
        threading.Thread(target=self.serve_forever, name="fault-server", daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
        self.server_close()
