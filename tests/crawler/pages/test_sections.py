import pytest

from branchnews.crawler.pages.sections import split_sections
from tests.crawler.pages.invented import extract


def sec(marker, number, level, heading, paragraphs, subsections=None):
    out = {"marker": marker, "number": number, "level": level, "heading": heading,
           "paragraphs": paragraphs}
    if subsections:
        out["subsections"] = subsections
    return out


@pytest.mark.parametrize("paragraphs, preamble, sections", [
    pytest.param(["前言。"], ["前言。"], [], id="no-headings"),
    pytest.param(["前言。", "一、总体要求", "内容一。", "二、主要任务", "内容二。"], ["前言。"],
                 [sec("一、", 1, 1, "总体要求", ["内容一。"]), sec("二、", 2, 1, "主要任务", ["内容二。"])],
                 id="level-1"),
    pytest.param(["一、总体要求", "（一）指导思想", "甲。", "(二)工作目标", "乙。", "二、任务"], [],
                 [sec("一、", 1, 1, "总体要求", [], [sec("（一）", 1, 2, "指导思想", ["甲。"]),
                                                  sec("(二)", 2, 2, "工作目标", ["乙。"])]),
                  sec("二、", 2, 1, "任务", [])], id="level-2-nested"),
    pytest.param(["十一、第十一项", "内容。"], [], [sec("十一、", 11, 1, "第十一项", ["内容。"])], id="eleven"),
    pytest.param(["一是组织领导机制，两月召开一次会。二是参政议政机制。"],
                 ["一是组织领导机制，两月召开一次会。二是参政议政机制。"], [], id="inline-yishi"),
    pytest.param(["三中、四中、五中、六中全会精神深入人心。"], ["三中、四中、五中、六中全会精神深入人心。"], [],
                 id="plenums"),
    pytest.param(["一、" + "很长的段落" * 20], ["一、" + "很长的段落" * 20], [], id="too-long"),
    # regulations: chapter > article > item, each kind inside the kinds above it
    pytest.param(["为规范提案工作，制定本办法。", "第一章 总则", "第一条 本办法适用于全体委员。",
                  "第二条 提案应当实事求是。", "第二章　提案的提出", "第三条 提案人", "一、委员", "（一）个人", "甲。",
                  "二、参加单位"],
                 ["为规范提案工作，制定本办法。"],
                 [sec("第一章", 1, 1, "总则", [], [sec("第一条", 1, 2, "", ["本办法适用于全体委员。"]),
                                                 sec("第二条", 2, 2, "", ["提案应当实事求是。"])]),
                  sec("第二章", 2, 1, "提案的提出", [], [
                      sec("第三条", 3, 2, "提案人", [], [
                          sec("一、", 1, 3, "委员", [], [sec("（一）", 1, 4, "个人", ["甲。"])]),
                          sec("二、", 2, 3, "参加单位", [])])])],
                 id="chapter-article-item"),
    # articles alone; a long clause is the article's paragraph, numbers past ninety-nine read
    pytest.param(["第九十九条 " + "委员应当" * 20, "第一百条 本章程自通过之日起施行。", "第一百零一条 附则"], [],
                 [sec("第九十九条", 99, 1, "", ["委员应当" * 20]),
                  sec("第一百条", 100, 1, "", ["本章程自通过之日起施行。"]),
                  sec("第一百零一条", 101, 1, "附则", [])], id="articles-alone"),
    # chapters with sections (第一节) between them and the items
    pytest.param(["第一章 组织", "第一节 全体会议", "一、会议制度", "第二节 常务委员会", "第二章 附则"], [],
                 [sec("第一章", 1, 1, "组织", [], [
                     sec("第一节", 1, 2, "全体会议", [], [sec("一、", 1, 3, "会议制度", [])]),
                     sec("第二节", 2, 2, "常务委员会", [])]),
                  sec("第二章", 2, 1, "附则", [])], id="chapter-section"),
    # one 第一条 in prose is an ordinal, not an article: outer kinds need two in order
    pytest.param(["第一条经验是坚持党的领导。", "一、主要做法", "甲。"], ["第一条经验是坚持党的领导。"],
                 [sec("一、", 1, 1, "主要做法", ["甲。"])], id="lone-ordinal"),
    # a plan's or work report's parts (第一部分) above its 一、 and （一）
    pytest.param(["前言。", "第一部分 总体要求", "一、指导思想", "甲。", "（一）坚持问题导向", "乙。", "第二部分：主要任务",
                  "丙。"], ["前言。"],
                 [sec("第一部分", 1, 1, "总体要求", [], [
                     sec("一、", 1, 2, "指导思想", ["甲。"], [sec("（一）", 1, 3, "坚持问题导向", ["乙。"])])]),
                  sec("第二部分", 2, 1, "主要任务", ["丙。"])], id="parts"),
    pytest.param(["这一部分是导语。", "第一部分内容很多。"], ["这一部分是导语。", "第一部分内容很多。"], [],
                 id="lone-part-in-prose"),
    pytest.param(["第一章 总则", "内容。", "第二章 附则"], [],
                 [sec("第一章", 1, 1, "总则", ["内容。"]), sec("第二章", 2, 1, "附则", [])], id="chapters"),
    # a short heading set spaced out to the width of the others (总　则), not two words apart
    pytest.param(["第一章　总　　则", "内容。", "第二章　附　则", "第三章 工作 机制"], [],
                 [sec("第一章", 1, 1, "总则", ["内容。"]), sec("第二章", 2, 1, "附则", []),
                  sec("第三章", 3, 1, "工作 机制", [])], id="spaced-out-headings"),
    # a numbered list of sentences: a short item beside long ones is an item, not a heading
    pytest.param(["六、其它", "（一）考生于当年9月入学。", "（二）考生必须保证提交材料的真实性。" + "一经发现作伪，取消资格。" * 5],
                 [], [sec("六、", 6, 1, "其它", ["（一）考生于当年9月入学。",
                                                 "（二）考生必须保证提交材料的真实性。" + "一经发现作伪，取消资格。" * 5])],
                 id="list-items"),
    # and so is a short item between two short ones, down the run from a long sibling
    pytest.param(["六、其它", "（一）考生必须保证提交材料的真实性。" + "一经发现作伪，取消资格。" * 5,
                  "（二）考生于当年9月入学。", "（三）现役军人考生按有关规定办理。", "（四）本办法由招生办负责解释。"],
                 [], [sec("六、", 6, 1, "其它", ["（一）考生必须保证提交材料的真实性。" + "一经发现作伪，取消资格。" * 5,
                                                 "（二）考生于当年9月入学。", "（三）现役军人考生按有关规定办理。",
                                                 "（四）本办法由招生办负责解释。"])],
                 id="list-items-run"),
    # a short heading beside its long sibling stays a heading, and so do headings ending a clause
    # whose neighbours are headings too
    pytest.param(["（一）指导思想", "（二）基本原则。" + "坚持问题导向，" * 10],
                 [], [sec("（一）", 1, 2, "指导思想", ["（二）基本原则。" + "坚持问题导向，" * 10])],
                 id="heading-beside-item"),
    pytest.param(["（一）加强组织领导。", "甲。", "（二）强化督促指导。", "乙。"], [],
                 [sec("（一）", 1, 2, "加强组织领导。", ["甲。"]), sec("（二）", 2, 2, "强化督促指导。", ["乙。"])],
                 id="clause-headings"),
    # a heading that introduces its value with a colon is the words before it
    pytest.param(["一、项目编号：", "HBCG-2024-001", "二、项目名称：", "某某设备采购"], [],
                 [sec("一、", 1, 1, "项目编号", ["HBCG-2024-001"]), sec("二、", 2, 1, "项目名称", ["某某设备采购"])],
                 id="colon-heading"),
])
def test_split_sections(paragraphs, preamble, sections):
    split = split_sections(paragraphs)
    assert split.preamble == preamble
    assert split.sections == sections


def test_a_regulation_page_gives_nested_sections_in_a_valid_record():
    from branchnews.pipelines.record_schema import problems

    body = ["为规范某某委员会提案工作，根据章程，制定本办法。", "第一章 总则", "第一条 本办法适用于全体委员和参加单位。",
            "第二条 提案应当坚持实事求是。", "第二章 提案的提出", "第三条 下列主体可以提出提案：",
            "一、委员", "（一）以个人名义", "委员个人可以提出提案。", "二、参加单位"]
    page = ("<html><head><title>某某委员会提案工作办法</title></head><body><h1>某某委员会提案工作办法</h1>"
            "<div class='content'>" + "".join(f"<p>{p}</p>" for p in body) + "</div></body></html>")
    record = extract(page, "http://www.example.gov.cn/a/1.html")
    assert problems(record) == []
    chapters = record["sections"]
    assert [(s["marker"], s["level"]) for s in chapters] == [("第一章", 1), ("第二章", 1)]
    article = chapters[1]["subsections"][0]
    assert (article["marker"], article["heading"], article["paragraphs"]) == ("第三条", "", ["下列主体可以提出提案："])
    item = article["subsections"][0]["subsections"][0]
    assert (item["marker"], item["level"], item["paragraphs"]) == ("（一）", 4, ["委员个人可以提出提案。"])
    assert record["paragraphs"] == body and record["preamble"] == body[:1]
