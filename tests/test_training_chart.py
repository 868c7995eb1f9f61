"""The live training chart: three panels with the run's numbers, labels in the page's language, progress text."""

import itertools

import numpy as np

from lib.i18n import translate
from lib.jobs import Snapshot, StepPoint
from lib.train import EpochEvent
from lib.training_chart import progress_text, training_figure


def snapshot() -> Snapshot:
    steps = tuple(StepPoint(step=s, loss=2.0 / s, smoothed=2.5 / s, lr=0.1 * s) for s in range(1, 11))
    epochs = (
        EpochEvent(epoch=1, epochs=2, train={"accuracy": 0.4}, val={"accuracy": 0.5}, seconds=1.0),
        EpochEvent(epoch=2, epochs=2, train={"accuracy": 0.7}, val={"accuracy": 0.6}, seconds=1.0),
    )
    return Snapshot(
        status="running",
        steps=steps,
        epochs=epochs,
        step=10,
        total_steps=20,
        epoch=2,
        epochs_total=2,
        images_per_s=2900.0,
        eta_s=14.2,
    )


def test_traces_carry_the_run_numbers() -> None:
    figure = training_figure(snapshot())
    by_name = {trace.name: trace for trace in figure.data}
    assert np.allclose(by_name["loss (raw)"].y, [2.0 / s for s in range(1, 11)])
    assert list(by_name["loss (raw)"].x) == list(range(1, 11))
    assert list(by_name["validation"].y) == [0.5, 0.6] and by_name["validation"].xaxis == "x2"
    assert np.allclose(by_name["LR"].y, [0.1 * s for s in range(1, 11)]) and by_name["LR"].yaxis == "y3"
    domains = [tuple(figure.layout[f"xaxis{suffix}"].domain) for suffix in ("", "2", "3")]
    assert all(a[1] < b[0] for a, b in itertools.pairwise(domains))  # side by side, not overlapping


def test_metric_without_values_has_no_epoch_traces() -> None:
    names = [trace.name for trace in training_figure(snapshot(), "class_error").data]
    assert "train" not in names and "validation" not in names and "LR" in names


def test_several_metrics_share_the_middle_panel_on_a_log_axis() -> None:
    snap = snapshot()
    epochs = tuple(
        EpochEvent(e.epoch, e.epochs, {"class_error": 0.1 / e.epoch, "bbox_mae": 0.01 / e.epoch}, {}, 1.0)
        for e in snap.epochs
    )
    figure = training_figure(
        Snapshot(status="running", steps=snap.steps, epochs=epochs), ("class_error", "bbox_mae"), log_metrics=True
    )
    by_name = {trace.name: trace for trace in figure.data}
    assert list(by_name["train class_error"].y) == [0.1, 0.05] and list(by_name["train bbox_mae"].y) == [0.01, 0.005]
    assert figure.layout.yaxis2.type == "log"
    assert "class_error, bbox_mae per epoch" in [a.text for a in figure.layout.annotations]


def test_labels_follow_the_language() -> None:
    def chinese(key: str, **values: object) -> str:
        return translate(key, "zh", **values)

    figure = training_figure(snapshot(), text=chinese)
    assert figure.data[0].name == translate("train.live.raw", "zh")
    assert translate("train.live.loss", "zh") in [a.text for a in figure.layout.annotations]
    assert progress_text(snapshot(), chinese) == translate(
        "train.live.progress", "zh", step=10, total=20, epoch=2, epochs=2, rate="2,900", eta="14"
    )


def test_empty_run_draws_without_error() -> None:
    figure = training_figure(Snapshot(status="idle"))
    assert len(figure.data[0].x) == 0
    assert "-" in progress_text(Snapshot(status="idle"))
