"""The one compiled module: ``crawler.pages._walk`` (Cython, against lxml's public C API).

Everything else is in ``pyproject.toml``. The extension is optional: where it cannot be built
(no compiler, no Cython), the package installs without it and ``crawler.pages.lines`` walks the
tree in Python, with the same results, more slowly.
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
    return cythonize([walk], language_level=3, quiet=True)


setup(ext_modules=_extensions())
