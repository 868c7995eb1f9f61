"""Render a big procedural dataset on every core: items depend only on ``(seed, index)``, so chunks agree."""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import partial

from lib.data.arrays import ImageArrays, concatenate


def render_in_parallel(make: Callable[..., ImageArrays], n: int, workers: int, **kwargs: object) -> ImageArrays:
    """``make(n, start=0, **kwargs)`` split into ``workers`` index ranges rendered by separate processes.

    ``make`` must be a module-level function taking ``(count, start=...)`` whose item ``i`` depends only on its
    arguments and ``i`` (as ``make_shapes_detect`` does), so the result equals one ``make(n, **kwargs)`` call.
    """
    workers = max(1, min(workers, n))
    if workers == 1:
        return make(n, start=0, **kwargs)
    bounds = [round(n * k / workers) for k in range(workers + 1)]
    counts = [end - start for start, end in itertools.pairwise(bounds)]
    # spawn, not fork: a forked child of a process that already ran PyTorch's thread pool can hang.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        parts = list(pool.map(partial(_chunk, make, kwargs), bounds[:-1], counts))
    return concatenate(parts)


def _chunk(make: Callable[..., ImageArrays], kwargs: dict[str, object], start: int, count: int) -> ImageArrays:
    return make(count, start=start, **kwargs)
