"""著 → 着 where OpenCC ``t2s`` keeps 著.

Traditional text writes one character, 著, for two words: the aspect particle
and verb *zhe/zháo/zhuó* (simplified 着) and *zhù* "to write, notable"
(simplified 著). OpenCC resolves only the phrases in its dictionary, so
``有著``, ``隨著``, ``意味著``, ``著急`` come out of ``t2s`` still with 著, which a
simplified reader sees as a typo.

Why a word list and not "every 著 → 着": *zhù* is common in news (著名, 著作,
显著, 卓著, 著称, 名著), and turning those into 着 is a worse error than the one
being fixed. So 著 changes only

* after a verb or preposition that takes the particle (有著, 随著, 意味著 …),
  unless the next character makes a *zhù* word (有著名, 本著作, 随著名 stay);
* before a morpheme that only combines with *zháo/zhuó* (著急, 著手, 著想 …),
  unless the previous character makes a *zhù* word (显著, 卓著, 名著 …).

The lists are in simplified characters because the rule runs after ``t2s``;
it also fixes 随著-style slips in pages that were simplified to begin with.
"""

from __future__ import annotations

import re

#: Words after which 著 is the particle 着 (simplified forms).
PARTICLE_IF_PRECEDED_BY = (
    "意味", "围绕", "充满", "存在", "发挥", "承担", "代表", "保持", "经历", "面临",
    "肩负", "推动", "影响", "标志", "象征", "预示", "关注", "寄托", "忙碌",
    "有", "随", "接", "为", "沿", "看", "带", "朝", "本", "向", "跟", "靠", "想",
    "说", "等", "穿", "衣", "试", "忙", "活", "站", "坐", "拿", "抱", "借", "凭",
    "顺", "照", "怀", "守", "盼", "写", "记", "盯", "听", "望", "笑", "哭", "唱",
    "跑", "走", "做", "干", "藏", "躺", "陪", "扶", "拉", "牵", "领", "举", "睡",
)

#: Characters that, right after 著, make a *zhù* word: 著名, 著作, 著称, 著述,
#: 著书, 著录, 著者.
ZHU_IF_FOLLOWED_BY = "名作称述书录者"

#: Morphemes that, right after 著, make a *zháo/zhuó* word (→ 着).
ZHUO_IF_FOLLOWED_BY = "急手想重眼力实装迷落凉火陆色墨笔意"

#: Characters that, right before 著, make a *zhù* word: 显著, 卓著, 昭著, 土著,
#: 名著, 原著, 编著, 专著, 论著, 巨著, 合著, 译著, 遗著, 拙著, 所著, 撰著.
ZHU_IF_PRECEDED_BY = "显卓昭土名原编专论巨合译遗拙所撰"

# One pattern, so a page is searched once. It starts with the literal 著 and
# looks back afterwards, so the search runs at C speed; a look-behind must have
# one width, hence one per prefix length. One pass does what applying the
# rules one after another would: no list above holds 著 or 着, so turning one
# 著 into 着 never changes the verdict on its neighbour.
_ZHE = re.compile(
    "著(?:(?:"
    + "|".join(
        "(?<=(?:" + "|".join(p for p in PARTICLE_IF_PRECEDED_BY if len(p) == width) + ")著)"
        for width in sorted({len(p) for p in PARTICLE_IF_PRECEDED_BY}, reverse=True)
    )
    + f")(?![{ZHU_IF_FOLLOWED_BY}])"
    + f"|(?<![{ZHU_IF_PRECEDED_BY}]著)(?=[{ZHUO_IF_FOLLOWED_BY}]))"
)


def fix_zhe(text: str) -> str:
    if "著" not in text:
        return text
    return _ZHE.sub("着", text)
