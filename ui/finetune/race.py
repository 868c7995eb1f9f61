"""Fine-tuning page, the race: Start/Stop and the live chart of fine-tune vs scratch, on the shared job and live
panel (``ui.live``): the two runs are two stages of one :class:`lib.jobs.TrainingJob`."""

from __future__ import annotations

import torch

from lib.data.arrays import ImageArrays
from lib.errors import LessonError
from lib.finetune import snapshot
from lib.finetune_chart import compare_figure
from lib.finetune_run import Plan, sized, stages
from lib.finetune_sources import Backbone, architecture
from lib.jobs import TrainingJob
from lib.train import TrainConfig
from ui.common import show_code, t
from ui.finetune import script
from ui.live import live_panel, run_limiter, session_job, start_stop


def _start(
    job: TrainingJob, backbone: Backbone, data: tuple[ImageArrays, ImageArrays], config: TrainConfig, plan: Plan
) -> None:
    """Both runs as two stages of the session's job: same data, seed, epochs; the scratch LR from a range test."""
    train, val = sized(*data, plan)
    torch.manual_seed(config.seed)
    scratch = architecture(backbone.name, len(backbone.classes), plan.image_size)
    runs = stages(backbone.model, scratch, train, config, plan)
    meta = {
        "backbone": backbone,
        "val": val,
        "plan": plan,
        "before": snapshot(runs[0].model),
        "models": {stage.name: stage.model for stage in runs},
    }
    job.start_stages(runs, train, val, limiter=run_limiter(), meta=meta)


def render(
    backbone: Backbone | None,
    data: tuple[ImageArrays, ImageArrays] | None,
    setup: tuple[TrainConfig, Plan, str] | None,
) -> tuple[TrainingJob, bool]:
    """Start/Stop and the live chart of both runs; returns the session's job and whether it is running."""
    job = session_job("finetune")
    ready = backbone is not None and data is not None and setup is not None
    if ready:
        config, plan, _ = setup

    def start() -> None:
        if not ready:
            raise LessonError("finetune.run.need_data")
        _start(job, backbone, data, config, plan)

    start_stop(job, start, key="ft")
    if ready:
        script.render(backbone, config, plan)
    snap = live_panel(job, key="ft", figure=lambda s: compare_figure(s, text=t, uirevision=f"ft-{s.run_id}"))
    if ready:
        show_code(
            "from lib.finetune_run import Plan, compare\nfrom lib.train import TrainConfig\n\n"
            f"config = TrainConfig(optimizer='{config.optimizer}', lr={config.lr}, weight_decay={config.weight_decay}, "
            f"batch_size={config.batch_size}, epochs={config.epochs}, mean={backbone.mean}, std={backbone.std}, "
            f"precision='{config.precision}', device='{config.device}')\n"
            f"plan = Plan(head_lr_mult={plan.head_lr_mult}, freeze={plan.freeze!r}, image_size={plan.image_size}, "
            f"scratch_lr={plan.scratch_lr})  # scratch_lr=None: LR range test\n"
            "results = compare(pretrained, scratch_model, train, val, config, plan)  # both train with lib.train.fit\n"
            "print({run: history.epochs[-1].val for run, (model, history) in results.items()})"
        )
    return job, snap.running
