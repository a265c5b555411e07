import pytest

from branchnews.crawler.pages.sections import split_sections


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
])
def test_split_sections(paragraphs, preamble, sections):
    split = split_sections(paragraphs)
    assert split.preamble == preamble
    assert split.sections == sections
