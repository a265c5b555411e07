"""Build the Scrapyd egg of this project: ``python tests/build_egg.py [DEST_DIR]``.

Scrapyd runs a project from an egg whose ``EGG-INFO/entry_points.txt`` names the settings module
(``[scrapy] settings = branchnews.crawler.settings``). ``scrapyd-deploy`` builds one with a generated
``setup.py`` that says so, but ours is a pyproject-only project: setuptools takes the metadata
from ``pyproject.toml`` and ignores the ``setup.py`` entry point (it warns "'entry-points'
defined outside of pyproject.toml would be ignored"), so that egg has no settings module and
Scrapyd refuses it. This script builds the egg with setuptools from ``pyproject.toml`` itself
(same packages and package data as a wheel), in a scratch copy of the sources so the work tree
gets no ``build/`` or ``*.egg-info``, then adds the ``[scrapy]`` entry point, read from
``scrapy.cfg``. It prints the egg's path; upload it with ``addversion.json`` or
``scrapyd-deploy --egg``.
"""

from __future__ import annotations

import argparse
import configparser
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")


def settings_module(repo: Path = REPO) -> str:
    cfg = configparser.ConfigParser()
    cfg.read(repo / "scrapy.cfg", encoding="utf-8")
    return cfg.get("settings", "default")


def source_folders(repo: Path = REPO) -> list[str]:
    """``branchnews``, ``crawler``, ``pipelines``: the folders pyproject's ``package-dir`` maps
    into the one ``branchnews`` package."""
    pyproject = tomllib.loads((repo / "pyproject.toml").read_text("utf-8"))
    return sorted(set(pyproject["tool"]["setuptools"]["package-dir"].values()))


def add_entry_point(egg: Path, settings: str) -> None:
    """Rewrite the egg (a zip) with ``[scrapy] settings = <module>`` in its entry points."""
    name = "EGG-INFO/entry_points.txt"
    with zipfile.ZipFile(egg) as zin:
        entries = [(info, zin.read(info)) for info in zin.infolist() if info.filename != name]
        current = zin.read(name).decode("utf-8") if name in zin.namelist() else ""
    points = configparser.ConfigParser()
    points.optionxform = str  # entry point names are case-sensitive
    points.read_string(current)
    if not points.has_section("scrapy"):
        points.add_section("scrapy")
    points.set("scrapy", "settings", settings)
    lines = []
    for section in points.sections():
        lines.append(f"[{section}]")
        lines.extend(f"{key} = {value}" for key, value in points.items(section))
        lines.append("")
    tmp = egg.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in entries:
            zout.writestr(info, data)
        zout.writestr(name, "\n".join(lines))
    tmp.replace(egg)


def build_egg(dest: Path, repo: Path = REPO) -> Path:
    """Build ``<dest>/branchnews-<version>-py3.X.egg`` and return its path."""
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="branchnews-egg-") as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        for name in ("pyproject.toml", "README.md"):
            shutil.copy2(repo / name, src / name)
        for folder in source_folders(repo):
            shutil.copytree(repo / folder, src / folder, ignore=_IGNORE)
        out = Path(tmp) / "dist"
        result = subprocess.run(
            [sys.executable, "-c", "from setuptools import setup; setup()",
             "bdist_egg", "--dist-dir", str(out)],
            cwd=src, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"bdist_egg failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
        (built,) = out.glob("*.egg")
        add_entry_point(built, settings_module(repo))
        egg = dest / built.name
        shutil.copyfile(built, egg)
    return egg


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("dest", nargs="?", default=str(REPO / "dist"),
                        help="directory for the egg (default: dist/)")
    args = parser.parse_args(argv)
    print(build_egg(Path(args.dest)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
