"""Pure text normalisation for Chinese news pages (no Scrapy here).

``Normalizer(target).normalize(fragments)`` takes the text fragments of one
page and returns them repaired (glued pinyin, GBK scars), converted to the
target script (OpenCC), with Chinese punctuation full-width and exotic spaces
plain, plus the page's original script and the steps that changed something.
"""

from .document import STEPS, NormalizedDocument, Normalizer, normalize_text

__all__ = ["STEPS", "NormalizedDocument", "Normalizer", "normalize_text"]
