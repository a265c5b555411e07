"""The two compiled modules: ``crawler.pages._walk`` (Cython, against lxml's public C API: the
layout walk) and ``pipelines.normalize._pinyin`` (the glued-pinyin scan).

Everything else is in ``pyproject.toml``. Both are optional: where they cannot be built (no
compiler, no Cython), the package installs without them and the same code runs in Python, with
the same results, more slowly.
"""

from setuptools import Extension, setup


def _extensions() -> list:
    try:
        import lxml
        from Cython.Build import cythonize
    except ImportError:  # building without the build requirements (e.g. tests/build_egg.py)
        return []
    walk = Extension("crawler.pages._walk", ["crawler/pages/_walk.pyx"],
                     include_dirs=lxml.get_include(), optional=True)
    pinyin = Extension("pipelines.normalize._pinyin", ["pipelines/normalize/_pinyin.pyx"],
                       optional=True)
    return cythonize([walk, pinyin], language_level=3, quiet=True)


setup(ext_modules=_extensions())
