"""The truth of T3: 大汉 Hanweb JCMS (县委统战部), UTF-8, /t3/art/{Y}/{M}/{D}/art_{colid}_{artid}.html (no padding)."""

from __future__ import annotations

from .model import Article, Img

_T3_CRUMB = ("首页", "统战动态")

ARTICLES: tuple[Article, ...] = (
    Article(
        template="t3",
        column="col1234",
        path="/t3/art/2017/9/14/art_1234_56789.html",
        title="县委统战部召开民主党派工作座谈会",
        published="2017-09-14T10:20:00+08:00",
        published_raw="2017-09-14 10:20",
        source="中共西山县委统战部",
        author="张某",  # only in the body's last lines: （文/张某 图/李某）
        editor="赵某",  # 审核：刘某 编辑：赵某
        breadcrumb=_T3_CRUMB,
        body=(
            "9月13日，县委统战部召开民主党派工作座谈会，通报全县经济社会发展情况，听取各民主党派县级组织对做好下半年工作的意见建议。",
            "一、上半年工作回顾",
            "上半年，各民主党派县级组织围绕全县中心工作，开展专题调研五次，提交集体提案八件，开展社会服务活动十余次。",
            "二、存在的问题",
            "与会同志认为，当前基层组织发展不平衡、参政议政成果转化不够等问题仍然存在，需要在下一步工作中认真加以解决。",
            "三、下半年工作安排",
            "会议要求，各民主党派县级组织要加强自身建设，围绕脱贫攻坚、生态保护等重点工作深入开展调研，提出有针对性的意见建议。",
        ),
        photographer="李某",
        reviewer="刘某",
    ),
    Article(
        template="t3",
        column="col1234",
        path="/t3/art/2017/8/3/art_1234_56512.html",
        title="民建西山县总支开展助学帮扶活动",
        published="2017-08-03T15:40:00+08:00",
        published_raw="2017-08-03 15:40",
        source="民建西山县总支",
        author="陈某",
        editor=None,  # no editor at all: the last line is 审核：刘某 alone
        breadcrumb=_T3_CRUMB,
        body=(
            "8月3日，民建西山县总支在城关镇中心小学举行助学帮扶活动，为十五名家庭困难学生送去助学金和学习用品。",
            "活动中，民建会员与受助学生及家长亲切交流，勉励同学们珍惜时光、努力学习，以优异的成绩回报社会。",
            "民建西山县总支负责同志表示，总支将继续发挥会员企业家多的优势，把助学帮扶活动长期坚持下去。",
        ),
        reviewer="刘某",
    ),
    Article(
        template="t3",
        column="col1234",
        path="/t3/art/2017/10/9/art_1234_57034.html",
        title="西山县新的社会阶层人士联谊会成立",
        published="2017-10-09T09:00:00+08:00",
        published_raw="2017-10-09 09:00",
        source="中共西山县委统战部",
        author=None,  # no 文/ credit line
        editor="赵某",
        breadcrumb=_T3_CRUMB,
        body=(
            "10月9日，西山县新的社会阶层人士联谊会成立大会召开，来自律师、会计、互联网等行业的六十余名代表参加会议。",
            "一、大会主要议程",
            # Arabic numbering: paragraphs, not sections (the contract has 一、 and （一） only)
            "1.审议通过《西山县新的社会阶层人士联谊会章程》。",
            "2.选举产生联谊会第一届理事会和会长、副会长、秘书长。",
            "二、下一步工作安排",
            "（1）加强联谊交友，定期开展主题活动。",
            "（2）搭建服务平台，引导会员在服务社会中发挥作用。",
        ),
        reviewer="刘某",
    ),
    Article(
        template="t3",
        column="col1234",
        path="/t3/art/2017/11/21/art_1234_57650.html",
        title="县工商联组织非公经济人士学习十九大精神",
        published="2017-11-21T16:15:00+08:00",
        published_raw="2017-11-21 16:15",
        source="西山县工商联",
        author="孙某",  # （文/孙某）
        editor="赵某",
        breadcrumb=_T3_CRUMB,
        body=(
            "11月21日，县工商联组织全县非公有制经济代表人士集中学习中共十九大精神。",
            "学习会上，县委党校讲师围绕十九大报告中关于民营经济发展的重要论述作了辅导报告。",
            "与会企业家表示，要坚定发展信心，专心创业、创新发展，在推动全县经济高质量发展中贡献力量。",
        ),
        reviewer="刘某",
    ),
    Article(
        template="t3",
        column="col1234",
        path="/t3/art/2017/12/5/art_1234_58102.html",
        title="全县民族宗教工作培训班开班",
        published="2017-12-05T08:30:00+08:00",
        published_raw="2017-12-05 08:30",
        source="西山县民族宗教事务局",
        author="张某",
        editor="赵某",
        breadcrumb=_T3_CRUMB,
        body=(
            "12月5日，全县民族宗教工作培训班在县委党校开班，各乡镇分管领导和民族宗教工作干部共八十余人参加培训。",
            Img("/t3/picture/0/1712051015123456789.png", "培训班开班仪式"),
            "培训班为期两天，邀请省、市有关专家围绕民族宗教政策法规、宗教事务管理等内容进行专题授课。",
            "县委统战部负责同志要求，参训人员要认真学习、学以致用，不断提高依法管理民族宗教事务的能力和水平。",
        ),
        photographer="李某",
        reviewer="刘某",
    ),
)
