"""Running one function over many items in worker processes, for builds and checks alike.

Work runs on any ``concurrent.futures.Executor`` (a Dask or Ray cluster runs it
unchanged), or on a process pool of ``jobs`` workers, or in this process when one worker
is asked for or there is too little work to pay for a pool. Each item ends as one
:class:`Outcome`: its value, the exception that stopped it (its worker may have died), or
"not started" when the run was stopped early. A :class:`WarmPool` keeps its processes
between calls, for a session that renders again and again.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = ["Outcome", "WarmPool", "default_jobs", "forks_cleanly", "run_each"]

ItemT = TypeVar("ItemT")
ValueT = TypeVar("ValueT")


@dataclass(frozen=True, slots=True)
class Outcome(Generic[ValueT]):
    """How one item's work ended."""

    value: ValueT | None = None
    error: BaseException | None = None
    """What stopped the work: an exception it raised, or BrokenProcessPool for a dead worker."""
    started: bool = True


def default_jobs() -> int:
    """The number of CPUs this process may run on: the default number of workers."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # macOS and Windows have no affinity call
        return os.cpu_count() or 1


def forks_cleanly() -> bool:
    """Whether a worker process can be a plain fork of this one: the platform forks
    safely (not macOS, whose system libraries do not survive a fork), the program has
    not chosen another start method, and this process runs no other thread, whose
    locks a fork would copy in whatever state they are in. Such a worker starts in
    milliseconds with everything imported here, and needs no
    ``if __name__ == "__main__":`` guard in the calling script."""
    chosen = multiprocessing.get_start_method(allow_none=True)
    if chosen is None:
        can_fork = "fork" in multiprocessing.get_all_start_methods()
        chosen = "fork" if can_fork and sys.platform != "darwin" else None
    return chosen == "fork" and threading.active_count() == 1


OnOutcome = Callable[[int, Outcome[ValueT]], bool]
"""Called in this process as each item ends, with its index; True stops starting others."""


def run_each(
    work: Callable[[ItemT], ValueT],
    items: Sequence[ItemT],
    *,
    jobs: int | None = None,
    executor: cf.Executor | None = None,
    on_outcome: OnOutcome[ValueT] | None = None,
    min_pool_items: int = 2,
) -> list[Outcome[ValueT]]:
    """Run ``work`` on every item; return one Outcome per item, in item order.

    ``work`` must be a top-level function and the items picklable when they go to other
    processes. ``executor`` is used as given and not shut down; otherwise ``jobs``
    processes (default: the CPU count) are started when there are at least
    ``min_pool_items`` items. An exception in ``work`` ends its item, not the run;
    KeyboardInterrupt cancels what has not started, waits for what runs, and re-raises.
    """
    outcomes: dict[int, Outcome[ValueT]] = {}

    def finish(index: int, outcome: Outcome[ValueT]) -> bool:
        outcomes[index] = outcome
        return bool(on_outcome(index, outcome)) if on_outcome is not None else False

    workers = min(jobs or default_jobs(), len(items))
    if executor is None and (workers <= 1 or len(items) < min_pool_items):
        stopped = False
        for index, item in enumerate(items):
            if stopped:
                finish(index, Outcome(started=False))
                continue
            try:
                outcome: Outcome[ValueT] = Outcome(work(item))
            except Exception as exc:
                outcome = Outcome(error=exc)
            stopped = finish(index, outcome)
    elif executor is not None:
        _run_on(executor, work, items, finish)
    else:
        with cf.ProcessPoolExecutor(max_workers=workers) as pool:
            _run_on(pool, work, items, finish)
    return [outcomes[index] for index in range(len(items))]


def _run_on(
    executor: cf.Executor,
    work: Callable[[ItemT], ValueT],
    items: Sequence[ItemT],
    finish: Callable[[int, Outcome[ValueT]], bool],
) -> None:
    futures = {executor.submit(work, item): index for index, item in enumerate(items)}
    reported: set[cf.Future[ValueT]] = set()

    def report(future: cf.Future[ValueT]) -> bool:
        reported.add(future)
        if future.cancelled():
            return finish(futures[future], Outcome(started=False))
        error = future.exception()
        outcome = Outcome(error=error) if error is not None else Outcome(future.result())
        return finish(futures[future], outcome)

    try:
        for future in cf.as_completed(futures):
            if report(future):
                _stop(futures)
                break
    except BaseException:
        _stop(futures)
        raise
    for future in futures:
        if future not in reported:
            report(future)


def _stop(futures: Iterable[cf.Future[ValueT]]) -> None:
    # Work already running finishes (each of its writes is atomic) before the run
    # returns, so clean-up afterwards sees every temporary file that will ever exist.
    pending = list(futures)
    for future in pending:
        future.cancel()
    cf.wait(pending)


class WarmPool:
    """Worker processes started on the first :meth:`submit` and kept until :meth:`close`,
    so what they import and cache stays warm between calls.

    A worker that dies fails only the work it had (its futures raise BrokenProcessPool):
    the next :meth:`submit` starts a new pool. The workers ignore Ctrl-C, which a
    terminal sends to every process of the command: the caller decides, and
    :meth:`close` stops them.
    """

    def __init__(self, processes: int, *, start_method: str | None = None) -> None:
        self.processes = processes
        self._method = start_method or self.start_method()
        self._pool: cf.ProcessPoolExecutor | None = None

    @staticmethod
    def start_method() -> str:
        """How the workers start. A warm pool is started while other threads may run
        (the file watcher's, an application's), and forking then copies their locks in
        whatever state they are in (Python 3.12 and later warn of it): there the
        workers start from a forkserver, a clean one-thread process. Python 3.11 keeps
        the platform's default. This is the default of the ``start_method`` a pool is
        created with."""
        methods = multiprocessing.get_all_start_methods()
        if sys.version_info >= (3, 12) and "forkserver" in methods:
            return "forkserver"
        return multiprocessing.get_start_method()

    def submit(self, work: Callable[..., ValueT], /, *args: object) -> cf.Future[ValueT]:
        """Run ``work(*args)`` (a top-level function, picklable arguments) in a worker."""
        for _ in range(2):
            pool = self._pool
            if pool is None:
                pool = self._pool = cf.ProcessPoolExecutor(
                    max_workers=self.processes,
                    mp_context=multiprocessing.get_context(self._method),
                    initializer=_ignore_interrupts,
                )
            try:
                return pool.submit(work, *args)
            except cf.process.BrokenProcessPool:  # a worker died since the last call
                self._pool = None
                pool.shutdown(wait=False, cancel_futures=True)
        raise cf.process.BrokenProcessPool("worker processes could not be started")

    def close(self) -> None:
        """Stop the workers once what they run has finished; a later :meth:`submit`
        starts new ones."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
