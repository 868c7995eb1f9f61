"""Time to lesson: how long each training page's default run (Start pressed, nothing changed) takes to show its lesson.

    python -m bench.time_to_lesson                          # all three, 2 CPU threads as on the classroom laptop
    python -m bench.time_to_lesson --lessons train finetune --threads 8

The lessons, each timed from Start (data generation included, as the pages make their data first):
- train: "a CNN learns" — the Train page's default run passing 85% validation accuracy;
- finetune: "pretrained beats scratch" — the Fine-tuning page's default comparison (the offline backbone on the
  built-in few-shot task, then the same network from scratch after its LR range test) done, when the page shows the
  fine-tuned accuracy and the gap to scratch;
- detection: "a detector finds the shapes" — the Detection page's default TinySSD run passing mAP@0.5 0.5
  (``bench.detection_default_run``'s run).
Each prints its epochs as they end, then one table: CPU seconds (all threads), CPU seconds per thread (what a quiet
machine's wall clock would be at best) and wall seconds (inflated on a machine shared with other work).
"""

from __future__ import annotations

import argparse
import dataclasses
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import torch

from bench.detection_default_run import default_run as detection_run
from lib.data.fewshot import make_fewshot_task, make_fewshot_validation
from lib.data.shapes import make_shapes
from lib.device import fastest_precision
from lib.finetune_augment import AugmentConfig
from lib.finetune_run import Plan, sized, stages, val_accuracy
from lib.finetune_sources import architecture, load_offline
from lib.i18n import translate
from lib.models import build_model
from lib.train import DEFAULT_RUN, EpochEvent, Event, TrainConfig, fit

TRAIN_TARGET = 0.85
DETECTION_TARGET = 0.5
# The Fine-tuning page's widget defaults (ui/finetune/target.py, ui/finetune/settings.py): 20 images per class,
# 30 per class held out, SGD at 0.01 (head ×10), body frozen, 8 epochs, 64×64, the augmentation sliders' values.
FT_PER_CLASS, FT_VAL_PER_CLASS, FT_SIZE = 20, 30, 64
FT_CONFIG = TrainConfig(optimizer="sgd", lr=1e-2, weight_decay=1e-4, batch_size=16, epochs=8, seed=0)
FT_PLAN = Plan(
    head_lr_mult=10.0,
    freeze="body",
    augment=AugmentConfig(FT_SIZE, 0.6, 0.75, 1.33, True, False, 0.0, 0.2, 0.2, 0.2, 0.0, False, False),
    image_size=FT_SIZE,
    scratch_lr=None,
)


@dataclass
class Result:
    """One lesson's outcome: when it showed (None: never), and the figures the page shows then."""

    lesson: str
    target: str
    reached: tuple[float, float] | None = None  # (CPU s, wall s) since Start
    figures: str = ""


class Clock:
    """CPU and wall seconds since Start."""

    def __init__(self) -> None:
        self.cpu0, self.wall0 = time.process_time(), time.perf_counter()

    def now(self) -> tuple[float, float]:
        return time.process_time() - self.cpu0, time.perf_counter() - self.wall0

    def line(self, text: str) -> None:
        cpu, wall = self.now()
        print(f"  {text}  cpu {cpu:6.1f} s  wall {wall:6.1f} s", flush=True)


def train_lesson(device: str) -> Result:
    """The Train page's default run until it passes TRAIN_TARGET validation accuracy (it runs to the end)."""
    result = Result("train", f"val accuracy ≥ {TRAIN_TARGET:.0%}")
    clock = Clock()
    precision, reason = fastest_precision(device)
    run = DEFAULT_RUN
    data = make_shapes(run.images, seed=0, image_size=run.image_size)
    train, val = data.split(run.val_share, seed=0)
    torch.manual_seed(run.config.seed)
    model = build_model(run.model, len(train.classes), 3, run.image_size)
    config = dataclasses.replace(run.config, precision=precision, device=device)
    print(
        f"train: {run.model}, {len(train):,} train / {len(val):,} val images {run.image_size}×{run.image_size}, "
        f"{config.optimizer} lr {config.lr:g} {config.schedule}, batch {config.batch_size}, {config.epochs} epochs, "
        f"{precision} ({translate(reason)})"
    )

    def on_event(event: Event) -> None:
        if isinstance(event, EpochEvent):
            accuracy = event.val["accuracy"]
            clock.line(f"epoch {event.epoch}/{event.epochs}: val accuracy {accuracy:.3f}")
            if accuracy >= TRAIN_TARGET and result.reached is None:
                result.reached = clock.now()
                result.figures = f"val accuracy {accuracy:.1%} after epoch {event.epoch}"

    fit(model, train, val, config, on_event=on_event)
    return result


def finetune_lesson(device: str) -> Result:
    """The Fine-tuning page's default comparison, both runs to the end: then the page shows the gap."""
    result = Result("finetune", "fine-tuned accuracy and gap to scratch shown")
    clock = Clock()
    precision, reason = fastest_precision(device)
    backbone = load_offline()
    train = make_fewshot_task(FT_PER_CLASS, seed=0, image_size=FT_SIZE)
    val = make_fewshot_validation(FT_VAL_PER_CLASS, seed=0, image_size=FT_SIZE)
    config = dataclasses.replace(FT_CONFIG, mean=backbone.mean, std=backbone.std, precision=precision, device=device)
    print(
        f"finetune: {backbone.name} ({len(backbone.classes)} classes) → {len(train.classes)} new classes, "
        f"{len(train)} train / {len(val)} val images {FT_SIZE}×{FT_SIZE}, {config.optimizer} lr {config.lr:g} "
        f"(head ×{FT_PLAN.head_lr_mult:g}), body frozen, {config.epochs} epochs, scratch LR from a range test, "
        f"{precision} ({translate(reason)})"
    )
    train, val = sized(train, val, FT_PLAN)
    torch.manual_seed(config.seed)
    scratch = architecture(backbone.name, len(backbone.classes), FT_PLAN.image_size)
    stop = threading.Event()
    histories = {}
    for stage in stages(backbone.model, scratch, train, config, FT_PLAN):
        run_config = stage.config if stage.tune is None else stage.tune(stage.model, train, stage.config, stop)
        clock.line(f"{stage.name}: lr {run_config.lr:.3g}")

        def on_event(event: Event, name: str = stage.name) -> None:
            if isinstance(event, EpochEvent):
                clock.line(f"{name} epoch {event.epoch}/{event.epochs}: val accuracy {event.val['accuracy']:.3f}")

        histories[stage.name] = fit(
            stage.model, train, val, run_config, task=stage.task, groups=stage.groups, stop=stop, on_event=on_event
        )
    tuned, fresh = val_accuracy(histories["finetune"]), val_accuracy(histories["scratch"])
    result.reached = clock.now()
    result.figures = (
        f"fine-tuned {tuned:.1%}, scratch {fresh:.1%} (lr {histories['scratch'].config.lr:.2g}), "
        f"gap {tuned - fresh:+.1%}"
    )
    return result


def detection_lesson(device: str) -> Result:
    """The Detection page's default TinySSD run until it passes DETECTION_TARGET mAP@0.5 (CPU only)."""
    result = Result("detection", f"val mAP@0.5 ≥ {DETECTION_TARGET:g}")
    if device != "cpu":
        result.figures = "the page trains TinySSD on the CPU default only here"
        return result
    clock = Clock()
    print("detection: TinySSD on the shipped feature blocks (bench.detection_default_run)")

    def on_epoch(event: EpochEvent) -> None:
        map50 = event.val.get("map50", float("nan"))
        clock.line(f"epoch {event.epoch}/{event.epochs}: val mAP@0.5 {map50:.3f}")
        if map50 >= DETECTION_TARGET and result.reached is None:
            result.reached = clock.now()
            result.figures = f"mAP@0.5 {map50:.3f} after epoch {event.epoch}"

    detection_run(on_epoch)
    return result


LESSONS: dict[str, Callable[[str], Result]] = {
    "train": train_lesson,
    "finetune": finetune_lesson,
    "detection": detection_lesson,
}


def table(results: list[Result], threads: int) -> str:
    """The results as a fixed-width table."""
    rows = [("lesson", "shows when", "CPU s", f"CPU s / {threads}", "wall s", "figures")]
    for r in results:
        if r.reached is None:
            rows.append((r.lesson, r.target, "never", "-", "-", r.figures or "target not reached"))
        else:
            cpu, wall = r.reached
            rows.append((r.lesson, r.target, f"{cpu:.1f}", f"{cpu / threads:.1f}", f"{wall:.1f}", r.figures))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows
    )


def main() -> None:
    """Run the chosen lessons' default runs one after the other and print when each lesson shows."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--lessons", nargs="+", choices=list(LESSONS), default=list(LESSONS))
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    results = [LESSONS[name](args.device) for name in args.lessons]
    print(f"\ntime to lesson, {args.threads} threads on {args.device}:")
    print(table(results, args.threads))


if __name__ == "__main__":
    main()
