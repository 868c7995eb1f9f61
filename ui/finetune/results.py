"""Fine-tuning page, steps 4–5: fine-tune vs scratch live, then what changed, per-class results, predictions, export."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st
import torch
from plotly.subplots import make_subplots

from lib.data.arrays import ImageArrays
from lib.finetune import snapshot, weight_change
from lib.finetune_data import to_tensor
from lib.finetune_job import CompareJob, Snapshot
from lib.finetune_run import Normalisation, RunConfig, RunResult, compare, confusion, per_class_accuracy, predict
from lib.finetune_sources import Backbone, architecture, export_checkpoint, inference_snippet
from ui.common import error_message, guard, show_code, t, uploaded_image
from ui.live import run_limiter

COLORS = {"finetune": "#1f77b4", "scratch": "#ff7f0e"}


@st.cache_resource(scope="session", on_release=lambda job: job.stop.set(), show_spinner=False)
def _job() -> CompareJob:
    """This session's run; a closed tab stops it."""
    return CompareJob()


def _start(backbone: Backbone, train: ImageArrays, val: ImageArrays, config: RunConfig) -> None:
    norm = Normalisation(backbone.mean, backbone.std)
    scratch_seed = config.seed

    def work(on_event, stop):
        torch.manual_seed(scratch_seed)
        scratch = architecture(backbone.name, len(backbone.classes), config.image_size)
        return compare(backbone.model, scratch, train, val, config, norm, on_event=on_event, stop=stop)

    _job().start(work, run_limiter())
    st.session_state["ft_run"] = {"backbone": backbone, "val": val, "config": config, "norm": norm}


def _chart(snap: Snapshot, epochs: int) -> go.Figure:
    fig = make_subplots(rows=1, cols=2, subplot_titles=(t("finetune.run.accuracy"), t("finetune.run.loss")))
    for run in ("finetune", "scratch"):
        events = [e for e in snap.events if e.run == run]
        name = t(f"finetune.run.{run}")
        x = [e.epoch for e in events]
        fig.add_scatter(x=x, y=[e.val_accuracy for e in events], name=name, line_color=COLORS[run], row=1, col=1)
        fig.add_scatter(
            x=x, y=[e.val_loss for e in events], name=name, line_color=COLORS[run], showlegend=False, row=1, col=2
        )
    fig.update_xaxes(title_text=t("finetune.run.epoch"), range=[0.5, epochs + 0.5])
    fig.update_yaxes(range=[0, 1.02], row=1, col=1)
    fig.update_layout(height=330, margin=dict(t=40, b=10, l=10, r=10), uirevision="ft")
    return fig


def _live() -> None:
    """Redraws while the job runs; one rerun of the page when it finishes so the results appear."""
    snap = _job().snapshot()
    run = st.session_state.get("ft_run")
    if run is None:
        return
    epochs = run["config"].epochs
    done = len(snap.events)
    st.progress(min(done / (2 * epochs), 1.0), text=t("finetune.run.progress", done=done, total=2 * epochs))
    st.plotly_chart(_chart(snap, epochs), key="ft_live_chart", width="stretch")
    if not snap.running and st.session_state.get("ft_was_running"):
        st.session_state["ft_was_running"] = False
        st.rerun(scope="app")


def _gap(tuned: RunResult, scratch: RunResult) -> None:
    cols = st.columns(3)
    cols[0].metric(t("finetune.run.finetune"), f"{tuned.final_accuracy:.1%}")
    cols[1].metric(t("finetune.run.scratch"), f"{scratch.final_accuracy:.1%}")
    gap = tuned.final_accuracy - scratch.final_accuracy
    cols[2].metric(t("finetune.results.gap"), f"{gap:+.1%}")


def _what_changed(backbone: Backbone, tuned: RunResult) -> None:
    st.subheader(t("finetune.results.changed"))
    before = snapshot(backbone.model)
    table = weight_change(before, tuned.model)
    fig = go.Figure(go.Bar(x=table["layer"], y=table["relative_change"], marker_color=COLORS["finetune"]))
    fig.update_layout(height=300, margin=dict(t=10, b=10, l=10, r=10), yaxis_title="‖ΔW‖ / ‖W‖")
    st.plotly_chart(fig, key="ft_change_chart", width="stretch")
    low, high = (
        table["relative_change"].iloc[: len(table) // 2].mean(),
        table["relative_change"].iloc[len(table) // 2 :].mean(),
    )
    st.caption(t("finetune.results.changed_note", low=low, high=high))
    show_code(
        "before = {n: p.detach().clone() for n, p in pretrained.named_parameters()}\n"
        "for name, p in finetuned.named_parameters():\n"
        "    if name.endswith('weight') and name in before and p.shape == before[name].shape:\n"
        "        print(name, ((p - before[name]).norm() / before[name].norm()).item())"
    )


def _per_class(tuned: RunResult, val: ImageArrays, norm: Normalisation, size: int) -> None:
    st.subheader(t("finetune.results.per_class"))
    probs = predict(tuned.model, val.images, norm, size)
    matrix = confusion(probs.argmax(1), val.labels, len(val.classes))
    recall = per_class_accuracy(matrix)
    st.dataframe(
        {
            t("finetune.results.class"): list(val.classes),
            t("finetune.results.accuracy"): recall.tolist(),
            t("finetune.results.count"): matrix.sum(1).tolist(),
        },
        hide_index=True,
        column_config={
            t("finetune.results.accuracy"): st.column_config.ProgressColumn(
                min_value=0.0, max_value=1.0, format="percent"
            )
        },
    )
    fig = go.Figure(
        go.Heatmap(z=matrix.tolist(), x=list(val.classes), y=list(val.classes), colorscale="Blues", texttemplate="%{z}")
    )
    fig.update_layout(
        height=320,
        xaxis_title=t("finetune.results.predicted"),
        yaxis_title=t("finetune.results.true"),
        yaxis_autorange="reversed",
        margin=dict(t=10, b=10, l=10, r=10),
    )
    st.plotly_chart(fig, key="ft_confusion", width="stretch")


def _predict_upload(
    tuned: RunResult, scratch: RunResult, classes: tuple[str, ...], norm: Normalisation, size: int
) -> None:
    st.subheader(t("finetune.results.predict"))
    image = uploaded_image(t("finetune.results.upload"), key="ft_predict_upload")
    if image is None:
        return
    x = to_tensor(image)[None]
    cols = st.columns([1, 2, 2])
    cols[0].image(x[0].permute(1, 2, 0).numpy(), width=128)
    for col, result in zip(cols[1:], (tuned, scratch), strict=True):
        probs = predict(result.model, x, norm, size)[0]
        top = probs.topk(min(5, len(classes)))
        col.write(t(f"finetune.run.{result.run}"))
        col.dataframe(
            {t("finetune.results.class"): [classes[i] for i in top.indices], "p": top.values.tolist()},
            hide_index=True,
            column_config={"p": st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="percent")},
        )


def _export(backbone: Backbone, tuned: RunResult, classes: tuple[str, ...], norm: Normalisation, size: int) -> None:
    st.subheader(t("finetune.results.export"))
    filename = f"finetuned_{backbone.name}.pt"
    data = export_checkpoint(
        tuned.model,
        backbone.name,
        classes,
        size,
        norm.mean,
        norm.std,
        val_accuracy=round(tuned.final_accuracy, 4),
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


def render(backbone: Backbone, data: tuple[ImageArrays, ImageArrays], config: RunConfig) -> None:
    """The run button, the live chart and, once finished, the results."""
    st.header(t("finetune.run.header"))
    train, val = data
    job = _job()
    cols = st.columns(2)
    if cols[0].button(
        t("finetune.run.start"), type="primary", disabled=job.running, key="ft_start", icon=":material/play_arrow:"
    ):
        with guard():
            _start(backbone, train, val, config)
            st.session_state["ft_was_running"] = True
            st.rerun()  # redraw with the run going: Stop enabled, live chart polling
    if cols[1].button(t("finetune.run.stop"), disabled=not job.running, key="ft_stop", icon=":material/stop:"):
        job.stop.set()
    st.fragment(_live, run_every=0.5 if job.running else None)()
    show_code(
        "from lib.finetune_run import compare, RunConfig, Normalisation\n\n"
        f"config = RunConfig(epochs={config.epochs}, lr={config.lr}, head_lr_mult={config.head_lr_mult}, "
        f"optimizer='{config.optimizer}', freeze={config.freeze!r}, image_size={config.image_size}, "
        f"device='{config.device}', precision='{config.precision}')\n"
        f"tuned, scratch = compare(pretrained, scratch_model, train, val, config, Normalisation({backbone.mean}, {backbone.std}))\n"
        "print(tuned.final_accuracy, scratch.final_accuracy)  # both runs train with lib.train.fit"
    )
    snap = job.snapshot()
    if snap.error is not None:
        st.error(error_message(snap.error), icon=":material/error:")
    run = st.session_state.get("ft_run")
    if snap.running or snap.results is None or run is None:
        return
    tuned, scratch = snap.results
    if not tuned.history or not scratch.history:
        st.warning(t("finetune.run.stopped"), icon=":material/stop_circle:")
        return
    norm, size, used_val = run["norm"], run["config"].image_size, run["val"]
    _gap(tuned, scratch)
    _what_changed(run["backbone"], tuned)
    _per_class(tuned, used_val, norm, size)
    _predict_upload(tuned, scratch, used_val.classes, norm, size)
    _export(run["backbone"], tuned, used_val.classes, norm, size)
