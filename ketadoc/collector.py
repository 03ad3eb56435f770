"""When the cyclic garbage collector runs while ketadoc works.

WeasyPrint's layout allocates millions of short-lived objects (boxes copied while lines,
columns and pages are tried), and CPython starts a young collection after every 700
of them: a render of the example handout spent about 7% of its time collecting,
mostly walking objects that were still alive. While a PDF renders, a young collection
waits for :data:`RENDER_THRESHOLD` allocations instead; the process's own thresholds
come back when the last render running in it ends (renders may run in several
threads). Reference counting frees what is dropped as always, so the render grows by
at most the cyclic garbage of one threshold's worth of allocations (about 7 MiB on the
handout).

The tagging pass, which walks pikepdf objects while the whole rendered document is still
alive, pauses the cyclic collector altogether (:func:`without_cyclic_collection`). The
``ketadoc`` command sets the render threshold for its whole process
(:func:`for_this_command`): it loads its modules, renders and exits, and collecting
every 700 allocations while it imports and renders cost a cold build about 60 ms.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = [
    "RENDER_THRESHOLD",
    "fewer_collections",
    "for_this_command",
    "without_cyclic_collection",
]

RENDER_THRESHOLD = 20_000
"""Net allocations between two young collections while a PDF renders (CPython: 700)."""

_LOCK = threading.Lock()
_running = 0
_saved: tuple[int, int, int] | None = None


def for_this_command() -> None:
    """Young collections wait for :data:`RENDER_THRESHOLD` allocations in this process
    from now on (a command's process, not a library's host: it changes the process)."""
    current = gc.get_threshold()
    if 0 < current[0] < RENDER_THRESHOLD:
        gc.set_threshold(RENDER_THRESHOLD, current[1], current[2])


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Young collections wait for :data:`RENDER_THRESHOLD` allocations inside the block.

    A threshold already higher (or collection switched off by the application) is left
    as it is."""
    global _running, _saved
    with _LOCK:
        if _running == 0:
            current = gc.get_threshold()
            if 0 < current[0] < RENDER_THRESHOLD:
                _saved = current
                gc.set_threshold(RENDER_THRESHOLD, current[1], current[2])
        _running += 1
    try:
        yield
    finally:
        with _LOCK:
            _running -= 1
            if _running == 0 and _saved is not None:
                gc.set_threshold(*_saved)
                _saved = None


@contextmanager
def without_cyclic_collection() -> Iterator[None]:
    """The cyclic collector waits until the block ends.

    For a pass that makes a few hundred thousand short-lived objects while the rendered
    document (millions of objects) is still alive: every full collection they would
    trigger walks that whole document again (a third of the tagging pass on a long
    article). Freezing the live objects instead (``gc.freeze``) kept each render's
    cyclic garbage from ever being collected: a worker grew by megabytes per PDF."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
