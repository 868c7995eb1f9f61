"""Classroom load: N learners press Start on the Train page's default run within the same second.

    python -m bench.classroom_load                                # 10, 30 and 60 learners, full default runs
    python -m bench.classroom_load --learners 10 30 60 --steps 4  # each run cut to 4 steps: minutes on 2 cores
    python -m bench.classroom_load --executors ray --ray-address 10.0.0.5:6379  # a real cluster

Each learner starts the default run (``lib.train.DEFAULT_RUN``: CIFAR10-quick + BN on 10,000 Shapes images) through
``lib.jobs.TrainingJob`` as the page does, without a browser, on two executors:

- ``threads``: the embedded default. The server runs ``DLP_MAX_CONCURRENT_RUNS`` (2) at once and tells the others
  "the server is busy"; a refused learner presses Start again ``--retry`` seconds later.
- ``ray``: a local Ray started here with this machine's cores (or ``--ray-address``), one CPU per run; runs wait in
  Ray's queue and start as workers free up.

It prints, per executor and class size, the wait from the first press to the run's start (p50, p95), the time from
press to finished run (p50, p95, last) and the throughput of the whole class in trained images per second.
``--steps S`` trains each run for one epoch of S batches instead of the default's six epochs, so the figures
measure the queue rather than the lesson.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import threading
import time

import torch

from lib.data.shapes import make_shapes
from lib.errors import LessonError
from lib.jobs import Executor, RunLimiter, ThreadExecutor, TrainingJob
from lib.models import build_model
from lib.train import DEFAULT_RUN, TrainConfig


@dataclasses.dataclass
class Learner:
    """One learner's press of Start and what they saw."""

    job: TrainingJob
    pressed: float = 0.0
    started: float | None = None
    finished: float | None = None
    images: int = 0


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def start_with_retries(learner: Learner, start, retry: float) -> None:
    """Press Start; while the server is busy, press it again ``retry`` seconds later (as a learner would)."""
    while True:
        try:
            start()
            return
        except LessonError as error:
            if error.key != "train.error.busy":
                raise
            time.sleep(retry)


def simulate(
    executor: Executor, learners: int, config: TrainConfig, train, val, retry: float, limiter: RunLimiter
) -> dict[str, float]:
    """All ``learners`` press Start at once; returns the wait, finish and throughput figures."""
    class_ = [Learner(TrainingJob(executor)) for _ in range(learners)]
    began = time.perf_counter()
    pressers = []
    for learner in class_:
        torch.manual_seed(config.seed)
        model = build_model(DEFAULT_RUN.model, len(train.classes), 3, DEFAULT_RUN.image_size)
        learner.pressed = began

        def start(learner: Learner = learner, model=model) -> None:
            learner.job.start(model, train, val, config, limiter=limiter)

        presser = threading.Thread(target=start_with_retries, args=(learner, start, retry), daemon=True)
        presser.start()
        pressers.append(presser)
    while any(learner.finished is None for learner in class_):
        now = time.perf_counter()
        for learner in class_:
            snap = learner.job.snapshot()
            if learner.started is None and snap.status == "running" and snap.queue_place is None and snap.step > 0:
                learner.started = now
            if learner.finished is None and snap.status in ("done", "stopped", "failed") and not learner.job.running:
                learner.finished = now
                learner.started = learner.started or now
                learner.images = len(learner.job.history.steps) * config.batch_size if learner.job.history else 0
        time.sleep(0.05)
    total = time.perf_counter() - began
    waits = [learner.started - learner.pressed for learner in class_]
    ends = [learner.finished - learner.pressed for learner in class_]
    return {
        "wait_p50": percentile(waits, 0.5),
        "wait_p95": percentile(waits, 0.95),
        "finish_p50": percentile(ends, 0.5),
        "finish_p95": percentile(ends, 0.95),
        "finish_last": max(ends),
        "images_per_s": sum(learner.images for learner in class_) / total,
        "failed": sum(learner.job.snapshot().status != "done" for learner in class_),
    }


def main() -> None:
    """Simulate each class size on each executor and print one line per pair."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, nargs="+", default=[10, 30, 60])
    parser.add_argument("--steps", type=int, default=0, help="batches per run (one epoch); 0 = the full default run")
    parser.add_argument("--executors", nargs="+", default=["threads", "ray"], choices=["threads", "ray"])
    parser.add_argument("--ray-address", default=None, help="a cluster's head (host:port); default: start one here")
    parser.add_argument("--retry", type=float, default=5.0, help="seconds before a refused learner presses again")
    args = parser.parse_args()
    run = DEFAULT_RUN
    config = run.config
    images = run.images
    if args.steps:
        config = dataclasses.replace(config, epochs=1)
        images = round(args.steps * config.batch_size / (1 - run.val_share))
    data = make_shapes(images, seed=0, image_size=run.image_size)
    train, val = data.split(run.val_share, seed=0)
    cores = os.cpu_count() or 1
    print(
        f"default run: {run.model}, {len(train):,} train / {len(val):,} val images, batch {config.batch_size}, "
        f"{config.epochs} epoch(s); {cores} cores"
    )
    print("executor  learners  wait p50/p95 s  finish p50/p95/last s  images/s  failed")
    limiter = RunLimiter()
    for name in args.executors:
        executor: Executor = ThreadExecutor()
        if name == "ray":
            import ray

            from lib.jobs_ray import NAMESPACE, RayExecutor

            if args.ray_address:
                executor = RayExecutor.connect(args.ray_address)
            else:
                ray.init(
                    address="local", num_cpus=cores, include_dashboard=False, namespace=NAMESPACE, log_to_driver=False
                )
                executor = RayExecutor(cpus_per_run=1, gpus_per_run=0.1)
            simulate(executor, cores, config, train, val, args.retry, limiter)  # warm workers, as a running class has
        for learners in args.learners:
            r = simulate(executor, learners, config, train, val, args.retry, limiter)
            print(
                f"{name:8}  {learners:8}  {r['wait_p50']:6.1f} /{r['wait_p95']:6.1f}  "
                f"{r['finish_p50']:6.1f} /{r['finish_p95']:6.1f} /{r['finish_last']:6.1f}  "
                f"{r['images_per_s']:8,.0f}  {r['failed']:6}",
                flush=True,
            )


if __name__ == "__main__":
    main()
