# cython: language_level=3, boundscheck=False, wraparound=False
"""``pinyin.strip_annotations``'s scan, compiled.

Why: on a page that shows the artifact (hundreds of annotations in a few thousand characters)
the regex pass over the page costs about as much as OpenCC's conversion itself. This finds the
same annotations (a Han character, ``(``, one to eight pinyin letters, ``)``) in one pass over
the code points. Whether an annotation is a reading of its character is still decided in Python
(``is_reading``, through ``valid``), once per distinct annotation. ``pinyin._strip_python`` is the
same function in Python; the tests compare the two.
"""


cdef inline bint _letter(Py_UCS4 c) noexcept:
    # pinyin.SYLLABLE: a-z A-Z U+00C0–U+024F U+0300–U+036F U+1E00–U+1EFF
    return (0x61 <= c <= 0x7A or 0x41 <= c <= 0x5A or 0xC0 <= c <= 0x24F
            or 0x300 <= c <= 0x36F or 0x1E00 <= c <= 0x1EFF)


cdef inline bint _han(Py_UCS4 c) noexcept:
    # charsets.HAN
    return (0x3400 <= c <= 0x4DBF or 0x4E00 <= c <= 0x9FFF or 0xF900 <= c <= 0xFAFF
            or 0x20000 <= c <= 0x3134F)


def strip(str text, dict verdicts, object valid):
    """``text`` without the annotations ``valid(char, syllable)`` accepts; ``verdicts`` caches
    ``valid``'s answer per annotation (``char(syllable)``)."""
    cdef Py_ssize_t n = len(text), j, k, start, kept = 0
    cdef int letters
    cdef list out = None
    cdef str annotation
    cdef object verdict
    j = 0
    while True:
        j = text.find(")", j)
        if j < 0:
            break
        # the letters just before ")": one to eight, then "(" and a Han character
        k = j - 1
        letters = 0
        while k >= 0 and letters <= 8 and _letter(text[k]):
            k -= 1
            letters += 1
        if 1 <= letters <= 8 and k >= 1 and text[k] == "(" and _han(text[k - 1]):
            start = k - 1
            annotation = text[start:j + 1]
            verdict = verdicts.get(annotation)
            if verdict is None:
                verdict = bool(valid(text[start], text[k + 1:j]))
                verdicts[annotation] = verdict
            if verdict:
                if out is None:
                    out = []
                out.append(text[kept:k])  # up to and with the character, without "(…)"
                kept = j + 1
        j += 1
    if out is None:
        return text
    out.append(text[kept:n])
    return "".join(out)
