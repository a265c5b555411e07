"""The install is one package, ``branchnews``: the folders ``crawler/`` and ``pipelines/`` are
installed inside it, so a user's own ``crawler/`` or ``pipelines.py`` never shadows ours."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

FOLDERS = {"branchnews": "branchnews", "crawler": "branchnews/crawler",
           "pipelines": "branchnews/pipelines"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out),
                             str(REPO)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    (built,) = out.glob("branchnews-*.whl")
    return built


def test_the_wheel_holds_only_branchnews(wheel):
    with zipfile.ZipFile(wheel) as whl:
        tops = {name.split("/", 1)[0] for name in whl.namelist()}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"branchnews"}
    assert len([t for t in tops if t.endswith(".dist-info")]) == 1


def test_the_wheel_holds_every_module_and_data_file(wheel):
    """pyproject lists the packages by hand (package-dir maps folders): none may be left out."""
    with zipfile.ZipFile(wheel) as whl:
        names = set(whl.namelist())
    expected = set()
    for folder, installed in FOLDERS.items():
        for path in (REPO / folder).rglob("*"):
            if path.suffix in {".py", ".toml", ".json"} and "__pycache__" not in path.parts:
                expected.add(f"{installed}/{path.relative_to(REPO / folder).as_posix()}")
    assert expected - names == set()
    assert "branchnews/sample_site/site/index.html" in names or any(
        n.startswith("branchnews/sample_site/site/") for n in names)


def _user_folder(tmp_path: Path) -> Path:
    """A working folder of a user's own project with the generic names we used to install."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "pipelines.py").write_text("raise ImportError('the user pipelines.py was imported')\n")
    (tmp_path / "crawler").mkdir()
    (tmp_path / "crawler" / "__init__.py").write_text("raise ImportError('the user crawler/ was imported')\n")
    return tmp_path


def _env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("http_proxy", "pythonpath")}
    env.update(extra)
    return env


@pytest.mark.parametrize("code", [
    "from branchnews import load_dataset; print(load_dataset.__module__)",
    "import branchnews.crawler.settings as s; print(s.SPIDER_MODULES[0])",
])
def test_imports_from_a_folder_with_a_users_pipelines_and_crawler(tmp_path, code):
    cwd = _user_folder(tmp_path)
    result = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=_env(),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("branchnews.")


def test_the_command_runs_from_a_folder_with_a_users_pipelines_and_crawler(tmp_path):
    cwd = _user_folder(tmp_path)
    result = subprocess.run([sys.executable, "-m", "branchnews", "sites"], cwd=cwd, env=_env(),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "sample" in result.stdout


def test_the_installed_wheel_runs_beside_a_users_folder(tmp_path, wheel):
    """The built wheel, not the editable checkout: unpacked onto its own path, ahead of it."""
    target = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target",
                             str(target), str(wheel)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    cwd = _user_folder(tmp_path / "work")
    code = ("import branchnews, branchnews.crawler.profiles as p; "
            "print(branchnews.__file__); print(p.__file__); print(sorted(p.available()))")
    result = subprocess.run([sys.executable, "-c", code], cwd=cwd,
                            env=_env(PYTHONPATH=str(target)), capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    init, profiles, names = result.stdout.splitlines()
    assert init.startswith(str(target)) and profiles.startswith(str(target))
    assert "sample" in names


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("folder", ["branchnews", "crawler", "pipelines", "tests", "bench"])
def test_code_imports_the_pipeline_through_the_branchnews_namespace(folder):
    """The checkout's top-level ``crawler``/``pipelines`` are importable in tests (pytest puts the
    root on sys.path), so an import that skips the namespace would pass here and fail installed."""
    wrong = {f"{path.relative_to(REPO)}: {name}"
             for path in (REPO / folder).rglob("*.py")
             for name in _imported_modules(path)
             if name.split(".", 1)[0] in ("crawler", "pipelines")}
    assert wrong == set()
