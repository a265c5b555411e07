"""Re-parse a page the way a browser does, where libxml2's tree loses or misplaces content.

libxml2 (lxml's HTML parser) is fast but not HTML5: it closes a heading at the first block
inside it (``<h2 class="tit"><p>标题</p></h2>`` leaves an empty ``<h2>`` and the headline outside
it), and it keeps what follows an early ``</html>`` in a second root element that is not part
of the tree the extractor walks. A browser (and html5lib, which implements the WHATWG parsing
algorithm) keeps the paragraph inside the heading and puts late content into ``<body>``.

html5lib is ten times slower than libxml2, so it runs only where libxml2's own parse shows one
of these faults: the check reads what the parse left (its error log, the root's siblings) and
costs nothing on a normal page. html5lib builds the lxml tree directly (its ``lxml`` tree
builder): a Beautiful Soup tree would have to be serialised and parsed by libxml2 again,
which would misplace the same elements again.
"""

from __future__ import annotations

import re

import html5lib
from lxml import etree

# libxml2 errors that mean an element was closed where a browser keeps it open: a heading ended
# by a block inside it (the heading's text then sits outside it).
_MISNESTED = re.compile(r"Unexpected end tag : h[1-6]\b")


def misparsed(root: etree._Element, errors) -> bool:
    """libxml2's tree of this page lost or misplaced content (``errors``: its parse's log)."""
    late = root.getnext()
    while late is not None:  # content after an early </html>: a second root
        if isinstance(late.tag, str) and "".join(late.itertext()).strip():
            return True
        late = late.getnext()
    return any(_MISNESTED.match(error.message) for error in errors)


def browser_tree(text: str) -> etree._Element:
    """The page's tree as a browser builds it (plain lxml elements, no XHTML namespace)."""
    return html5lib.parse(text, treebuilder="lxml", namespaceHTMLElements=False).getroot()
