"""Turn page bytes into text the way a browser would, then check the answer.

Chinese sites lie about their charset in both directions: a ``charset=utf-8`` header on GBK
bytes, a ``gb2312`` meta on pages a browser re-saved as UTF-8, ``gb2312`` labels on text that
needs GBK/GB18030 (镕, 喆, 〇). w3lib's browser order (BOM, header, meta, default) is the first
guess; a guess under which the bytes are not valid is a lie, and the next candidate that decodes
the bytes cleanly wins.
"""

from __future__ import annotations

import codecs
from collections.abc import Mapping
from dataclasses import dataclass

from w3lib.encoding import (
    html_body_declared_encoding,
    html_to_unicode,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

# Tried, in this order, when the declared charset does not fit the bytes. GB18030 is a superset
# of GB2312 and GBK; Big5-HKSCS a superset of Big5.
FALLBACK_ENCODINGS = ("utf-8", "gb18030", "big5hkscs")


@dataclass(frozen=True, slots=True)
class DecodedPage:
    text: str
    encoding: str
    declared: str | None  # what header/meta claimed, when it differs from the encoding used
    exact: bool = False  # every byte decoded under ``encoding``: nothing replaced, no BOM dropped
    replaced: int = 0  # U+FFFD the decoding put in for bytes invalid under ``encoding``


def header_value(headers: Mapping[str, object] | None, name: str) -> str | None:
    """Case-insensitive header lookup over str/bytes keys and str/bytes/list values."""
    if not headers:
        return None
    wanted = name.lower()
    for key, value in headers.items():
        key_s = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        if key_s.lower() != wanted:
            continue
        if isinstance(value, (list, tuple)):
            value = value[0] if value else None
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        return None if value is None else str(value)
    return None


def _clean(body: bytes, encoding: str) -> str | None:
    try:
        return body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_html(body: bytes, headers: Mapping[str, object] | None = None) -> DecodedPage:
    """Decode ``body``; never raises on bad bytes (the worst case keeps U+FFFD replacements)."""
    if not isinstance(body, (bytes, bytearray)):
        raise TypeError(f"page body must be bytes, not {type(body).__name__}")
    body = bytes(body)
    content_type = header_value(headers, "content-type")
    bom_encoding, _ = read_bom(body)
    if bom_encoding:
        encoding, text = html_to_unicode(content_type, body)
        return DecodedPage(text, encoding, None, replaced=_replaced(text, body, encoding))

    declared = []
    header_enc = http_content_type_encoding(content_type) if content_type else None
    if header_enc:
        declared.append(header_enc)
    meta_enc = html_body_declared_encoding(body)
    if meta_enc:
        declared.append(resolve_encoding(meta_enc) or meta_enc)

    candidates: list[str] = []
    for enc in (*declared, *FALLBACK_ENCODINGS):
        name = codecs.lookup(enc).name if _known(enc) else None
        if name and name not in candidates:
            candidates.append(name)
    as_utf8 = _clean(body, "utf-8") if not body.isascii() else None
    if as_utf8 is not None:
        # Multi-byte UTF-8 that validates is almost never an accident, whereas GB18030 accepts
        # nearly any byte string: pages declaring gb2312 but re-saved as UTF-8 land here.
        candidates.remove("utf-8")
        candidates.insert(0, "utf-8")
    for enc in candidates:
        text = as_utf8 if enc == "utf-8" and as_utf8 is not None else _clean(body, enc)
        if text is not None:
            first = declared[0] if declared else None
            lied = first is not None and codecs.lookup(first).name != enc
            return DecodedPage(text, _display_name(enc), _display_name(first) if lied else None,
                               exact=True)
    # Nothing decodes cleanly: a truncated or mixed page. Keep what the browser would show.
    encoding, text = html_to_unicode(content_type, body, default_encoding="utf-8")
    return DecodedPage(text, _display_name(encoding), None, replaced=_replaced(text, body, encoding))


def _replaced(text: str, body: bytes, encoding: str) -> int:
    """How many U+FFFD of ``text`` stand for bytes invalid under ``encoding``: a record built
    from such a page says so (``replacement_chars:N``) instead of passing the holes off as text.
    U+FFFD the page itself encodes are not counted: decoding that skips the bad bytes keeps
    exactly those."""
    found = text.count("\ufffd")
    if not found:
        return 0
    try:
        return found - body.decode(encoding, "ignore").count("\ufffd")
    except LookupError:
        return found


def _known(encoding: str) -> bool:
    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    return True


def _display_name(encoding: str | None) -> str | None:
    """Codec names as users know them: ``utf-8``, ``gb18030``, ``big5hkscs``."""
    if encoding is None:
        return None
    name = codecs.lookup(encoding).name
    return {"utf_8": "utf-8"}.get(name, name.replace("_", "-"))
