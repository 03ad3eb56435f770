"""WeasyPrint and the native libraries under it, loaded once for every format that needs it.

The pdf exporter renders with WeasyPrint and the docx exporter draws SVG figures with it,
so both import it through :func:`load_weasyprint`.

Why not a plain ``import weasyprint``: WeasyPrint finds Pango, HarfBuzz and fontconfig by
trying a list of library names per library (Windows, macOS and Linux spellings). cffi
answers each name that does not open directly by calling ``ctypes.util.find_library``,
which on Linux runs ``ldconfig``, ``gcc`` and ``ld`` as subprocesses: about fifty
processes and a large part of a cold PDF build. On Linux the sonames WeasyPrint lists
(``libpango-1.0.so.0`` ...) open directly, so while WeasyPrint is imported the search is
answered with "not found" at once; if the import fails that way, it is tried again
with the normal search, so an unusual installation still works.

WeasyPrint subsets embedded fonts with HarfBuzz when ``libharfbuzz-subset`` is present
and falls back to fontTools (slower) otherwise, logging a message for every font. That
fallback is reported here once per process, naming the package to install.
"""

from __future__ import annotations

import ctypes.util
import logging
import sys
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

from ketadoc.errors import MissingDependencyError

__all__ = ["HARFBUZZ_SUBSET_HINT", "harfbuzz_subset_available", "load_weasyprint"]

HARFBUZZ_SUBSET_HINT = (
    "PDF fonts are subset with fontTools, which is slower, because the HarfBuzz subset"
    " library is not installed; install it with your system's package manager"
    " (Debian and Ubuntu: apt install libharfbuzz-subset0)"
)

_LOCK = threading.Lock()
_MODULE: ModuleType | None = None


def load_weasyprint() -> ModuleType:
    """WeasyPrint, imported on first use.

    Raises MissingDependencyError naming Pango when its system libraries cannot load, or
    the weasyprint package when it is not installed.
    """
    global _MODULE
    with _LOCK:
        if _MODULE is None:
            _MODULE = _import()
            if not harfbuzz_subset_available():
                _quiet_fonttools_fallback()
                warnings.warn(HARFBUZZ_SUBSET_HINT, RuntimeWarning, stacklevel=2)
        return _MODULE


def harfbuzz_subset_available() -> bool:
    """Whether WeasyPrint found the HarfBuzz subset library (after :func:`load_weasyprint`)."""
    ffi = sys.modules.get("weasyprint.text.ffi")
    return getattr(ffi, "harfbuzz_subset", None) is not None


def _import() -> ModuleType:
    try:
        if sys.platform.startswith("linux"):
            try:
                with _direct_library_names(), _no_harfbuzz_warning():
                    import weasyprint
            except OSError:  # Python has already dropped the modules that failed
                with _no_harfbuzz_warning():
                    import weasyprint
        else:
            with _no_harfbuzz_warning():
                import weasyprint
    except OSError as exc:  # cffi's dlopen failure: the system library is absent
        raise MissingDependencyError(
            "PDF output needs the Pango text library (libpango-1.0-0 and"
            " libpangoft2-1.0-0), which could not be loaded: install Pango with your"
            f" system's package manager (e.g. apt install libpango-1.0-0). {exc}"
        ) from None
    except ImportError as exc:
        raise MissingDependencyError(
            f"PDF output needs the weasyprint package: pip install weasyprint ({exc})"
        ) from None
    module: ModuleType = weasyprint
    return module


@contextmanager
def _direct_library_names() -> Iterator[None]:
    search = ctypes.util.find_library

    def not_found(name: str) -> str | None:
        return None

    ctypes.util.find_library = not_found
    try:
        yield
    finally:
        ctypes.util.find_library = search


@contextmanager
def _no_harfbuzz_warning() -> Iterator[None]:
    # WeasyPrint's own import-time warning is replaced by HARFBUZZ_SUBSET_HINT.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="HarfBuzz-Subset will be required")
        yield


class _FontToolsFallbackFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "instead of HarfBuzz-Subset" not in str(record.msg)


def _quiet_fonttools_fallback() -> None:
    logging.getLogger("weasyprint").addFilter(_FontToolsFallbackFilter())
