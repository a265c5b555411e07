"""Nothing below imports upward: the pipelines (page fields → records on disk) never import the
crawler side (fetching, profiles) or the command-line layer, not even inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import branchnews.pipelines

PIPELINES = Path(branchnews.pipelines.__file__).parent
UPWARD = ("branchnews.crawler", "branchnews.cli", "branchnews.stats", "branchnews.export",
          "branchnews.reextract", "branchnews.evaluation", "branchnews.scheduling",
          "branchnews.sample_site")


def imported_names(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


@pytest.mark.parametrize("path", sorted(PIPELINES.rglob("*.py")),
                         ids=lambda p: p.relative_to(PIPELINES).as_posix())
def test_pipelines_do_not_import_upward(path):
    upward = [n for n in imported_names(path) if n.startswith(UPWARD)]
    assert upward == [], f"{path.name} imports {upward}"


@pytest.mark.parametrize("path", sorted(PIPELINES.rglob("*.py")),
                         ids=lambda p: p.relative_to(PIPELINES).as_posix())
def test_pipelines_parse_no_command_lines(path):
    """Commands live in the command-line layer; library functions take plain arguments."""
    assert "argparse" not in imported_names(path)


def test_the_check_sees_function_level_imports(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from branchnews.crawler.profiles import load_profile\n")
    assert imported_names(module) == ["branchnews.crawler.profiles"]
