"""Run "fine-tune vs scratch" in a background thread that a page can poll, stop, and read results from.

The thread never touches Streamlit: it appends events under a lock and checks a stop flag between batches.
A server-wide semaphore (passed in by the page) caps how many runs train at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import torch

from lib.errors import LessonError
from lib.finetune_run import EpochEvent, RunResult

Work = Callable[[Callable[[EpochEvent], None], threading.Event], tuple[RunResult, RunResult]]
THREADS = 2


@dataclass
class Snapshot:
    """What the page draws: events so far, whether it still runs, and the outcome once done."""

    events: list[EpochEvent]
    running: bool
    results: tuple[RunResult, RunResult] | None
    error: Exception | None
    waiting: bool


@dataclass
class CompareJob:
    """One session's background run; ``start`` refuses a second run while one is going."""

    stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _events: list[EpochEvent] = field(default_factory=list)
    _thread: threading.Thread | None = None
    _results: tuple[RunResult, RunResult] | None = None
    _error: Exception | None = None
    _waiting: bool = False

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, work: Work, slots: threading.BoundedSemaphore) -> None:
        """Run ``work(on_event, stop)`` in a daemon thread once a server-wide slot is free."""
        if self.running:
            raise LessonError("finetune.error.already_running")
        self.stop.clear()
        with self._lock:
            self._events, self._results, self._error, self._waiting = [], None, None, True
        self._thread = threading.Thread(target=self._run, args=(work, slots), daemon=True, name="finetune-compare")
        self._thread.start()

    def _record(self, event: EpochEvent) -> None:
        with self._lock:
            self._events.append(event)

    def _run(self, work: Work, slots: threading.BoundedSemaphore) -> None:
        while not slots.acquire(timeout=0.2):
            if self.stop.is_set():
                with self._lock:
                    self._waiting = False
                return
        try:
            with self._lock:
                self._waiting = False
            torch.set_num_threads(THREADS)
            results = work(self._record, self.stop)
            with self._lock:
                self._results = results
        except Exception as error:  # noqa: BLE001 -- a thread must not die silently: the page shows it
            with self._lock:
                self._error = error
        finally:
            slots.release()

    def snapshot(self) -> Snapshot:
        """A consistent copy of the state for drawing."""
        with self._lock:
            return Snapshot(list(self._events), self.running, self._results, self._error, self._waiting)

    def join(self, timeout: float | None = None) -> None:
        """Wait for the thread (tests and shutdown)."""
        if self._thread is not None:
            self._thread.join(timeout)
