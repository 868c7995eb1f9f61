"""Run "fine-tune vs scratch" in a background thread that a page can poll, stop, and read results from.

The thread never touches Streamlit: it appends chart points under a lock, and the training loop checks the
stop flag before every step. The server-wide :class:`lib.jobs.RunLimiter` that caps the Train and Detection
pages' runs caps these too.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from lib.errors import LessonError
from lib.finetune_run import RunPoint, RunResult
from lib.jobs import RunLimiter

Work = Callable[[Callable[[RunPoint], None], threading.Event], tuple[RunResult, RunResult]]

log = logging.getLogger(__name__)


@dataclass
class Snapshot:
    """What the page draws: points so far, whether it still runs, and the outcome once done."""

    events: list[RunPoint]
    running: bool
    results: tuple[RunResult, RunResult] | None
    error: LessonError | None


@dataclass
class CompareJob:
    """One session's background run; ``start`` refuses a second run while one is going."""

    stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _events: list[RunPoint] = field(default_factory=list)
    _thread: threading.Thread | None = None
    _results: tuple[RunResult, RunResult] | None = None
    _error: LessonError | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, work: Work, limiter: RunLimiter) -> None:
        """Run ``work(on_event, stop)`` in a daemon thread; a LessonError if running already or the server is busy."""
        if self.running:
            raise LessonError("finetune.error.already_running")
        limiter.acquire()
        self.stop = threading.Event()
        with self._lock:
            self._events, self._results, self._error = [], None, None
        self._thread = threading.Thread(
            target=self._run, args=(work, self.stop, limiter), daemon=True, name="finetune-compare"
        )
        self._thread.start()

    def _record(self, event: RunPoint) -> None:
        with self._lock:
            self._events.append(event)

    def _run(self, work: Work, stop: threading.Event, limiter: RunLimiter) -> None:
        try:
            results = work(self._record, stop)
            with self._lock:
                self._results = results
        except Exception as error:  # a thread must not die silently: the page shows why
            if not isinstance(error, LessonError):
                log.exception("fine-tuning run failed")
            reason = (
                error
                if isinstance(error, LessonError)
                else LessonError("train.error.crashed", kind=type(error).__name__, detail=str(error)[:300])
            )
            with self._lock:
                self._error = reason
        finally:
            limiter.release()

    def snapshot(self) -> Snapshot:
        """A consistent copy of the state for drawing."""
        with self._lock:
            return Snapshot(list(self._events), self.running, self._results, self._error)

    def join(self, timeout: float | None = None) -> None:
        """Wait for the thread (tests and shutdown)."""
        if self._thread is not None:
            self._thread.join(timeout)
