"""The normaliser never raises and keeps the page's shape, whatever the text."""

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from branchnews.pipelines.normalize import STEPS, Normalizer  # noqa: E402

# Characters the rules care about, so that generated text hits them often:
# Han of both scripts, pinyin letters, ASCII and CJK punctuation, the special
# spaces, the scar marks and the fragment separator itself.
_INTERESTING = (
    "當前頁發時間來國著有隨显卓乾后里台群并要務現將獎"
    "当前页发时间来国着随"
    "dāngyèxiànjiǎngwùWHOC2017"
    ",;:!?()\"'.（）“”，。：、《》"
    " \xa0\u3000\u2002\u2003\u200b\u200d\u2060\ufeff\n\t"
    "?\ufffd\ufdd0"
)
_text = st.text(alphabet=st.sampled_from(_INTERESTING) | st.characters(), max_size=40)
_pages = st.lists(_text, max_size=8)


@settings(max_examples=300, deadline=None)
@given(texts=_pages, target=st.sampled_from(["simplified", "traditional"]), collapse=st.booleans())
def test_never_raises_and_keeps_shape(texts, target, collapse):
    doc = Normalizer(target=target, collapse_spaces=collapse).normalize(texts)
    assert len(doc.texts) == len(texts)
    assert all(isinstance(t, str) for t in doc.texts)
    assert doc.original_script in {"simplified", "traditional", "mixed"}
    assert doc.steps == [s for s in STEPS if s in doc.steps]  # known names, application order
    assert len(set(doc.steps)) == len(doc.steps)


@settings(max_examples=200, deadline=None)
@given(texts=_pages)
def test_space_like_fragments_stay_space_like(texts):
    doc = Normalizer().normalize(texts)
    for before, after in zip(texts, doc.texts):
        if before and before.isspace() and "\u200b" not in before:
            assert after and after.isspace()
