"""Score branchnews against a labeled corpus, side by side with trafilatura and GNE.

``branchnews eval`` prints the comparison; :mod:`branchnews.evaluation.gate` pins per-field
floors so that extraction quality cannot drop silently. Peers are imported only when asked for.
"""

from branchnews.evaluation.corpus import (Corpus, CorpusError, CorpusPage, corpus_sha256, load,
                                          locate)
from branchnews.evaluation.runner import FIELDS, EvalResult, evaluate
from branchnews.evaluation.tools import make_tool

__all__ = ["FIELDS", "Corpus", "CorpusError", "CorpusPage", "EvalResult", "corpus_sha256",
           "evaluate", "load", "locate", "make_tool"]
