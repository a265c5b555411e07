"""Generate the bundled sample site and its golden records from the truth (``truth/``).

    python -m branchnews.sample_site.build            # (re)write site/ and tests/golden/sample/
    python -m branchnews.sample_site.build --check    # exit 1 if the committed files differ

Everything is a pure function of the truth: running it twice gives identical bytes (no clocks, no
set ordering, no compression whose output depends on the zlib version). The seed page
``site/a/zbfc/2017/0914/120.html`` is the one file it never writes. The pages themselves come
from ``templates/`` (one module per CMS template), the goldens from :mod:`.golden`; this module
assembles them into files, lists the non-UTF-8 ones in ``_headers.json`` and writes or checks the
committed tree.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from . import SEED_RELPATH, SITE_DIR, url_to_relpath
from .assets import asset_bytes
from .golden import dump_json, golden_name, golden_record, page_paths, split_pages
from .markup import Page, site_path
from .templates import BY_NAME, SITES, STATIC_FILES
from .templates.home import render_home
from .text import Style, TruthError
from .truth import ARTICLES, SITE_ARTICLES, Files, Img

__all__ = ["GOLDEN_DIR", "differences", "generate", "write"]

REPO_ROOT = Path(__file__).resolve().parents[2]
GOLDEN_DIR = REPO_ROOT / "tests" / "golden" / "sample"
HEADERS_FILE = "_headers.json"
ARTICLES_FILE = "_articles.json"
SITES_FOLDER = "sites"  # tests/golden/sample/sites/<template>/: the small sites of their own


class SiteBuilder:
    """Collects ``relpath → bytes`` and per-file Content-Type overrides."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.headers: dict[str, str] = {}

    def add(self, url_path: str, data: bytes, content_type: str | None = None) -> str:
        path, _, query = url_path.partition("?")
        candidates = url_to_relpath(path, query)
        if not candidates:
            raise TruthError(f"{url_path}: refused by the URL → file rule")
        rel = candidates[0]
        if rel in self.files:
            raise TruthError(f"{url_path}: generated twice")
        if rel == SEED_RELPATH:
            raise TruthError("the seed page is committed verbatim, never generated")
        self.files[rel] = data
        if content_type is not None:
            self.headers[rel] = content_type
        return rel

    def add_page(self, page: Page) -> None:
        """A UTF-8 page, or a GBK one served with its ``content_type`` (listed in ``_headers.json``)."""
        if page.content_type is None:
            self.add(page.path, page.html.encode("utf-8"))
            return
        data = page.html.encode("gbk")  # strict: a character outside GBK is a truth error
        if data.decode("gb18030") != page.html:
            raise TruthError(f"{page.path}: GBK bytes do not decode back as gb18030")
        self.add(page.path, data, page.content_type)

    def add_asset(self, url_path: str) -> None:
        """A linked image or attachment; several pages may link the same one."""
        if url_path not in {"/" + rel for rel in self.files}:
            self.add(url_path, asset_bytes(url_path.partition("?")[0]))


def _all_articles() -> tuple:
    return ARTICLES + tuple(a for articles in SITE_ARTICLES.values() for a in articles)


def _check_unique() -> None:
    seen: set[str] = set()
    for a in _all_articles():
        if a.path in seen:
            raise TruthError(f"duplicate article path {a.path}")
        seen.add(a.path)


def generate() -> tuple[dict[str, bytes], dict[str, bytes]]:
    """``(site files, golden files)``: site-relative and golden-dir-relative path → bytes.

    The site files include ``_headers.json`` but not the verbatim seed page.
    """
    _check_unique()
    site = SiteBuilder()
    site.add("/index.html", render_home().encode("utf-8"))
    for url_path, data in STATIC_FILES.items():
        site.add(url_path, data)
    for name, template in BY_NAME.items():
        for page in template.static_pages([a for a in ARTICLES if a.template == name]):
            site.add_page(page)
        for url_path in template.asset_links():
            site.add_asset(url_path)
    for name, template in SITES.items():
        for page in template.static_pages(SITE_ARTICLES[name]):
            site.add_page(page)
        for url_path in template.asset_links():
            site.add_asset(url_path)
    # Images and attachments the articles link to, resolved against the page they appear on
    for article in _all_articles():
        for page_path, blocks in zip(page_paths(article), split_pages(article.body)):
            for block in blocks:
                if isinstance(block, Img):
                    site.add_asset(site_path(page_path, block.src))
                elif isinstance(block, Files):
                    for _, href in block.links:
                        site.add_asset(site_path(page_path, href))
    site.files[HEADERS_FILE] = dump_json(dict(sorted(site.headers.items())))
    return dict(sorted(site.files.items())), _goldens()


def _goldens() -> dict[str, bytes]:
    """The bundled site's goldens, and each small site's under ``sites/<template>/``."""
    goldens = _golden_set(ARTICLES)
    for name, articles in SITE_ARTICLES.items():
        goldens |= {f"{SITES_FOLDER}/{name}/{rel}": data for rel, data in _golden_set(articles).items()}
    return dict(sorted(goldens.items()))


def _golden_set(articles) -> dict[str, bytes]:
    """One golden per article, and the sorted list of every article URL a crawl must find."""
    goldens: dict[str, bytes] = {}
    urls = []
    for article in articles:
        record = golden_record(article)
        if article.script == "traditional":
            style = Style(traditional=True, ascii_punct=article.ascii_punct)
            for text in _record_texts(record):
                style.text(text)  # raises unless it round-trips
        name = golden_name(article)
        if name in goldens:
            raise TruthError(f"golden name clash: {name}")
        goldens[name] = dump_json(record)
        urls.append(record["url"])
    goldens[ARTICLES_FILE] = dump_json(sorted(urls))
    return dict(sorted(goldens.items()))


def _record_texts(record: dict) -> Iterable[str]:
    for field in ("title", "source", "author", "editor"):
        if record[field]:
            yield record[field]
    yield from record["breadcrumb"]
    yield from record["paragraphs"]


# ---------------------------------------------------------------------------------------------
# Writing and checking
# ---------------------------------------------------------------------------------------------


def _existing(root: Path, pattern: str = "**/*") -> dict[str, Path]:
    if not root.exists():
        return {}
    return {p.relative_to(root).as_posix(): p for p in root.glob(pattern) if p.is_file()}


def differences(site_dir: Path = SITE_DIR, golden_dir: Path = GOLDEN_DIR) -> list[str]:
    """What differs between the committed tree and :func:`generate` (empty when in sync)."""
    site, goldens = generate()
    problems: list[str] = []
    for root, wanted, keep in ((site_dir, site, {SEED_RELPATH}), (golden_dir, goldens, set())):
        have = _existing(root)
        for rel, data in wanted.items():
            if rel not in have:
                problems.append(f"missing {root / rel}")
            elif have[rel].read_bytes() != data:
                problems.append(f"differs {root / rel}")
        for rel in sorted(set(have) - set(wanted) - keep):
            problems.append(f"stray {root / rel}")
    if not (site_dir / SEED_RELPATH).is_file():
        problems.append(f"missing seed page {site_dir / SEED_RELPATH}")
    return problems


def write(site_dir: Path = SITE_DIR, golden_dir: Path = GOLDEN_DIR) -> int:
    """Write the generated files, remove stray ones; returns the number of files written."""
    site, goldens = generate()
    written = 0
    for root, wanted, keep in ((site_dir, site, {SEED_RELPATH}), (golden_dir, goldens, set())):
        have = _existing(root)
        for rel in sorted(set(have) - set(wanted) - keep):
            have[rel].unlink()
        for rel, data in wanted.items():
            target = root / rel
            if target.is_file() and target.read_bytes() == data:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            written += 1
        for d in sorted((p for p in root.glob("**/*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
            if not any(d.iterdir()):
                d.rmdir()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m branchnews.sample_site.build", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 when the committed files differ")
    parser.add_argument("--site-dir", type=Path, default=SITE_DIR)
    parser.add_argument("--golden-dir", type=Path, default=GOLDEN_DIR)
    args = parser.parse_args(argv)
    if args.check:
        problems = differences(args.site_dir, args.golden_dir)
        for p in problems:
            print(p, file=sys.stderr)
        return 1 if problems else 0
    n = write(args.site_dir, args.golden_dir)
    print(f"wrote {n} file(s) under {args.site_dir} and {args.golden_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
