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


def test_empty_run_draws_empty_panels_with_titles_and_fixed_accuracy_axis() -> None:
    figure = training_figure(Snapshot(status="idle"))
    assert all(len(trace.x) == 0 for trace in figure.data)  # no points in any series
    assert [trace.name for trace in figure.data] == ["loss (raw)", "loss (smoothed)", "LR"]  # no epoch traces yet
    titles = [a.text for a in figure.layout.annotations]
    assert titles == ["Training loss per step", "accuracy per epoch", "Learning rate"]
    assert [figure.layout[f"xaxis{s}"].title.text for s in ("", "2", "3")] == ["step", "epoch", "step"]
    assert tuple(figure.layout.yaxis2.range) == (0, 1) and figure.layout.yaxis2.autorange is False


def test_accuracy_axis_stays_at_zero_to_one_however_small_the_values() -> None:
    snap = snapshot()
    epochs = tuple(EpochEvent(e.epoch, e.epochs, {"accuracy": 0.1}, {"accuracy": 0.11}, 1.0) for e in snap.epochs)
    figure = training_figure(Snapshot(status="running", steps=snap.steps, epochs=epochs))
    assert tuple(figure.layout.yaxis2.range) == (0, 1)
    other = training_figure(Snapshot(status="running", steps=snap.steps, epochs=epochs), "class_error")
    assert other.layout.yaxis2.range is None  # only fractions are pinned


def test_log_axis_labels_are_whole_numbers_and_series_take_display_names() -> None:
    snap = snapshot()
    epochs = tuple(EpochEvent(e.epoch, e.epochs, {"class_error": 0.1 / e.epoch}, {}, 1.0) for e in snap.epochs)
    labels = {"class_error": "class error"}
    figure = training_figure(
        Snapshot(status="running", steps=snap.steps, epochs=epochs), ("class_error",), log_metrics=True, labels=labels
    )
    assert figure.layout.yaxis2.tickformat == "~g"  # plotly prints bare mantissas ("2", "5") without a format
    assert "class error per epoch" in [a.text for a in figure.layout.annotations]
    two = training_figure(
        Snapshot(status="running", steps=snap.steps, epochs=epochs), ("class_error", "bbox_mae"), labels=labels
    )
    assert "train class error" in [trace.name for trace in two.data]  # unlabelled metrics keep their name
    assert "class error, bbox_mae per epoch" in [a.text for a in two.layout.annotations]


def test_metric_names_follow_the_language() -> None:
    figure = training_figure(snapshot(), text=lambda key, **values: translate(key, "zh", **values))
    assert translate("train.live.metric", "zh", metric="准确率") in [a.text for a in figure.layout.annotations]


def test_progress_of_an_ended_run_has_no_eta() -> None:
    """Bug 6: a finished run's progress read "ETA - s"."""
    done = Snapshot(status="done", step=20, total_steps=20, epoch=2, epochs_total=2, images_per_s=2900.0)
    assert progress_text(done) == "step 20/20 · epoch 2/2 done · 2,900 images/s"
    assert "ETA" not in progress_text(Snapshot(status="idle")) and "-" not in progress_text(Snapshot(status="idle"))
    assert progress_text(snapshot()).endswith("ETA 14 s")
