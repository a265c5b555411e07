"""The truth of T5: ASP legacy table layout (民革市委), GBK bytes and lying charsets, /t5/newsview.asp?Id=…&Tid=4."""

from __future__ import annotations

from .model import Article

_T5_CRUMB = ("首页", "工作动态")

ARTICLES: tuple[Article, ...] = (
    Article(
        template="t5",
        column="4",
        path="/t5/newsview.asp?Id=3890&Tid=4",
        title="民革北湖支部走访慰问困难党员",
        published="2017-09-14T10:20:00+08:00",
        published_raw="2017/09/14/10:20",
        source=None,  # no 来源 label; 发布人:宣传部 is the poster
        author="张某",  # only as the credit line （民革云州市委北湖支部 张某）
        editor=None,
        breadcrumb=_T5_CRUMB,
        body=(
            "中秋节前夕，民革云州市委北湖支部负责同志走访慰问了支部困难党员李镕、张喆等五人，为他们送去慰问金和节日礼品。",
            "每到一户，支部负责同志都与困难党员亲切交谈，详细了解他们的身体状况和家庭生活情况，鼓励他们树立信心、战胜困难。",
            "老党员李镕今年已八十六岁高龄，他感谢组织的关怀，表示将继续关心支持民革事业的发展。",
            "据了解，北湖支部自二〇〇八年起坚持每年开展走访慰问活动，已累计慰问困难党员六十余人次。",
        ),
        variant="header_lies",  # header charset=utf-8, meta gb2312, GBK bytes with 镕 喆 〇
        poster="宣传部",
        unit="民革云州市委北湖支部",
    ),
    Article(
        template="t5",
        column="4",
        path="/t5/newsview.asp?Id=3902&Tid=4",
        title="民革云州市委举办“中山讲堂”专题讲座",
        published="2017-09-28T16:05:00+08:00",
        published_raw="2017/09/28/16:05",
        source=None,
        author="汪某",  # the 记者; the golden author adds the 通讯员: 汪某、代某
        editor="叶某",  # 【编辑:叶某】
        breadcrumb=_T5_CRUMB,
        body=(
            "9月28日，民革云州市委在市社会主义学院举办“中山讲堂”专题讲座，邀请云州学院教授张喆作题为《孙中山与民族复兴》的报告。",
            "张喆教授从孙中山先生的革命实践和建国方略入手，深入阐述了孙中山先生振兴中华的思想及其当代价值。",
            "这是民革云州市委二〇一七年度“中山讲堂”系列讲座的第三讲，全市各基层组织的一百余名党员聆听了讲座。",
        ),
        variant="header_lies",
        poster="宣传部",
        correspondent="代某",
    ),
    Article(
        template="t5",
        column="4",
        path="/t5/newsview.asp?Id=3915&Tid=4",
        title="民革党员热议中共十九大报告",
        published="2017-10-19T09:30:00+08:00",
        published_raw="2017/10/19/09:30",
        source=None,
        author="汪某",
        editor="叶某",
        breadcrumb=_T5_CRUMB,
        body=(
            "10月18日，中国共产党第十九次全国代表大会开幕。民革云州市委组织党员集中收听收看大会开幕会盛况。",
            "党员们表示，十九大报告站得高、看得远，催人奋进。老党员李镕说，作为参政党的一员，要进一步坚定跟中国共产党走的信念。",
            "大家纷纷表示，将认真学习领会十九大精神，立足本职岗位，积极建言献策，为云州发展贡献民革力量。",
        ),
        variant="meta_lies",  # <meta charset="utf-8">, header without charset, GBK bytes
        poster="宣传部",
    ),
    Article(
        template="t5",
        column="4",
        path="/t5/newsview.asp?Id=3871&Tid=4",
        title="民革云州市委开展“博爱·牵手”助学活动",
        published=None,  # no date anywhere: not in the page, the URL or the list
        published_raw=None,
        source=None,
        author=None,
        editor=None,
        breadcrumb=_T5_CRUMB,
        body=(
            "近日，民革云州市委组织开展“博爱·牵手”助学活动，为西山县山区小学的二十名困难学生送去助学金和冬衣。",
            "民革党员张喆代表市委会讲话，勉励同学们克服困难、刻苦学习，长大后回报家乡、服务社会。",
            "“博爱·牵手”是民革云州市委的社会服务品牌，活动已连续开展多年，受到社会各界的好评。",
        ),
        variant="gb2312_header",  # header and meta both say gb2312; the text needs GBK (喆)
        poster="办公室",
    ),
    Article(
        template="t5",
        column="4",
        path="/t5/newsview.asp?Id=3855&Tid=4",
        title="民革云州市委组织党员参观抗战纪念馆",
        published="2017-08-30T08:45:00+08:00",
        published_raw="2017/08/30/08:45",
        source=None,
        author="代某",  # （民革云州市委宣传部 代某）
        editor=None,
        breadcrumb=_T5_CRUMB,
        body=(
            "为纪念全民族抗战爆发八十周年，民革云州市委组织部分党员参观了云州抗战纪念馆。",
            "一、重温历史",
            "党员们认真观看了馆内陈列的图片和实物，深入了解了云州军民英勇抗战的光辉历史。",
            "二、交流体会",
            "参观结束后，党员们进行了座谈交流。大家表示，要铭记历史、缅怀先烈，在新的历史条件下继承和发扬民革的爱国主义传统。",
        ),
        poster="宣传部",
        unit="民革云州市委宣传部",
    ),
)
