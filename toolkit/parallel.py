"""Ordered, bounded parallel map over a stream: the pool part of publishing.

``ordered_map(fn, items, jobs)`` applies ``fn`` to chunks of ``items`` in worker
processes and yields the results in input order. At most ``jobs * 3`` chunks are in
flight, so a producer reading a 1 GB file never runs ahead of the workers by more than
a few chunks (``multiprocessing.Pool.imap`` would read the whole input into its queue).
With ``jobs == 1`` everything runs in this process: the same function on the same
items, hence byte-identical output.
"""

from __future__ import annotations

import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT_PER_JOB = 3


def default_jobs() -> int:
    """The machine's cores (as far as this process may use them)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def chunked(items: Iterable[T], size: int, weight: Callable[[T], int], max_weight: int) -> Iterator[list[T]]:
    """Lists of at most ``size`` items and about ``max_weight`` in total (bytes), in order."""
    chunk: list[T] = []
    total = 0
    for item in items:
        chunk.append(item)
        total += weight(item)
        if len(chunk) >= size or total >= max_weight:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


def ordered_map(fn: Callable[[Sequence[T]], list[R]], chunks: Iterable[list[T]], jobs: int,
                crashed: Callable[[T, str], R]) -> Iterator[R]:
    """``fn(chunk)`` for every chunk, results flattened in input order, ``jobs`` processes at most.

    A worker that dies (killed by the kernel for memory, a crash in a C extension) does
    not end the run: the pool is restarted, the chunk is retried one item per fresh
    process, and an item that kills its process again gives ``crashed(item, why)``.
    """
    if jobs <= 1:
        for chunk in chunks:
            yield from fn(chunk)
        return
    pool = ProcessPoolExecutor(max_workers=jobs)
    pending: deque[tuple[list[T], Future[list[R]]]] = deque()
    try:
        for chunk in chunks:
            pending.append((chunk, pool.submit(fn, chunk)))
            while len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                results, pool = _oldest(fn, pending, pool, jobs, crashed)
                yield from results
        while pending:
            results, pool = _oldest(fn, pending, pool, jobs, crashed)
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _oldest(fn: Callable[[Sequence[T]], list[R]], pending: deque[tuple[list[T], Future[list[R]]]],
            pool: ProcessPoolExecutor, jobs: int, crashed: Callable[[T, str], R]) -> tuple[list[R], ProcessPoolExecutor]:
    """The results of the oldest chunk, and the pool to go on with (a new one if it broke)."""
    chunk, future = pending.popleft()
    try:
        return future.result(), pool
    except BrokenProcessPool:
        pool.shutdown(wait=True, cancel_futures=True)
        pool = ProcessPoolExecutor(max_workers=jobs)
        for i, (other, _) in enumerate(pending):
            pending[i] = (other, pool.submit(fn, other))
        return [_isolated(fn, item, crashed) for item in chunk], pool


def _isolated(fn: Callable[[Sequence[T]], list[R]], item: T, crashed: Callable[[T, str], R]) -> R:
    with ProcessPoolExecutor(max_workers=1) as single:
        try:
            return single.submit(fn, [item]).result()[0]
        except BrokenProcessPool:
            return crashed(item, "the worker process died (out of memory or a crash) while normalizing it")
