"""The detection pipeline: weights loading, thresholds, big photos mapped back to original pixels, drawing."""

from __future__ import annotations

import urllib.error
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from lib import detection as D
from lib.data.shapes_detect import CLASSES, make_shapes_detect
from lib.errors import LessonError
from lib.i18n import translate
from lib.models.ssd import TinySSD
from lib.sample_images import sample_image


def _save_tinyssd(path: Path, image_size: int = 128) -> None:
    torch.manual_seed(0)
    model = TinySSD(len(CLASSES))
    meta = {"classes": list(CLASSES), "image_size": image_size}
    torch.save({"state_dict": model.state_dict(), "meta": meta}, path)


def test_tinyssd_on_a_big_photo_maps_boxes_to_its_pixels(tmp_path: Path) -> None:
    _save_tinyssd(tmp_path / "w.pt")
    detector = D.load_tinyssd(tmp_path / "w.pt")
    photo = Image.new("RGB", (3000, 2000), (120, 30, 200))
    found = D.detect(detector, photo, score_threshold=0.0, nms_threshold=0.5, max_detections=20)
    assert found.scale == pytest.approx(D.MAX_SIDE / 3000)
    assert 0 < len(found.labels) <= 20
    assert (found.boxes[:, 0::2] >= 0).all() and (found.boxes[:, 0::2] <= 3000 + 1e-3).all()
    assert (found.boxes[:, 1::2] >= 0).all() and (found.boxes[:, 1::2] <= 2000 + 1e-3).all()
    # The same photo at the model's own size gives the same boxes, in that photo's pixels.
    small = photo.resize((128, 128))
    direct = D.decode_tinyssd(
        detector.model, torch.from_numpy(np.asarray(small).copy()).permute(2, 0, 1)[None], 1e-6, 0.5, 20
    )[0]
    torch.testing.assert_close(
        found.boxes / torch.tensor([3000, 2000, 3000, 2000]), direct[:, 2:], atol=1e-4, rtol=1e-4
    )
    assert all(name in CLASSES for name in found.labels)
    assert D.detect(detector, photo, score_threshold=1.0).labels == []
    rows = found.rows()
    assert set(rows[0]) == {"label", "score", "x1", "y1", "x2", "y2"}


def test_thresholds_outside_zero_one_are_refused(tmp_path: Path) -> None:
    _save_tinyssd(tmp_path / "w.pt")
    detector = D.load_tinyssd(tmp_path / "w.pt")
    for score, nms in ((-0.1, 0.5), (0.5, 1.5)):
        with pytest.raises(LessonError) as error:
            D.detect(detector, Image.new("RGB", (64, 64)), score, nms)
        assert error.value.key == "detection.error.threshold"


def test_weights_files_are_checked(tmp_path: Path) -> None:
    with pytest.raises(LessonError) as missing:
        D.load_tinyssd(tmp_path / "none.pt")
    assert missing.value.key == "detection.error.no_weights"
    (tmp_path / "junk.pt").write_bytes(b"junk")
    with pytest.raises(LessonError) as junk:
        D.load_tinyssd(tmp_path / "junk.pt")
    assert junk.value.key == "detection.error.bad_weights"
    torch.save(
        {"state_dict": TinySSD(1).state_dict(), "meta": {"classes": ["a", "b"], "image_size": 128}}, tmp_path / "x.pt"
    )
    with pytest.raises(LessonError) as mismatch:
        D.load_tinyssd(tmp_path / "x.pt")
    assert mismatch.value.key == "detection.error.bad_weights"


def test_torchvision_ssdlite_boxes_come_back_in_original_pixels() -> None:
    torch.manual_seed(0)
    model = D.build_online("ssdlite320").eval()
    detector = D.Detector("ssdlite320", model, tuple(f"c{i}" for i in range(91)), 320)
    photo = Image.effect_noise((2048, 1024), 60).convert("RGB")
    found = D.detect(detector, photo, score_threshold=0.0, nms_threshold=0.5, max_detections=10)
    work = photo.resize((1024, 512), Image.Resampling.BILINEAR)
    model.score_thresh, model.nms_thresh, model.detections_per_img = 1e-6, 0.5, 10
    with torch.no_grad():
        direct = model([torch.from_numpy(np.asarray(work).copy()).permute(2, 0, 1).float() / 255])[0]
    torch.testing.assert_close(found.boxes, direct["boxes"] * 2, atol=1e-3, rtol=1e-4)
    assert found.model_size == (320, 320) and len(found.familiarity) == 0  # no familiarity check for COCO models


def test_online_weights_offline_give_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TORCH_HOME", str(tmp_path))

    def no_network(request):
        raise urllib.error.URLError("no route to host")

    monkeypatch.setattr("lib.downloads._open", no_network)
    assert not D.is_cached("ssdlite320") and D.is_cached("tinyssd")
    with pytest.raises(LessonError) as error:
        D.load_online("ssdlite320")
    assert error.value.key == "downloads.error.offline" and str(error.value).endswith("TinySSD still works.")
    with pytest.raises(LessonError):
        D.build_online("yolo")


# ---- familiarity (unlike the training data), the boxes the page draws, what the model saw --------------------


def test_tinyssd_boxes_are_the_decoded_detections_with_their_anchor_logits() -> None:
    torch.manual_seed(0)
    model = TinySSD(len(CLASSES)).eval()
    images = make_shapes_detect(3, seed=5, image_size=64).images
    reference = D.decode_tinyssd(model, images, 0.2, 0.5, 30)
    _, cls_preds, _ = model(D.to_model_input(images))
    found = D.tinyssd_boxes(model, images, 0.2, 0.5, 30)
    for (rows, logits), expected, all_logits in zip(found, reference, cls_preds, strict=True):
        torch.testing.assert_close(rows, expected)
        assert logits.shape == (len(rows), len(CLASSES) + 1)
        # each box's logits are its anchor's: their softmax gives the box's class and score
        probs = logits.softmax(dim=1)[:, 1:]
        torch.testing.assert_close(probs.max(dim=1).values, rows[:, 1])
        assert all(any(torch.equal(row, other) for other in all_logits) for row in logits)


@pytest.fixture(scope="module")
def shipped() -> D.Detector:
    return D.load_tinyssd()


def test_familiarity_threshold_keeps_validation_boxes_and_flags_unlike_pictures(shipped: D.Detector) -> None:
    assert shipped.ood is not None and shipped.ood.kind == "energy"
    # held-out scenes of its own domain (not the calibration seed): nearly every box is familiar
    scenes = make_shapes_detect(32, seed=11, image_size=shipped.input_size).images
    logits = torch.cat([box_logits for _, box_logits in D.tinyssd_boxes(shipped.model, scenes, 0.5)])
    familiar = ~shipped.ood.unlike_training(logits)
    assert len(logits) > 40 and familiar.float().mean() >= 0.85
    # pictures unlike drawn shapes on plain backgrounds: every box TinySSD still finds is flagged
    for name in ("rings", "checkerboard"):
        found = D.detect(shipped, sample_image(name, 256), score_threshold=0.3)
        assert len(found.labels) > 0, name
        assert found.unlike.all(), (name, found.familiarity)
        torch.testing.assert_close(found.familiarity, torch.logsumexp(found_logits(shipped, name), dim=1).float())
        assert {"energy", "unlike"} <= set(found.rows()[0])


def found_logits(detector: D.Detector, name: str) -> torch.Tensor:
    """The logits of the boxes ``detect`` keeps on sample ``name`` at score 0.3 (the reference for its energy)."""
    square = sample_image(name, 256).resize((detector.input_size,) * 2, Image.Resampling.BILINEAR)
    pixels = torch.from_numpy(np.asarray(square).copy()).permute(2, 0, 1)[None]
    return D.tinyssd_boxes(detector.model, pixels, 0.3, 0.5, 100)[0][1]


def test_what_the_model_saw_is_its_input_size(tmp_path: Path) -> None:
    """Bug 7: the caption said "resized to 256×256" next to "scale for the model 1.000"."""
    _save_tinyssd(tmp_path / "w.pt", image_size=128)
    detector = D.load_tinyssd(tmp_path / "w.pt", calibrate=False)
    found = D.detect(detector, Image.new("RGB", (300, 200), (10, 200, 30)))
    assert found.model_size == (128, 128) and found.scale == 1.0
    for lang in ("en", "zh"):
        text = translate("detection.run.summary", lang, count=0, ms=1, w=300, h=200, mw=128, mh=128)
        assert "128×128" in text and "300×200" in text
