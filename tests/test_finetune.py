"""Fine-tuning mechanics: new heads, freezing, LR groups, weight change, weight sources, augmentation."""

from __future__ import annotations

import dataclasses
import io
import math
import urllib.error
from typing import ClassVar

import pytest
import torch
from torch import nn
from torchvision import models as tvm

from lib import downloads, finetune_sources
from lib.errors import LessonError
from lib.finetune import (
    frozen_stages,
    head_name,
    param_groups,
    prepare,
    snapshot,
    trainable_count,
    weight_change,
)
from lib.finetune_augment import AugmentConfig, preview, train_transform
from lib.finetune_run import FinetuneTask, Plan, compare, find_lr, sized, stages, val_accuracy
from lib.models import MODELS, build_model
from lib.train import TrainConfig


def train_steps(model: nn.Module, groups: list[dict], steps: int = 3, size: int = 32) -> None:
    torch.manual_seed(1)
    opt = torch.optim.SGD(groups, momentum=0.9)
    model.train()
    for _ in range(steps):
        x, y = torch.randn(8, 3, size, size), torch.randint(0, 3, (8,))
        opt.zero_grad()
        nn.functional.cross_entropy(model(x), y).backward()
        opt.step()


@pytest.mark.parametrize("name", [n for n, spec in MODELS.items() if spec.head])
def test_head_name_is_the_registry_head(name: str) -> None:
    spec = MODELS[name]
    with torch.device("meta"):
        model = build_model(name, 4, spec.default_input[0], spec.default_input[1])
    assert head_name(model) == spec.head


def test_head_name_of_torchvision_backbones() -> None:
    with torch.device("meta"):
        assert head_name(tvm.mobilenet_v3_small()) == "classifier.3"
        assert head_name(tvm.efficientnet_b0()) == "classifier.1"
        assert head_name(tvm.resnet18()) == "fc"
    with pytest.raises(LessonError, match="no linear layer"):
        head_name(nn.Sequential(nn.Conv2d(3, 4, 3)))


def test_prepare_makes_a_xavier_head() -> None:
    torch.manual_seed(0)
    model = prepare(build_model("compact_resnet", 10), 3)
    assert model.fc.out_features == 3 and model.fc.in_features == 256
    assert torch.equal(model.fc.bias, torch.zeros(3))
    bound = (6 / (256 + 3)) ** 0.5  # Xavier-uniform's limit
    assert model.fc.weight.abs().max() <= bound and model.fc.weight.abs().max() > 0.8 * bound
    assert trainable_count(model)[0] == trainable_count(model)[1]


def test_frozen_body_is_bit_identical_after_training_and_head_moves() -> None:
    torch.manual_seed(0)
    model = prepare(build_model("compact_resnet", 10, image_size=32), 3, freeze="body")
    before = {k: v.clone() for k, v in model.state_dict().items()}
    train_steps(model, param_groups(model, lr=0.1))
    after = model.state_dict()
    for key, value in before.items():
        if key.startswith("fc."):
            assert not torch.equal(value, after[key]), key
        else:
            assert torch.equal(value, after[key]), key  # weights *and* BatchNorm statistics untouched
    assert trainable_count(model)[0] == 256 * 3 + 3


def test_freeze_first_k_stages() -> None:
    torch.manual_seed(0)
    model = prepare(build_model("compact_resnet", 10, image_size=32), 3, freeze=3)
    assert frozen_stages(model, 3) == ["stem", "layer1", "layer2"]
    before = snapshot(model)
    train_steps(model, param_groups(model, lr=0.1))
    change = weight_change(before, model).set_index("layer")["relative_change"]
    assert (change[[n for n in change.index if n.split(".")[0] in ("stem", "layer1", "layer2")]] == 0).all()
    assert (change[[n for n in change.index if n.split(".")[0] in ("layer3", "layer4", "fc")]] > 0).all()
    with pytest.raises(LessonError, match="not a freezing choice"):
        prepare(build_model("compact_resnet"), 3, freeze=99)


def test_param_groups_carry_the_lr_ratio() -> None:
    model = prepare(build_model("small_resnet"), 5)
    groups = param_groups(model, lr=0.01, head_lr_mult=10.0)
    assert [g["name"] for g in groups] == ["body", "head"]
    opt = torch.optim.AdamW(groups)
    assert opt.param_groups[1]["lr"] / opt.param_groups[0]["lr"] == pytest.approx(10.0)
    ids = [id(p) for g in groups for p in g["params"]]
    assert sorted(ids) == sorted(id(p) for p in model.parameters())
    assert [id(p) for p in groups[1]["params"]] == [id(model.fc.weight), id(model.fc.bias)]
    frozen = prepare(build_model("small_resnet"), 5, freeze="body")
    assert [g["name"] for g in param_groups(frozen, 0.01)] == ["head"]
    with pytest.raises(LessonError, match="positive"):
        param_groups(model, lr=0.0)


def test_one_class_is_refused() -> None:
    with pytest.raises(LessonError, match="at least two classes"):
        prepare(build_model("mlp"), 1)


@pytest.fixture
def hub_dir(tmp_path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(torch.hub, "get_dir", lambda: str(tmp_path))
    return tmp_path


def test_offline_download_gives_a_clear_message_and_leaves_nothing(hub_dir, monkeypatch) -> None:
    def offline(request):
        raise urllib.error.URLError("Temporary failure in name resolution")

    monkeypatch.setattr(downloads, "_open", offline)
    with pytest.raises(LessonError, match="seems to be offline") as err:
        finetune_sources.load_online("mobilenet_v3_small")
    assert "Temporary failure" in str(err.value)
    assert list((hub_dir / "checkpoints").iterdir()) == []
    assert not finetune_sources.is_cached("mobilenet_v3_small")


class FakeResponse(io.BytesIO):
    status = 200
    headers: ClassVar[dict[str, str]] = {"Content-Length": "0"}


def test_corrupt_download_is_discarded(hub_dir, monkeypatch) -> None:
    monkeypatch.setattr(downloads, "_open", lambda request: FakeResponse(b"not the weights" * 1000))
    seen: list[int] = []
    with pytest.raises(LessonError, match="does not match its checksum"):
        finetune_sources.load_online("resnet18", progress=lambda done, total: seen.append(done))
    assert seen and seen[-1] == len(b"not the weights") * 1000
    assert list((hub_dir / "checkpoints").iterdir()) == []


def test_cached_weights_load_without_network(hub_dir, monkeypatch) -> None:
    def no_network(request):
        raise AssertionError("the network must not be used when the file is cached")

    monkeypatch.setattr(downloads, "_open", no_network)
    torch.manual_seed(0)
    reference = tvm.mobilenet_v3_small(weights=None)
    path = finetune_sources.cache_path(tvm.MobileNet_V3_Small_Weights.IMAGENET1K_V1)
    path.parent.mkdir(parents=True)
    torch.save(reference.state_dict(), path)
    model, weights = finetune_sources.load_online("mobilenet_v3_small")
    assert torch.equal(model.classifier[3].weight, reference.classifier[3].weight)
    assert len(weights.meta["categories"]) == 1000
    path.write_bytes(b"garbage")
    with pytest.raises(LessonError, match="cannot be read"):
        finetune_sources.load_online("mobilenet_v3_small")
    with pytest.raises(LessonError, match="no backbone called"):
        finetune_sources.load_online("vgg19")


def test_augmentation_preview_is_seeded_and_leaves_global_rng_alone() -> None:
    image = torch.randint(0, 256, (3, 48, 40), dtype=torch.uint8, generator=torch.Generator().manual_seed(0))
    config = AugmentConfig(size=32, rotation=15, hue=0.1)
    torch.manual_seed(123)
    state = torch.random.get_rng_state()
    first = preview(image, config, n=4, seed=7)
    assert torch.equal(torch.random.get_rng_state(), state)
    second = preview(image, config, n=4, seed=7)
    assert all(torch.equal(a, b) for a, b in zip(first, second, strict=True))
    assert all(v.shape == (3, 32, 32) and v.dtype == torch.uint8 for v in first)
    assert not torch.equal(first[0], first[1])
    mixed = preview(image, AugmentConfig(size=32, mixup=True, cutmix=True), n=3, seed=1)
    assert all(v.shape == (3, 32, 32) for v in mixed)


def test_augmentation_pipelines_and_bad_settings() -> None:
    image = torch.zeros(3, 100, 80, dtype=torch.uint8)
    assert train_transform(AugmentConfig(size=64))(image).shape == (3, 64, 64)
    with pytest.raises(LessonError, match="aspect-ratio"):
        train_transform(AugmentConfig(ratio_min=2.0, ratio_max=1.0))
    with pytest.raises(LessonError, match="between 8 and 512"):
        train_transform(AugmentConfig(size=4))


def tiny_task(n: int = 24, size: int = 16):
    from lib.data.shapes import make_shapes

    data = make_shapes(n, seed=3, image_size=size, classes=["circle", "square", "triangle"])
    return data.split(0.25, seed=0)


def tiny_config(**changes) -> TrainConfig:
    return TrainConfig(**({"epochs": 2, "batch_size": 8, "mean": (0.5,) * 3, "std": (0.25,) * 3} | changes))


def test_compare_runs_both_with_the_shared_loop() -> None:
    torch.manual_seed(0)
    train, val = tiny_task()
    plan = Plan(freeze="body", augment=AugmentConfig(size=16), image_size=16)
    pretrained = build_model("compact_resnet", 10, image_size=16)
    before = {k: v.clone() for k, v in pretrained.state_dict().items()}
    results = compare(pretrained, build_model("compact_resnet", 10, image_size=16), train, val, tiny_config(), plan)
    assert list(results) == ["finetune", "scratch"]
    for model, history in results.values():
        assert history.status == "done" and [e.epoch for e in history.epochs] == [1, 2]
        assert all(0 <= e.val["accuracy"] <= 1 and e.train["loss"] > 0 for e in history.epochs)
        assert model.fc.out_features == 3
    assert all(torch.equal(v, pretrained.state_dict()[k]) for k, v in before.items())  # the original is untouched
    tuned, scratch = results["finetune"][1], results["scratch"][1]
    assert tuned.config.lr == 0.01  # the body's LR; the head's group is 10x (param_groups)
    assert scratch.config.lr != 0.01  # the range test's choice
    assert val_accuracy(tuned) == tuned.epochs[-1].val["accuracy"]


def test_stages_go_through_the_shared_job() -> None:
    from lib.jobs import RunLimiter, TrainingJob

    torch.manual_seed(0)
    train, val = tiny_task()
    plan = Plan(freeze="body", image_size=16, scratch_lr=0.05)
    train, val = sized(train, val, plan)
    runs = stages(build_model("small_resnet"), build_model("small_resnet"), train, tiny_config(epochs=1), plan)
    assert [s.name for s in runs] == ["finetune", "scratch"] and runs[1].config.lr == 0.05
    assert [g["lr"] for g in runs[0].groups] == [0.1]  # body frozen: only the head's group, at 10 x 0.01
    job = TrainingJob()
    job.start_stages(runs, train, val, limiter=RunLimiter(limit=1))
    job.join(120)
    snap = job.snapshot()
    assert snap.status == "done" and snap.runs == ("finetune", "scratch")
    assert snap.epoch_runs == ("finetune", "scratch")
    assert job.histories["scratch"].config.lr == 0.05


def test_mixup_and_cutmix_train_on_soft_labels() -> None:
    torch.manual_seed(0)
    train, val = tiny_task()
    augment = AugmentConfig(size=16, mixup=True, cutmix=True)
    task = FinetuneTask(augment, 3)
    images, soft = task.augment(train.images[:8], train.labels[:8], None, torch.Generator().manual_seed(0))
    assert images.dtype == torch.uint8 and soft.shape == (8, 3)
    assert torch.allclose(soft.sum(1), torch.ones(8))
    again, _ = task.augment(train.images[:8], train.labels[:8], None, torch.Generator().manual_seed(0))
    assert torch.equal(images, again)  # seeded by the run's generator: both runs see the same augmentations
    plan = Plan(augment=augment, image_size=16, scratch_lr=0.01)
    results = compare(build_model("small_resnet"), build_model("small_resnet"), train, val, tiny_config(epochs=1), plan)
    assert [len(history.epochs) for _, history in results.values()] == [1, 1]


def test_a_diverging_run_ends_the_comparison_with_the_engines_message() -> None:
    train, val = tiny_task()
    config = tiny_config(epochs=3, batch_size=4, lr=1e12, mean=(0,) * 3, std=(1,) * 3)
    plan = Plan(freeze="none", image_size=16)
    results = compare(build_model("small_resnet"), build_model("small_resnet"), train, val, config, plan)
    assert list(results) == ["finetune"]
    assert results["finetune"][1].status == "failed" and results["finetune"][1].error.key == "train.error.nan"


def test_stop_ends_a_run_early() -> None:
    import threading

    train, val = tiny_task()
    stop = threading.Event()
    stop.set()
    results = compare(
        build_model("small_resnet"), build_model("small_resnet"), train, val, tiny_config(), Plan(), stop=stop
    )
    assert list(results) == ["finetune"] and results["finetune"][1].epochs == []
    assert results["finetune"][1].status == "stopped"


def test_lr_range_test_picks_a_tenth_of_the_lowest_loss_lr_and_that_lr_trains() -> None:
    torch.manual_seed(0)
    train, val = tiny_task(48)
    config = tiny_config(epochs=3, lr=0.1)
    model = prepare(build_model("small_resnet"), 3)
    before = {k: v.clone() for k, v in model.state_dict().items()}
    sweep = find_lr(model, train, config)
    assert all(torch.equal(v, model.state_dict()[k]) for k, v in before.items())  # swept on a copy
    lowest = sweep.lrs[min(range(len(sweep.losses)), key=sweep.losses.__getitem__)]
    assert sweep.lr == pytest.approx(lowest / 10)
    assert list(sweep.lrs) == sorted(sweep.lrs) and 1e-5 <= sweep.lrs[0] < sweep.lrs[-1] <= 1.0
    assert len(sweep.lrs) < 40 or sweep.losses[-1] > 4 * min(sweep.losses)  # stopped at divergence or ran out
    from lib.train import fit

    history = fit(model, train, val, dataclasses.replace(config, lr=sweep.lr))
    losses = [e.train["loss"] for e in history.epochs]
    assert history.status == "done" and losses[-1] < losses[0]  # it trains: loss goes down, no NaN


def test_class_collection_rules() -> None:
    from PIL import Image

    from lib.finetune_data import add_class, add_images, stratified_split, to_arrays

    collection: dict = {}
    assert add_class(collection, "  Red   ball ") == "Red ball"
    with pytest.raises(LessonError, match="already a class 'Red ball'"):
        add_class(collection, "red BALL")
    with pytest.raises(LessonError, match="name first"):
        add_class(collection, "   ")
    with pytest.raises(LessonError, match="at least two classes"):
        to_arrays(collection)
    add_class(collection, "cube")
    assert add_images(collection, "Red ball", [Image.new("RGB", (120, 80), "red")] * 3) == 3
    with pytest.raises(LessonError, match="no images yet: cube"):
        to_arrays(collection)
    add_images(collection, "cube", [Image.new("RGB", (50, 70), "blue")])
    data = to_arrays(collection)
    assert data.images.shape == (4, 3, 96, 96) and data.labels.tolist() == [0, 0, 0, 1]
    assert data.images[0, :, 48, 48].tolist() == [255, 0, 0]
    with pytest.raises(LessonError, match="'cube' needs at least two images"):
        stratified_split(data)
    add_images(collection, "cube", [Image.new("RGB", (50, 70), "blue")] * 3)
    train, val = stratified_split(to_arrays(collection), 0.25, seed=0)
    assert sorted(val.labels.tolist()) == [0, 1] and sorted(train.labels.tolist()) == [0, 0, 1, 1, 1]


def test_checkpoint_round_trip_and_wrong_architecture() -> None:
    from lib.finetune_sources import export_checkpoint, load_checkpoint

    torch.manual_seed(0)
    model = prepare(build_model("compact_resnet"), 3)
    data = export_checkpoint(model, "compact_resnet", ("a", "b", "c"), 64, (0.5,) * 3, (0.25,) * 3)
    loaded = load_checkpoint(data)
    assert loaded.classes == ("a", "b", "c") and loaded.image_size == 64
    x = torch.randn(2, 3, 64, 64)
    torch.testing.assert_close(loaded.model(x), model.eval()(x))
    wrong = export_checkpoint(model, "small_resnet", ("a", "b", "c"), 64, (0.5,) * 3, (0.25,) * 3)
    with pytest.raises(LessonError, match="do not fit the small_resnet architecture"):
        load_checkpoint(wrong)
    with pytest.raises(LessonError, match="not a PyTorch checkpoint"):
        load_checkpoint(b"PK\x03\x04 definitely not a checkpoint")
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)  # a bare state dict: no metadata to rebuild the model from
    with pytest.raises(LessonError, match="not a checkpoint this app can read"):
        load_checkpoint(buffer.getvalue())


def test_fine_tuned_exports_load_on_the_train_page() -> None:
    from lib.checkpoints import restore
    from lib.finetune_sources import export_checkpoint

    torch.manual_seed(0)
    model = prepare(build_model("compact_resnet"), 3).eval()
    data = export_checkpoint(model, "compact_resnet", ("a", "b", "c"), 64, (0.5,) * 3, (0.25,) * 3, val_accuracy=0.9)
    restored, meta = restore(data)
    x = torch.randn(2, 3, 64, 64)
    torch.testing.assert_close(restored(x), model(x))
    assert meta["classes"] == ["a", "b", "c"] and meta["in_channels"] == 3 and meta["val_accuracy"] == 0.9


def test_train_page_checkpoints_are_accepted_and_grey_ones_refused() -> None:
    from lib.checkpoints import checkpoint_bytes, make_meta
    from lib.finetune_sources import load_checkpoint

    torch.manual_seed(0)
    model = build_model("cifar10_quick_relu", 4, 3, 32)
    meta = make_meta("cifar10_quick_relu", ("a", "b", "c", "d"), 3, 32, (0.5,) * 3, (0.25,) * 3)
    loaded = load_checkpoint(checkpoint_bytes(model, meta))
    assert loaded.classes == ("a", "b", "c", "d")
    assert torch.equal(loaded.model.fc.weight, model.fc.weight)
    grey = build_model("lenet", 10, 1, 28)
    meta = make_meta("lenet", tuple("0123456789"), 1, 28, (0.5,), (0.25,))
    with pytest.raises(LessonError, match="expects 1-channel images"):
        load_checkpoint(checkpoint_bytes(grey, meta))


def test_bf16_autocast_fine_tunes_on_cpu() -> None:
    torch.manual_seed(0)
    train, val = tiny_task()
    pretrained = build_model("small_resnet")
    dtypes: set[torch.dtype] = set()
    pretrained.conv.register_forward_hook(lambda module, args, out: dtypes.add(out.dtype))  # copied with the model
    plan = Plan(augment=AugmentConfig(size=16), image_size=16, scratch_lr=0.01)
    results = compare(
        pretrained, build_model("small_resnet"), train, val, tiny_config(epochs=1, precision="bf16"), plan
    )
    assert dtypes == {torch.bfloat16}  # every forward of the fine-tuned stem ran in bf16 (training and validation)
    assert all(math.isfinite(e.val["loss"]) for _, history in results.values() for e in history.epochs)
    tuned = results["finetune"][0]
    assert next(tuned.parameters()).dtype == torch.float32  # autocast computes in bf16, weights stay fp32


def test_photos_unlike_the_training_data_are_flagged_and_in_domain_images_pass() -> None:
    """The page's check on the shipped backbone: calibrated on its own domain's validation images, a held-out
    image of that domain passes and smooth, photo-like images (no edges, no shapes) are flagged."""
    import torch.nn.functional as F

    from lib.data.arrays import ImageArrays
    from lib.data.fewshot import make_pretraining
    from lib.evaluate import logits
    from lib.finetune_run import ood_check
    from lib.finetune_sources import load_offline

    backbone = load_offline()
    args = backbone.mean, backbone.std
    check = ood_check(backbone.model, make_pretraining(200, seed=1), *args)
    held_out = make_pretraining(60, seed=2)
    passed = ~check.unlike_training(logits(backbone.model, held_out, *args))
    assert passed.double().mean() >= 0.85 and passed[0]
    low = torch.rand(12, 3, 4, 4, generator=torch.Generator().manual_seed(0))  # a few colours, smoothly blended
    smooth = (F.interpolate(low, size=64, mode="bicubic").clamp(0, 1) * 255).to(torch.uint8)
    photos = ImageArrays(smooth, torch.zeros(12, dtype=torch.long), backbone.classes)
    assert check.unlike_training(logits(backbone.model, photos, *args)).all()


def test_memorised_says_when_scratch_learned_its_images_but_not_the_classes() -> None:
    """Training accuracy clearly above chance, validation near it: memorised, with the page's figures."""
    from lib.finetune_run import Memorised, memorised
    from lib.train import EpochEvent, History, TrainConfig

    def history(train: float, val: float) -> History:
        run = History(TrainConfig(), (0.5,), (0.5,))
        run.epochs.append(EpochEvent(1, 1, {"accuracy": train, "loss": 1.0}, {"accuracy": val, "loss": 2.0}, 0.0))
        return run

    assert memorised(history(0.41, 0.16), 6) == Memorised(0.41, 0.16, 1 / 6)
    assert memorised(history(0.20, 0.16), 6) is None  # it did not even learn its training images
    assert memorised(history(0.90, 0.60), 6) is None  # it generalised
    assert memorised(History(TrainConfig(), (0.5,), (0.5,)), 6) is None  # no epoch yet
