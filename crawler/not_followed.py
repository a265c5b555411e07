"""What a crawl skipped: links seen on list pages that it followed neither as articles nor as
lists, tallied by URL shape (:func:`~branchnews.crawler.pages.shapes.url_shape`).

A profile whose ``[links]`` miss a family of articles misses them silently: the crawl ends
"finished" with fewer records. The run summary lists the commonest shapes passed by, each with
how many distinct URLs had it and one of them, so a user sees the family the profile misses.
A URL counts once, and not at all once the crawl follows it from another page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from branchnews.crawler.pages.shapes import url_shape

MOST_SHAPES = 10  # shapes the run summary lists


@dataclass
class NotFollowed:
    """The tally of one crawl: ``by_shape`` maps a shape to its passed URLs, in order seen."""

    by_shape: dict[str, dict[str, None]] = field(default_factory=dict)
    followed: set[str] = field(default_factory=set)
    shape_of: dict[str, str] = field(default_factory=dict)  # passed URL -> its shape

    def note(self, followed: Iterable[str], passed: Iterable[str]) -> None:
        """One page read as a list: the links it followed, and the others it had."""
        for url in followed:
            self.followed.add(url)
            if (shape := self.shape_of.pop(url, None)) is not None:
                urls = self.by_shape[shape]
                urls.pop(url, None)
                if not urls:
                    del self.by_shape[shape]
        for url in passed:
            if url in self.followed or url in self.shape_of:
                continue
            shape = self.shape_of[url] = url_shape(url)
            self.by_shape.setdefault(shape, {})[url] = None

    def commonest(self, most: int = MOST_SHAPES) -> list[dict]:
        """``[{"shape", "count", "example"}, …]``, most URLs first (ties: first seen first)."""
        ranked = sorted(self.by_shape.items(), key=lambda item: -len(item[1]))[:most]
        return [{"shape": shape, "count": len(urls), "example": next(iter(urls))}
                for shape, urls in ranked]
