"""`--engine local`: the items on this machine, in this process (one worker) or in a pool of worker processes.

Each worker process loads the model once (the pool initializer) and returns rendered outputs; the driver writes
them as they arrive, so a crash of anything loses only the items in flight. A worker that dies (killed, out of
memory, a crash in native code) breaks the whole pool in concurrent.futures: the items it was running are then
retried one at a time in a fresh pool, so the culprit is found and the bystanders still finish.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace

from align.batch.manifest import Item
from align.batch.tasks import (
    Outcome,
    TaskSettings,
    Worker,
    cache_setting,
    configure_process,
    environment,
    thread_environment,
)
from align.errors import AlignError
from align.progress import status

OnOutcome = Callable[[Item, Outcome], None]
WORKER_DIED = "the worker process died while running this item (killed, out of memory, or a crash in native code)"

_PR_SET_PDEATHSIG = 1  # prctl option (linux/prctl.h)
_worker: Worker | None = None
_start_error: str | None = None


def default_workers() -> int:
    return os.cpu_count() or 1


def run_local(items: list[Item], settings: TaskSettings, workers: int, on_outcome: OnOutcome) -> None:
    workers = max(1, min(workers, len(items)))
    if not items:
        return
    if workers == 1:
        _run_in_process(items, settings, on_outcome)
    else:
        threads = max(1, default_workers() // workers)
        settings = replace(settings, threads=settings.threads or threads)
        with environment(thread_environment(settings.threads)):
            _run_in_pool(items, settings, workers, on_outcome)


def _run_in_process(items: list[Item], settings: TaskSettings, on_outcome: OnOutcome) -> None:
    """One worker: no pool, no pickling; the model is the same one the rest of this process uses."""
    with cache_setting(settings):
        worker = Worker(settings)  # a setup error (unknown model...) is an AlignError: exit 2 before any item
    for item in items:
        on_outcome(item, worker.run(item))


def _init_pool_worker(settings: TaskSettings) -> None:
    global _worker, _start_error
    _die_with_driver()
    configure_process(settings)
    try:
        _worker = Worker(settings)
    except Exception as exc:  # reported with the first item, then the driver stops: every item would fail alike
        _start_error = str(exc) if isinstance(exc, AlignError) else f"{type(exc).__name__}: {exc}"


def _die_with_driver() -> None:
    """Linux: the kernel stops this worker when the driver dies, even by SIGKILL or the OOM killer (workers ran on
    with no parent, holding their memory)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):  # no prctl: the worker outlives a killed driver as before
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)  # SIGTERM may be ignored


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Stop the pool's workers mid-item: a stopped batch (Ctrl-C, SIGTERM to the driver) otherwise waited at exit for
    every item in flight to finish, minutes for a long document, and then dropped its results."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(OSError, AttributeError):
            process.kill()  # mid-item it has nothing to save; SIGTERM can be ignored where the driver ignores it


def _run_in_pool_worker(item: Item) -> Outcome:
    if _worker is None:
        raise AlignError(_start_error or "worker failed to start")
    return _worker.run(item)


def _run_in_pool(items: list[Item], settings: TaskSettings, workers: int, on_outcome: OnOutcome) -> None:
    # spawn, not fork: the driver may already hold ONNX/torch thread pools, which do not survive a fork.
    context = multiprocessing.get_context("spawn")

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=context, initializer=_init_pool_worker, initargs=(settings,))

    pending = deque(items)
    suspects: deque[Item] = deque()  # items that were running when a worker died: rerun alone
    deaths: dict[int, int] = {}
    in_flight: dict[Future[Outcome], Item] = {}
    pool = new_pool()
    try:
        while pending or suspects or in_flight:
            # A small window keeps memory flat for huge manifests; while suspects remain, one item at a time.
            isolating = bool(suspects) or any(i.index in deaths for i in in_flight.values())
            limit = 1 if isolating else 2 * workers
            while len(in_flight) < limit and (suspects or pending):
                item = suspects.popleft() if suspects else pending.popleft()
                in_flight[pool.submit(_run_in_pool_worker, item)] = item
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            lost: list[Item] = []
            for future in done:
                item = in_flight.pop(future)
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    lost.append(item)
                    continue
                except AlignError as exc:  # the worker could not load the model: every item would fail alike
                    raise AlignError(f"worker could not start: {exc}") from None
                on_outcome(item, outcome)
            if not lost:
                continue
            lost.extend(in_flight.values())
            in_flight.clear()
            status(f"a worker process died; rerunning its {len(lost)} item(s) one at a time in a fresh pool")
            pool.shutdown(wait=False, cancel_futures=True)
            pool = new_pool()
            for item in sorted(lost, key=lambda i: i.index):
                deaths[item.index] = deaths.get(item.index, 0) + 1
                # Died alone (or twice): this item is the cause. Otherwise it may be a bystander: retry alone.
                if deaths[item.index] >= 2 or len(lost) == 1:
                    on_outcome(item, Outcome(item.index, None, 0.0, WORKER_DIED))
                else:
                    suspects.append(item)
    except BaseException:
        _stop_workers(pool)
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    # Every item is done: wait for the pool to close, or its manager thread may still be closing pipes while the
    # interpreter exits ("Exception ignored ... OSError: [Errno 9] Bad file descriptor", about once in 45 runs).
    pool.shutdown(wait=True)
