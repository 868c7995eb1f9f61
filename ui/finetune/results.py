"""Fine-tuning page, results of the race: the gap, what changed in the body, per-class results, predictions on a
photo (flagged when unlike the training data), export."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st
import torch

from lib.evaluate import confusion_matrix, per_class_accuracy, predict, to_model_input, top_k
from lib.finetune import head_name, weight_change
from lib.finetune_chart import COLORS
from lib.finetune_run import LR_BELOW_MIN, RUNS, memorised, ood_check, val_accuracy
from lib.finetune_sources import export_checkpoint, inference_snippet
from lib.jobs import TrainingJob
from lib.ood import OodCheck
from ui.common import show_code, t, uploaded_image
from ui.finetune.examples import class_label
from ui.mistakes import cell_view, confusion_chart

FROZEN_COLOR = "#b0b0b0"
CELL = "ft_cell_pick"  # session_state: the picked confusion cell as (true, predicted) class names


def _gap(job: TrainingJob) -> None:
    tuned, scratch = (job.histories[run] for run in RUNS)
    cols = st.columns(3)
    cols[0].metric(t("finetune.run.finetune"), f"{val_accuracy(tuned):.1%}")
    cols[1].metric(t("finetune.run.scratch"), f"{val_accuracy(scratch):.1%}")
    cols[2].metric(t("finetune.results.gap"), f"{val_accuracy(tuned) - val_accuracy(scratch):+.1%}")
    if job.meta["plan"].scratch_lr is None:
        st.caption(t("finetune.results.scratch_lr", lr=scratch.config.lr, div=LR_BELOW_MIN))
    else:
        st.caption(t("finetune.results.scratch_lr_fixed", lr=scratch.config.lr))
    classes = len(job.meta["val"].classes)
    found = memorised(scratch, classes)
    if found is not None:
        st.info(
            t(
                "finetune.results.memorised",
                train=found.train_accuracy,
                val=found.val_accuracy,
                chance=found.chance,
                classes=classes,
            )
        )


def _what_changed(job: TrainingJob) -> None:
    model = job.meta["models"]["finetune"]
    table = weight_change(job.meta["before"], model)
    colors = [FROZEN_COLOR if frozen else COLORS["finetune"] for frozen in table["frozen"]]
    fig = go.Figure(go.Bar(x=table["layer"], y=table["relative_change"], marker_color=colors))
    fig.update_layout(
        height=280,
        margin={"t": 10, "b": 10, "l": 10, "r": 10},
        yaxis_title=t("finetune.results.change_axis"),
        xaxis_title=t("finetune.results.layer"),
    )
    st.plotly_chart(fig, key="ft_change_chart")
    is_head = table["layer"] == head_name(model)
    body = table[~table["frozen"] & ~is_head]
    if body.empty:
        head = float(table.loc[is_head, "relative_change"].iloc[0])
        st.info(t("finetune.results.body_frozen", head=head), icon=":material/ac_unit:")
    else:
        half = len(body) // 2 or 1
        low, high = body["relative_change"].iloc[:half].mean(), body["relative_change"].iloc[half:].mean()
        st.caption(t("finetune.results.changed_note", low=low, high=high if len(body) > 1 else low))
    show_code(
        "before = {n: p.detach().clone() for n, p in model.named_parameters()}  # after prepare(), before training\n"
        "# ... train ...\n"
        "for name, p in model.named_parameters():\n"
        "    if name.endswith('weight'):\n"
        "        print(name, ((p - before[name]).norm() / before[name].norm()).item())"
    )


def _per_class(job: TrainingJob) -> None:
    val, backbone = job.meta["val"], job.meta["backbone"]
    probs = predict(job.meta["models"]["finetune"], val, backbone.mean, backbone.std)
    matrix = confusion_matrix(val.labels, probs.argmax(1), len(val.classes))
    names = [class_label(name) for name in val.classes]
    st.dataframe(
        {
            t("finetune.results.class"): names,
            t("finetune.results.accuracy"): per_class_accuracy(matrix).tolist(),
            t("finetune.results.count"): matrix.sum(1).tolist(),
        },
        hide_index=True,
        column_config={
            t("finetune.results.accuracy"): st.column_config.ProgressColumn(
                min_value=0.0, max_value=1.0, format="percent"
            )
        },
    )
    layout = {
        "height": 320,
        "xaxis_title": t("finetune.results.predicted"),
        "yaxis_title": t("finetune.results.true"),
        "margin": {"t": 10, "b": 10, "l": 10, "r": 10},
    }
    cell = confusion_chart(matrix, list(val.classes), key="ft_confusion", state_key=CELL, layout=layout, labels=names)
    if cell is not None:
        model = job.meta["models"]["finetune"]
        cell_view(model, backbone.mean, backbone.std, val, probs, names, cell, key="ft_cell", state_key=CELL)
    show_code(
        "from lib.evaluate import confusion_matrix, per_class_accuracy, predict\n\n"
        "probs = predict(model, val, mean, std)\n"
        "matrix = confusion_matrix(val.labels, probs.argmax(1), len(val.classes))\n"
        "print(per_class_accuracy(matrix))"
    )


def _model_meta(job: TrainingJob) -> dict:
    backbone, plan = job.meta["backbone"], job.meta["plan"]
    return {"image_size": plan.image_size, "in_channels": 3, "mean": backbone.mean, "std": backbone.std}


def _ood_checks(job: TrainingJob) -> dict[str, OodCheck]:
    """Per run, an OOD test calibrated on its own validation images (computed once per finished run)."""
    if "ood" not in job.meta:
        backbone, val = job.meta["backbone"], job.meta["val"]
        job.meta["ood"] = {run: ood_check(job.meta["models"][run], val, backbone.mean, backbone.std) for run in RUNS}
    return job.meta["ood"]


def _predict_upload(job: TrainingJob) -> None:
    image = uploaded_image(t("finetune.results.upload"), key="ft_predict_upload")
    if image is None:
        st.caption(t("finetune.results.predict_help"))
        return
    meta = _model_meta(job)
    x, small = to_model_input(image, meta)
    checks = _ood_checks(job)
    classes = [class_label(name) for name in job.meta["val"].classes]
    cols = st.columns([1, 2, 2])
    cols[0].image(small, caption=t("finetune.results.seen", size=meta["image_size"]), width=128)
    unlike = False
    for col, run in zip(cols[1:], RUNS, strict=True):
        model = job.meta["models"][run].eval()
        with torch.inference_mode():
            out = model(x[None]).float()
        check = checks[run]
        score = float(check.scores(out)[0])
        flagged = bool(check.unlike_training(out)[0])
        unlike |= run == "finetune" and flagged
        ranking = top_k(torch.softmax(out, dim=1)[0], classes, k=5)
        col.write(f"**{t(f'finetune.run.{run}')}**")
        col.dataframe(
            {t("finetune.results.class"): [n for n, _ in ranking], t("finetune.results.p"): [p for _, p in ranking]},
            hide_index=True,
            column_config={
                t("finetune.results.p"): st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="percent")
            },
        )
        verdict = "finetune.results.ood_flag" if flagged else "finetune.results.ood_ok"
        col.caption(t(verdict, score=score, threshold=check.threshold, keep=check.keep))
    st.caption(t("finetune.results.ood_meaning", keep=checks["finetune"].keep))
    if unlike:
        st.warning(t("finetune.results.ood_way", classes=len(classes)), icon=":material/help:")
    show_code(
        "from lib.finetune_run import ood_check\n\n"
        "check = ood_check(model, val, mean, std)  # energy score; threshold: what 95% of validation images reach\n"
        "out = model(x[None])\n"
        "print(check.scores(out), check.threshold, check.unlike_training(out))"
    )


def _export(job: TrainingJob) -> None:
    backbone, plan = job.meta["backbone"], job.meta["plan"]
    classes = job.meta["val"].classes
    filename = f"finetuned_{backbone.name}.pt"
    data = export_checkpoint(
        job.meta["models"]["finetune"],
        backbone.name,
        classes,
        plan.image_size,
        backbone.mean,
        backbone.std,
        val_accuracy=round(val_accuracy(job.histories["finetune"]), 4),
        source="finetune",
    )
    st.download_button(
        t("finetune.results.download", mb=len(data) / 2**20),
        data,
        file_name=filename,
        mime="application/octet-stream",
        key="ft_download_ckpt",
    )
    show_code(inference_snippet(filename), expanded=True)


def render(job: TrainingJob, running: bool) -> None:
    """Once both runs have finished: the gap, then what changed, per-class results, your photo, export (tabs)."""
    if running or not all(run in job.histories and job.histories[run].epochs for run in RUNS):
        return
    _gap(job)
    tabs = st.tabs(
        [
            t("finetune.results.changed"),
            t("finetune.results.per_class"),
            t("finetune.results.predict"),
            t("finetune.results.export"),
        ]
    )
    with tabs[0]:
        _what_changed(job)
    with tabs[1]:
        _per_class(job)
    with tabs[2]:
        _predict_upload(job)
    with tabs[3]:
        _export(job)
