# cython: language_level=3, boundscheck=False, wraparound=False
"""``lines.walk_page``'s loop over libxml2's nodes, through lxml's public C API.

Why it exists: the walk touches every element and text node of every page, and in Python that
loop is a quarter of the extraction time. Here the tree is walked by C pointers; Python objects
are made only for what the page text keeps (texts, and the elements that own them, hold lines
or links, or are hidden). It must give exactly what ``lines._walk_python`` gives:
``tests/crawler/pages/test_lines.py`` runs both over the same pages.

Only lxml's exported C API is used (libxml2's own functions are not exported by lxml's wheels),
and ``lines`` uses this module only when the lxml it runs with is the one it was compiled
against (the C structs it reads belong to that version).
"""

from libc.string cimport strcmp
from libc.stdlib cimport malloc, realloc, free
cimport lxml.includes.etreepublic as cetree
from lxml.includes cimport tree
from lxml.includes.tree cimport xmlNode

cetree.import_lxml__etree()

cdef extern from "lxml-version.h":
    cdef char* LXML_VERSION_STRING

#: The lxml version this module was compiled against.
LXML_BUILT_WITH = (<bytes>LXML_VERSION_STRING).decode("ascii")

# The kind bits of ``lines._KIND``.
cdef enum:
    BLOCK = 1
    BREAK = 2
    MARK = 4
    LINK = 8
    ALT = 16
    CONTENT = 32

cdef dict _KIND_BY_NAME = {}


def set_kinds(dict kinds):
    """``{tag: kind bits}``: ``lines._KIND``, so that both walks read one table."""
    _KIND_BY_NAME.clear()
    for tag, kind in kinds.items():
        _KIND_BY_NAME[tag.encode("utf-8")] = kind


# Tag names of one document are interned by libxml2: a small cache of name pointers spares the
# dictionary lookup (and a bytes object) per element.
cdef enum:
    CACHE = 64

cdef struct KindCache:
    int size
    const unsigned char* names[CACHE]
    int kinds[CACHE]


cdef inline int _kind(xmlNode* node, KindCache* cache):
    cdef int i
    for i in range(cache.size):
        if cache.names[i] == node.name:
            return cache.kinds[i]
    cdef int kind = _KIND_BY_NAME.get(<bytes>(<const char*>node.name), 0)
    if cache.size < CACHE:
        cache.names[cache.size] = node.name
        cache.kinds[cache.size] = kind
        cache.size += 1
    return kind


cdef inline xmlNode* _first_child(xmlNode* node) noexcept:
    cdef xmlNode* c = node.children
    while c is not NULL and c.type != tree.XML_ELEMENT_NODE:
        c = c.next
    return c


cdef inline xmlNode* _next_sibling(xmlNode* node) noexcept:
    cdef xmlNode* c = node.next
    while c is not NULL and c.type != tree.XML_ELEMENT_NODE:
        c = c.next
    return c


cdef inline bint _has_attr(xmlNode* node, const char* name) noexcept:
    cdef tree.xmlAttr* attr = node.properties
    while attr is not NULL:
        if attr.ns is NULL and strcmp(<const char*>attr.name, name) == 0:
            return True
        attr = attr.next
    return False


cdef int _gather(object text, cetree._Document doc, xmlNode* node, object where, int link,
                 str spaces, list parts, list link_chars, list slots, list texts,
                 list places) except -1:
    """Add one text or tail to the gathering line; 1 when it is a slot (not only spaces)."""
    if not text:
        return 0
    if not text.strip(spaces):
        parts.append(text)
        return 0
    slots.append((cetree.elementFactory(doc, node), where))
    texts.append(text)
    if link:
        link_chars[0] += len(text.strip())
        places.append((parts, len(parts), link_chars))
    else:
        places.append((parts, len(parts), None))
    parts.append(text)
    return 1


cdef struct Frame:
    xmlNode* block
    int link
    int kind


def walk(cetree._Element start, cetree._Element root, bint hidden_attribute, object hides,
         str spaces, str open_mark, str close_mark, object text_slot, object tail_slot,
         list slots, list texts, list places):
    """The walk from ``start`` (see ``lines._walk_python``): fills ``slots``, ``texts`` and
    ``places``; returns ``(pending, hidden)``."""
    cdef cetree._Document doc = start._doc
    cdef xmlNode* c_start = start._c_node
    cdef xmlNode* node = c_start
    cdef xmlNode* child
    cdef xmlNode* sib
    cdef xmlNode* block = root._c_node
    cdef int link = 0
    cdef int kind
    cdef int depth = 0
    cdef int capacity = 64
    cdef Frame* grown
    cdef Frame* stack = <Frame*>malloc(capacity * sizeof(Frame))
    cdef KindCache cache
    cdef bint descend, has_text = False
    cdef list pending = [], hidden = [], parts = [], links = [], link_chars = [0]
    cdef object style, value
    if stack is NULL:
        raise MemoryError()
    cache.size = 0
    try:
        while True:
            # -- start event ------------------------------------------------------------------
            if depth == capacity:
                grown = <Frame*>realloc(stack, 2 * capacity * sizeof(Frame))
                if grown is NULL:
                    raise MemoryError()
                stack = grown
                capacity *= 2
            stack[depth].block = block
            stack[depth].link = link
            stack[depth].kind = 0
            depth += 1
            descend = True
            style = None
            if node.properties is not NULL and _has_attr(node, "style"):
                style = cetree.attributeValueFromNsName(node, NULL, <const unsigned char*>"style")
            if (style is not None and hides(style)) or (
                    hidden_attribute and node.properties is not NULL and _has_attr(node, "hidden")):
                hidden.append(cetree.elementFactory(doc, node))
                descend = False
            else:
                kind = _kind(node, &cache)
                stack[depth - 1].kind = kind
                if kind:
                    if kind & (BLOCK | BREAK):
                        if has_text:
                            pending.append((parts, cetree.elementFactory(doc, block), links,
                                            link_chars))
                            links = []
                            link_chars = [0]
                            has_text = False
                        if parts:
                            parts = []
                        if kind & BLOCK:
                            block = node
                    elif kind & (ALT | CONTENT):
                        if kind & ALT:
                            value = cetree.attributeValueFromNsName(node, NULL, <const unsigned char*>"alt")
                        else:
                            value = cetree.attributeValueFromNsName(node, NULL, <const unsigned char*>"content")
                        if value and value.strip(spaces):
                            slots.append((cetree.elementFactory(doc, node),
                                          "alt" if kind & ALT else "content"))
                            texts.append(value)
                            places.append(None)
                    if kind & LINK and not link:
                        links.append(cetree.elementFactory(doc, node))
                        link = 1
                    if kind & MARK:
                        parts.append(open_mark)
                if cetree.hasText(node):
                    if _gather(cetree.textOf(node), doc, node, text_slot, link, spaces, parts,
                               link_chars, slots, texts, places):
                        has_text = True
            child = _first_child(node) if descend else NULL
            if child is not NULL:
                node = child
                continue
            # -- end events, up to the next sibling -------------------------------------------
            while True:
                depth -= 1
                kind = stack[depth].kind
                if kind & MARK:
                    parts.append(close_mark)
                if kind & BLOCK:
                    if has_text:
                        pending.append((parts, cetree.elementFactory(doc, block), links, link_chars))
                        links = []
                        link_chars = [0]
                        has_text = False
                    if parts:
                        parts = []
                block = stack[depth].block
                link = stack[depth].link
                if depth == 0:
                    break
                if cetree.hasTail(node):  # a tail belongs to the parent: block and link restored
                    if _gather(cetree.tailOf(node), doc, node, tail_slot, link, spaces, parts,
                               link_chars, slots, texts, places):
                        has_text = True
                sib = _next_sibling(node)
                if sib is not NULL:
                    node = sib
                    break
                node = node.parent
            if depth == 0:
                break
        if has_text:
            pending.append((parts, root, links, link_chars))
        return pending, hidden
    finally:
        free(stack)


def han_count(str text):
    """Number of characters in U+4E00–U+9FFF (``lines.Line.han``)."""
    cdef Py_UCS4 ch
    cdef Py_ssize_t n = 0
    for ch in text:
        if 0x4E00 <= ch <= 0x9FFF:
            n += 1
    return n


cdef inline bint _is_heading(xmlNode* node) noexcept:
    cdef const unsigned char* name = node.name
    return (name[0] == b'h' and b'1' <= name[1] <= b'6' and name[2] == 0)


cdef inline xmlNode* _following(xmlNode* node, xmlNode* top) noexcept:
    """The next element after ``node`` in document order, inside ``top`` (NULL at the end)."""
    cdef xmlNode* nxt = _first_child(node)
    if nxt is not NULL:
        return nxt
    while node is not top:
        nxt = _next_sibling(node)
        if nxt is not NULL:
            return nxt
        node = node.parent
    return NULL


cdef inline bint _candidate(xmlNode* node, str prefix, object leaf_test):
    if _is_heading(node) or (node.properties is not NULL
                             and (_has_attr(node, "class") or _has_attr(node, "id"))):
        return True
    if not prefix or _first_child(node) is not NULL or not cetree.hasText(node):
        return False
    return leaf_test(cetree.textOf(node), prefix)


def candidates_before(cetree._Element body, cetree._Element prose, str prefix, object leaf_test):
    """``title._candidates_before`` for a ``prose`` element inside ``body``: the candidate
    elements of <body> before ``prose`` in document order (not its ancestors), then those below
    it. ``leaf_test(text, prefix)`` decides unmarked leaf elements."""
    cdef cetree._Document doc = body._doc
    cdef xmlNode* top = body._c_node
    cdef xmlNode* target = prose._c_node
    cdef xmlNode* node
    cdef list out = []
    cdef set ancestors = set()
    node = target.parent
    while node is not NULL and node is not top:
        ancestors.add(<size_t>node)
        node = node.parent
    node = _first_child(top)
    while node is not NULL and node is not target:
        if <size_t>node not in ancestors and _candidate(node, prefix, leaf_test):
            out.append(cetree.elementFactory(doc, node))
        node = _following(node, top)
    if node is NULL:
        return out
    node = _first_child(target)
    while node is not NULL:
        if _candidate(node, prefix, leaf_test):
            out.append(cetree.elementFactory(doc, node))
        node = _following(node, target)
    return out


def lines_of(list pending, object line_class, str open_mark, str close_mark):
    """``lines.PageText.lines``: the pending lines as ``Line`` objects."""
    cdef list out = [], carried = [], parts, links, link_chars
    cdef str marked, text
    cdef object block
    for parts, block, links, link_chars in pending:
        marked = " ".join("".join(parts).split())
        text = marked.replace(open_mark, "").replace(close_mark, "")
        if "  " in text or text[:1] == " " or text[-1:] == " ":
            text = text.strip().replace("  ", " ")
        if carried:
            links = carried + links
        if not text:  # (its text was normalised away: its links go to the next line)
            carried = links
            continue
        carried = []
        out.append(line_class(text, block, len(out), link_chars[0], links, marked))
    return out
