"""Time to lesson: how long the Train page's default run (Start pressed, nothing changed) takes to show the lesson.

    python -m bench.time_to_lesson                 # 2 CPU threads, as on the classroom laptop
    python -m bench.time_to_lesson --threads 8

The lesson is "a CNN learns": the default run passing 85% validation accuracy. It prints, after every epoch,
the validation accuracy with the wall-clock and CPU seconds since Start (data generation included, as the page
makes the data before the first run), then the time to 85%. On a machine shared with other work, wall time is
inflated; CPU seconds divided by the thread count is what a quiet machine's wall clock would be at best.
Fine-tuning and detection have their own defaults; their pages' benches measure them.
"""

from __future__ import annotations

import argparse
import dataclasses
import time

import torch

from lib.data.shapes import make_shapes
from lib.device import fastest_precision
from lib.i18n import translate
from lib.models import build_model
from lib.train import DEFAULT_RUN, EpochEvent, Event, fit

TARGET = 0.85


def main() -> None:
    """Run the default Train configuration once and print when it reaches TARGET validation accuracy."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    precision, reason = fastest_precision(args.device)
    wall0, cpu0 = time.perf_counter(), time.process_time()
    run = DEFAULT_RUN
    data = make_shapes(run.images, seed=0, image_size=run.image_size)
    train, val = data.split(run.val_share, seed=0)
    torch.manual_seed(run.config.seed)
    model = build_model(run.model, len(train.classes), 3, run.image_size)
    config = dataclasses.replace(run.config, precision=precision, device=args.device)
    reached: list[tuple[float, float]] = []

    def on_event(event: Event) -> None:
        if not isinstance(event, EpochEvent):
            return
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        accuracy = event.val["accuracy"]
        print(f"epoch {event.epoch}/{event.epochs}: val accuracy {accuracy:.3f}  wall {wall:6.1f} s  cpu {cpu:6.1f} s")
        if accuracy >= TARGET and not reached:
            reached.append((wall, cpu))

    print(
        f"default run: {run.model}, {len(train):,} train / {len(val):,} val images {run.image_size}×{run.image_size}, "
        f"{config.optimizer} lr {config.lr:g} {config.schedule}, batch {config.batch_size}, {config.epochs} epochs, "
        f"{precision} ({translate(reason)}), {args.threads} threads"
    )
    fit(model, train, val, config, on_event=on_event)
    if reached:
        wall, cpu = reached[0]
        print(
            f"time to {TARGET:.0%} val accuracy: wall {wall:.1f} s, cpu {cpu:.1f} s "
            f"(cpu / {args.threads} threads = {cpu / args.threads:.1f} s)"
        )
    else:
        print(f"the default run did not reach {TARGET:.0%} val accuracy")


if __name__ == "__main__":
    main()
