"""Publish dates as Chinese organisation pages write them, parsed into ISO 8601 (Beijing time).

Every shape these pages use is one alternation below; each needs a row in
``tests/crawler/pages/test_dates.py``, near misses included (see GNE's ``[1-24]`` bug).

Records keep the instant a page states, written in Beijing time (``+08:00``, the zone the
sites publish in; China has kept one offset since 1991). A date shown to readers
(``2017年09月14日 10:20``) is Beijing time. A machine date (a ``<meta>`` value, an ISO 8601
``T`` stamp) that carries ``Z`` or an offset is converted to the same instant in Beijing time,
so ``2017-09-14T18:20:00Z`` becomes ``2017-09-15T02:20:00+08:00``; one without a zone is read
as Beijing time. A date without a time stays a date, even with a zone (``2017-09-14Z``): it
names the publisher's calendar day, and moving it to another zone would need a time the page
does not give. Fractional seconds are dropped (records are to the second).

>>> find_dates("发布时间:2017-09-14 10:20")[0].iso
'2017-09-14T10:20:00+08:00'
>>> find_dates("二〇一七年九月十二日")[0].iso
'2017-09-12'
>>> machine_date("2017-09-14T18:20:00Z").iso
'2017-09-15T02:20:00+08:00'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "О": 0, "一": 1, "二": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_YEAR = "[〇○零ＯО一二三四五六七八九]{4}"
_CN_NUM = "[一二三四五六七八九十]{1,3}"

_TIME = (r"(?:\s*|/)(?P<h>[01]?\d|2[0-3])(?::|时)(?P<mi>[0-5]\d)"
         r"(?::(?P<s>[0-5]\d)|分(?:(?P<s2>[0-5]\d)秒)?)?")

BEIJING = timezone(timedelta(hours=8))

# ISO 8601 as machines write it: the pieces of both patterns below.
_ISO_DATE = r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>0?[1-9]|1[0-2])-(?P<d>0?[1-9]|[12]\d|3[01])"
_ISO_TIME = (r"(?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d)(?:[.,]\d+)?)?")
_ZONE = r"(?P<zone>[Zz]|(?:UTC|GMT)?(?P<sign>[+-])(?P<zh>[01]?\d|2[0-3])(?::?(?P<zm>[0-5]\d))?|UTC|GMT)"
# A whole machine value (<meta content>): the time after a T or a space, the zone after the
# time (or the date), a space allowed before it (``2017-09-14 18:20:00 +0000``).
_MACHINE = re.compile(_ISO_DATE + r"(?:(?:[Tt]|\s+)" + _ISO_TIME + r")?(?:\s*" + _ZONE + r")?")
# An ISO stamp with its T inside text: nobody types the T, so a zone right after it belongs to
# it. (Without the T, ``10:20-11:30`` is a time range, not an offset: shown text never has one.)
_ISO_STAMP = re.compile(_ISO_DATE + r"[Tt]" + _ISO_TIME + r"(?:" + _ZONE + r")?(?![\d:])")

_PATTERNS = [
    # 2017-09-14T18:20:00Z, 2017-09-14T10:20:31.5+08:00 (before the next one, which stops at T)
    _ISO_STAMP,
    # 2017-09-14, 2017/9/14, 2017.09.14, optionally followed by 10:20[:31]; 2017/09/14/10:20
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<sep>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=sep)"
               r"(?P<d>0?[1-9]|[12]\d|3[01])(?!\d)(?:" + _TIME + r")?"),
    # 2017年09月14日 10:20, 2017年9月14日10时20分
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>0?[1-9]|1[0-2])\s*月\s*"
               r"(?P<d>0?[1-9]|[12]\d|3[01])\s*日(?:" + _TIME + r")?"),
    # 二〇一七年九月十四日 (〇 U+3007, ○ U+25CB and 零 all occur)
    re.compile(r"(?P<cy>" + _CN_YEAR + r")年(?P<cm>" + _CN_NUM + r")月(?P<cd>" + _CN_NUM + r")日"),
    # 9/17/2004 5:54:13 AM (an ASP server's en-US default), 17/09/2004: read only where the order
    # is told, by a part over 12 or by the 12-hour clock (AM/PM is the US order's)
    re.compile(r"(?<![\d/.-])(?P<a>0?[1-9]|[12]\d|3[01])/(?P<b>0?[1-9]|[12]\d|3[01])/(?P<ay>(?:19|20)\d\d)"
               r"(?![\d/])(?:\s+(?P<h12>[01]?\d|2[0-3]):(?P<mi12>[0-5]\d)(?::(?P<s12>[0-5]\d))?"
               r"(?:\s*(?P<ampm>[AaPp][Mm]))?)?"),
]

# Dates that only the URL carries: TRS t20171120_, Hanweb /art/2017/9/14/, DedeCMS /2017/0914/,
# news CMSes /2017-09/14/ and /c/2016-10-25/.
_URL_PATTERNS = [
    re.compile(r"[/_]t(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)_"),
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/"),
    re.compile(r"/(?P<y>(?:19|20)\d\d)[-/]?(?P<m>[01]\d)[-/]?(?P<d>[0-3]\d)/"),
    re.compile(r"/(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/"),
    re.compile(r"/(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)/"),
]

EARLIEST_YEAR = 1990


@dataclass(frozen=True, slots=True)
class FoundDate:
    iso: str
    raw: str
    start: int
    end: int


def cn_number(text: str) -> int | None:
    """一 → 1, 十 → 10, 十四 → 14, 二十 → 20, 三十一 → 31, 一百零五 → 105, 一百二十 → 120."""
    if not text:
        return None
    if "百" in text:
        hundreds, _, rest = text.partition("百")
        h = CN_DIGITS.get(hundreds) if hundreds else 1
        rest = rest[1:] if rest.startswith(("零", "〇")) and len(rest) == 2 else rest
        r = cn_number(("一" + rest) if rest.startswith("十") else rest) if rest else 0
        return h * 100 + r if h and r is not None and r < 100 else None
    if "十" not in text:
        return CN_DIGITS.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    t = CN_DIGITS.get(tens, 0) if tens else 1
    o = CN_DIGITS.get(ones, 0) if ones else 0
    if (tens and tens not in CN_DIGITS) or (ones and ones not in CN_DIGITS):
        return None
    return t * 10 + o


def _valid(y: int, m: int, d: int, today: date | None) -> bool:
    try:
        value = date(y, m, d)
    except ValueError:
        return False
    latest = today or date.today()
    return EARLIEST_YEAR <= y and value <= date(latest.year + 1, 12, 31)


def _zone(groups: dict[str, str | None]) -> timezone | None:
    """The zone a machine date wrote (``Z``, ``UTC``, ``+0000``, ``-05:00``, ``+08``), if any."""
    if not groups.get("zone"):
        return None
    if not groups.get("sign"):
        return timezone.utc
    offset = timedelta(hours=int(groups["zh"]), minutes=int(groups.get("zm") or 0))
    return timezone(-offset if groups["sign"] == "-" else offset)


def _iso(y: int, m: int, d: int, h: str | None, mi: str | None, s: str | None,
         zone: timezone | None = None) -> str:
    """A date stays a date; a date-time becomes the same instant in Beijing time (a date-time
    without a zone is Beijing time already)."""
    if h is None:
        return f"{y:04d}-{m:02d}-{d:02d}"
    moment = datetime(y, m, d, int(h), int(mi), int(s or 0), tzinfo=zone or BEIJING)
    return moment.astimezone(BEIJING).strftime("%Y-%m-%dT%H:%M:%S+08:00")


def _day_month_order(g: dict) -> tuple[int, int] | None:
    """(month, day) of ``a/b/year``, when the page tells which is which; else None."""
    a, b = int(g["a"]), int(g["b"])
    if a > 12 >= b:
        return b, a
    if b > 12 >= a or (g["ampm"] and a <= 12 and b <= 12):
        return a, b
    return None


def _24_hour(g: dict) -> str | None:
    if g["h12"] is None or not g["ampm"]:
        return g["h12"]
    hour = int(g["h12"]) % 12 + (12 if g["ampm"].lower() == "pm" else 0)
    return str(hour)


def find_dates(text: str, today: date | None = None) -> list[FoundDate]:
    """All plausible full dates in ``text``, in order of position."""
    found: list[FoundDate] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            g = m.groupdict()
            if g.get("cy"):
                y = int("".join(str(CN_DIGITS[c]) for c in g["cy"]))
                mo, d = cn_number(g["cm"]), cn_number(g["cd"])
                if mo is None or d is None:
                    continue
            elif g.get("ay"):
                if (order := _day_month_order(g)) is None:
                    continue
                y, (mo, d) = int(g["ay"]), order
                g["h"], g["mi"], g["s"] = _24_hour(g), g["mi12"], g["s12"]
            else:
                y, mo, d = int(g["y"]), int(g["m"]), int(g["d"])
            if not _valid(y, mo, d, today):
                continue
            if any(f.start <= m.start() < f.end for f in found):
                continue
            found.append(FoundDate(_iso(y, mo, d, g.get("h"), g.get("mi"), g.get("s") or g.get("s2"),
                                        _zone(g)),
                                   m.group(0).strip(), m.start(), m.end()))
    found.sort(key=lambda f: f.start)
    return found


def date_from_url(url: str, today: date | None = None) -> FoundDate | None:
    """The date a CMS wrote into the article's URL path, if any."""
    path = url.split("?", 1)[0]
    for pattern in _URL_PATTERNS:
        m = pattern.search(path)
        if m:
            y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
            if _valid(y, mo, d, today):
                return FoundDate(_iso(y, mo, d, None, None, None), m.group(0), m.start(), m.end())
    return None


def machine_date(value: str, today: date | None = None) -> FoundDate | None:
    """A machine date (a ``<meta>`` value): ``2017-09-14T18:20:00Z``, ``2017-09-14 10:20``.

    Its zone, when it has one, is honoured (see the module's docstring); ``raw`` is then the
    value as written, zone included, so that the record shows why its time differs. Values in
    other shapes (``2017年09月14日``, ``2017/9/14``) are read as shown dates.
    """
    value = value.strip()
    m = _MACHINE.fullmatch(value)
    if m is None:
        dates = find_dates(value, today)
        return dates[0] if dates else None
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not _valid(y, mo, d, today):
        return None
    zone = _zone(m.groupdict())
    # A naive stamp's raw text shows its T as a space, as records always have.
    raw = value if zone else re.sub(r"(?<=\d)[Tt](?=\d)", " ", value)
    return FoundDate(_iso(y, mo, d, m["h"], m["mi"], m["s"], zone), raw, 0, len(value))


_PARTIAL = re.compile(r"(?<!\d)(?P<m>0?[1-9]|1[0-2])\s*(?:[-/.]|月)\s*(?P<d>0?[1-9]|[12]\d|3[01])日?(?!\d)")


def list_date(text: str, reference: date) -> FoundDate | None:
    """A date shown beside a link on a list page, which often has no year (``09-14``): the
    year is the latest that does not put the date after ``reference`` (the crawl's day).

    >>> list_date("09-14", date(2017, 10, 1)).iso
    '2017-09-14'
    >>> list_date("12-30", date(2018, 1, 2)).iso
    '2017-12-30'
    """
    full = find_dates(text, reference)
    if full:
        return full[0]
    m = _PARTIAL.search(text)
    if not m:
        return None
    month, day = int(m["m"]), int(m["d"])
    for year in (reference.year, reference.year - 1):
        try:
            value = date(year, month, day)
        except ValueError:
            continue
        if value <= reference:
            return FoundDate(value.isoformat(), m.group(0).strip(), m.start(), m.end())
    return None
