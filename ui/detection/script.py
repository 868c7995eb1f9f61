"""Detection page, Train tab: the TinySSD run as a self-contained PyTorch script (data, start, settings)."""

from __future__ import annotations

from lib.detection import TINYSSD_FILE
from lib.export_script import DataChoice, detection_script
from lib.train import TrainConfig
from ui.common import t
from ui.script import download_script

SOURCES = {"shapes": "shapes_detect", "banana": "banana"}  # the tab's dataset names -> the script's


def render(dataset: str, start: str, count: int, size: int, config: TrainConfig) -> None:
    """The download button, what the script needs to run, and the script itself."""
    file_name = "detection_tinyssd.py"
    notes = [t("detection.script.caption", file=file_name)]
    if dataset == "banana":
        notes.append(t("detection.script.banana"))
    if start == "backbone":
        notes.append(t("detection.script.backbone"))
    download_script(
        detection_script(start, config, DataChoice(SOURCES[dataset], count, size)),
        file_name,
        key="det_tr_script",
        label=t("detection.script.download"),
        caption=" ".join(notes),
        weights=(t("detection.script.weights"), TINYSSD_FILE) if start == "backbone" else None,
    )
