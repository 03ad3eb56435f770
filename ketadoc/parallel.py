"""Running one function over many items in worker processes, for builds and checks alike.

Work runs on any ``concurrent.futures.Executor`` (a Dask or Ray cluster runs it
unchanged), or on a process pool of ``jobs`` workers, or in this process when one worker
is asked for or there is too little work to pay for a pool. Each item ends as one
:class:`Outcome`: its value, the exception that stopped it (its worker may have died), or
"not started" when the run was stopped early.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = ["Outcome", "default_jobs", "run_each"]

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
