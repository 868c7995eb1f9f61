"""The cluster's roster of training runs: which wait, which train, how long runs take (``lib.jobs_ray``).

Ray decides what starts when; the roster only watches, so every replica of the app can tell its learners their
place in the queue and the expected wait. Kept free of torch so its actor starts in a moment.
"""

from __future__ import annotations

import heapq
import statistics
import time
from collections import deque

import ray

RECENT_RUNS = 50  # run durations kept for the wait estimates


@ray.remote(num_cpus=0)
class Roster:
    """Which runs wait and which train, cluster-wide, and how long runs take: places in the queue and waits;
    also the runs a page asked to stop (their workers ask here between steps).

    Ray decides what starts when; this only watches, so every replica shows the same order.
    """

    def __init__(self) -> None:
        self.waiting: dict[str, float] = {}  # run -> when it asked, in order of asking
        self.running: dict[str, float] = {}  # run -> when it started
        self.durations: deque[float] = deque(maxlen=RECENT_RUNS)
        self.stopping: set[str] = set()

    def join(self, run: str) -> None:
        self.waiting[run] = time.time()

    def start(self, run: str) -> None:
        self.waiting.pop(run, None)
        self.running[run] = time.time()

    def leave(self, run: str, finished: bool) -> None:
        """The run ended; a run that trained to its end teaches the roster how long runs take."""
        self.waiting.pop(run, None)
        self.stopping.discard(run)
        started = self.running.pop(run, None)
        if finished and started is not None:
            self.durations.append(time.time() - started)

    def stop(self, run: str) -> None:
        """The page asks ``run`` to stop (its Stop button, or its tab closed)."""
        self.stopping.add(run)

    def should_stop(self, run: str) -> bool:
        """Asked by the worker training ``run``, twice a second."""
        return run in self.stopping

    def place(self, run: str) -> tuple[int | None, float | None]:
        """(1-based place among the waiting runs, expected seconds until it starts or None before any run ended)."""
        if run not in self.waiting:
            return None, None
        ahead = list(self.waiting).index(run)
        return ahead + 1, expected_wait(ahead, list(self.running.values()), list(self.durations), time.time())


def expected_wait(ahead: int, started: list[float], durations: list[float], now: float) -> float | None:
    """Seconds until a run with ``ahead`` runs before it starts: each running run frees its worker after a typical
    run (the median of ``durations``), and each run ahead takes the first worker to free up.

    None when no run has finished yet (nothing to go by).
    """
    if not durations:
        return None
    typical = statistics.median(durations)
    free_at = [max(now, begun + typical) for begun in started] or [now]
    heapq.heapify(free_at)
    for _ in range(ahead):
        heapq.heapreplace(free_at, free_at[0] + typical)
    return free_at[0] - now
