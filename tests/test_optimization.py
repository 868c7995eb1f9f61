"""The Losses & optimizers lesson against torch.nn.functional, torch.optim and the schedulers themselves."""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F

from lib.errors import LessonError
from lib.optimization_init import gradient_flow
from lib.optimization_losses import (
    ANIMAL_TARGETS,
    MODEL_1,
    MODEL_2,
    REGRESSION_PREDICTION,
    REGRESSION_TARGET,
    cross_entropy_from_probabilities,
    probabilities_as_logits,
    regression_losses,
    softmax_with_temperature,
)
from lib.optimization_paths import builtin_surface, optimizer_path, surface_grid, typed_surface
from lib.optimization_regularisation import decay_paths, dropout_demo, overfit_run
from lib.optimization_runs import SCHEDULES, lr_curve, make_scheduler


def test_regression_losses_by_hand_equal_torch() -> None:
    values = {v.name: v for v in regression_losses(REGRESSION_PREDICTION, REGRESSION_TARGET)}
    assert values["l1"].by_hand == values["l1"].torch == pytest.approx(0.5)
    assert values["mse"].by_hand == values["mse"].torch == pytest.approx(0.25)
    assert values["smooth_l1"].torch == pytest.approx(0.125)  # 0.5 · 0.5² below beta = 1
    g = torch.Generator().manual_seed(0)
    pred, target = torch.randn(20, generator=g).tolist(), torch.randn(20, generator=g).tolist()
    for value in regression_losses(pred, target, beta=0.7):
        assert value.by_hand == pytest.approx(value.torch, abs=1e-12)


def test_cat_dog_pig_cross_entropy() -> None:
    first, _ = cross_entropy_from_probabilities(MODEL_1, ANIMAL_TARGETS)
    second, per_sample = cross_entropy_from_probabilities(MODEL_2, ANIMAL_TARGETS)
    assert first.by_hand == pytest.approx(-(2 * math.log(0.4) + math.log(0.1)) / 3)
    assert second.by_hand == pytest.approx(-(2 * math.log(0.7) + math.log(0.3)) / 3)
    assert round(first.torch, 3) == 1.378 and round(second.torch, 3) == 0.639
    reference = F.cross_entropy(torch.tensor(MODEL_2, dtype=torch.float64).log(), torch.tensor(ANIMAL_TARGETS))
    assert second.torch == pytest.approx(float(reference))  # log-probabilities are valid logits
    assert per_sample == pytest.approx([-math.log(0.7), -math.log(0.7), -math.log(0.3)])


def test_probabilities_fed_as_logits_blur_the_difference() -> None:
    right = [cross_entropy_from_probabilities(m, ANIMAL_TARGETS)[0].torch for m in (MODEL_1, MODEL_2)]
    wrong = [probabilities_as_logits(m, ANIMAL_TARGETS) for m in (MODEL_1, MODEL_2)]
    assert wrong[1] == pytest.approx(float(F.cross_entropy(torch.tensor(MODEL_2), torch.tensor(ANIMAL_TARGETS))))
    assert abs(wrong[0] - wrong[1]) < abs(right[0] - right[1]) / 2
    assert all(abs(w - math.log(3)) < 0.25 for w in wrong)  # a second softmax squashes towards log(C)


@pytest.mark.parametrize(
    "probs,key",
    [
        ([[0.5, 0.6, 0.1]], "optimization.error.row_sum"),
        ([[0.0, 0.5, 0.5]], "optimization.error.probability_range"),
        ([[float("nan"), 0.5, 0.5]], "optimization.error.not_finite"),
    ],
)
def test_bad_probabilities_get_a_lesson_error(probs, key) -> None:
    with pytest.raises(LessonError) as error:
        cross_entropy_from_probabilities(probs, [0])
    assert error.value.key == key


def test_softmax_with_temperature_equals_torch() -> None:
    z = [2.0, 1.0, 0.1, -1.0, 800.0]
    for temperature in (0.1, 1.0, 10.0):
        expected = torch.softmax(torch.tensor(z, dtype=torch.float64) / temperature, dim=0)
        assert torch.allclose(softmax_with_temperature(z, temperature), expected)
    with pytest.raises(LessonError):
        softmax_with_temperature(z, 0.0)


def test_sgd_and_momentum_paths_equal_their_update_rules() -> None:
    k, lr, mu = 10.0, 0.05, 0.9
    surface = builtin_surface("quadratic", k)
    sgd = optimizer_path(surface, (-2.5, 1.5), "sgd", lr, 0.0, 30)
    momentum = optimizer_path(surface, (-2.5, 1.5), "momentum", lr, mu, 30)
    p = torch.tensor([-2.5, 1.5], dtype=torch.float64)
    q, v = p.clone(), torch.zeros(2, dtype=torch.float64)
    scale = torch.tensor([1.0, k], dtype=torch.float64)  # gradient of 0.5(x² + k y²) is (x, k y)
    for step in range(30):
        p = p - lr * scale * p
        grad = scale * q
        v = grad if step == 0 else mu * v + grad  # torch's SGD: the first buffer is the gradient itself
        q = q - lr * v
    assert torch.allclose(sgd.points[-1], p) and torch.allclose(momentum.points[-1], q)


def test_adam_path_equals_the_adam_formula() -> None:
    surface = builtin_surface("rosenbrock")
    path = optimizer_path(surface, (-1.5, 1.5), "adam", 0.01, 0.9, 25)
    p = torch.tensor([-1.5, 1.5], dtype=torch.float64, requires_grad=True)
    m = torch.zeros(2, dtype=torch.float64)
    v = torch.zeros(2, dtype=torch.float64)
    for step in range(1, 26):
        p.grad = None
        surface(p[0], p[1]).backward()
        g = p.grad
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        with torch.no_grad():
            p -= 0.01 * (m / (1 - 0.9**step)) / ((v / (1 - 0.999**step)).sqrt() + 1e-8)
    assert torch.allclose(path.points[-1], p.detach(), atol=1e-10)


def test_too_large_a_step_diverges_and_a_small_one_converges() -> None:
    surface = builtin_surface("quadratic", 10.0)
    assert optimizer_path(surface, (-2.5, 1.5), "sgd", 0.25, 0.0, 300).diverged_at is not None  # lr·k > 2
    settled = optimizer_path(surface, (-2.5, 1.5), "sgd", 0.15, 0.0, 300)
    assert settled.diverged_at is None and settled.points[-1].abs().max() < 1e-6


def test_typed_surfaces_are_vetted() -> None:
    axis, z = surface_grid(typed_surface("x**2 + 3*sin(y)"), (-1.0, 1.0), n=5)
    y, x = torch.meshgrid(axis, axis, indexing="ij")
    assert torch.allclose(z, x**2 + 3 * torch.sin(y))
    assert surface_grid(typed_surface("y"), (-1.0, 1.0), n=3)[1].shape == (3, 3)
    for text, key in (
        ("3", "optimization.error.no_xy"),
        ("sum(x)", "optimization.error.reduction"),
        ("z + x", "tensors.expr.name"),
        ("x +", "tensors.expr.syntax"),
        ("__import__('os')", "tensors.expr.function"),
    ):
        with pytest.raises(LessonError) as error:
            typed_surface(text)
        assert error.value.key == key, text
    with pytest.raises(LessonError) as error:
        optimizer_path(typed_surface("log(x)"), (-1.0, 1.0), "sgd", 0.1, 0.0, 5)
    assert error.value.key == "optimization.error.nan_start"
    with pytest.raises(LessonError):
        optimizer_path(typed_surface("x**2"), (1.0, 1.0), "sgd", 1e9, 0.0, 5)


@pytest.mark.parametrize("name", SCHEDULES)
def test_lr_curves_are_the_schedulers_own(name: str) -> None:
    curve = lr_curve(name, 0.1, 60)
    optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1)
    scheduler = make_scheduler(name, optimizer, 60)
    expected = []
    for _ in range(60):
        expected.append(scheduler.get_last_lr()[0])
        optimizer.step()
        scheduler.step()
    assert curve == expected
    if name == "step":
        assert curve[19] == pytest.approx(0.1) and curve[20] == pytest.approx(0.01)
    if name == "warmup":
        assert curve[0] == pytest.approx(0.001) and max(curve) == pytest.approx(0.1)
    if name == "onecycle":
        assert max(curve) == pytest.approx(0.1, rel=1e-3) and curve[0] < 0.01


def test_initialisations_show_exploding_vanishing_and_steady_gradients() -> None:
    ratio = {}
    for init in ("normal", "small", "xavier"):
        stats = gradient_flow(init, "tanh", depth=12)
        ratio[init] = float(stats.gradient_std[0] / stats.gradient_std[-1])
    assert ratio["normal"] > 100  # N(0, 1): gradients explode towards the input
    assert ratio["small"] < 0.01  # tiny weights: they vanish
    assert 0.1 < ratio["xavier"] < 10
    relu = gradient_flow("kaiming", "relu", depth=12).activation_std
    assert 0.2 < float(relu[-1] / relu[0]) < 5
    with_bn = gradient_flow("normal", "relu", depth=12, batchnorm=True).activation_std
    assert float(with_bn.max()) < 10  # BatchNorm re-centres every layer


def test_dropout_scales_in_training_and_is_the_identity_in_eval() -> None:
    demo = dropout_demo(0.5, seed=3)
    assert set(demo.train.unique().tolist()) <= {0.0, 2.0}
    assert torch.equal(demo.eval, demo.input)
    torch.manual_seed(3)
    assert torch.equal(demo.train, F.dropout(torch.ones(16), 0.5, training=True))


def test_adamw_decays_proportionally_and_adam_l2_by_about_the_learning_rate() -> None:
    paths = decay_paths(lr=0.01, weight_decay=0.1, steps=50, gradient_scale=0.0)
    assert paths["adamw"][-1] == pytest.approx((1 - 0.01 * 0.1) ** 50)  # w ← w − lr·λ·w, no data gradient
    w, m, v = 1.0, 0.0, 0.0  # Adam by hand: the L2 term λw is just part of the gradient, then normalised
    for step in range(1, 51):
        g = 0.1 * w
        m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g
        w -= 0.01 * (m / (1 - 0.9**step)) / (math.sqrt(v / (1 - 0.999**step)) + 1e-8)
    assert paths["adam_l2"][-1] == pytest.approx(w)
    assert 1 - paths["adam_l2"][-1] > 5 * (1 - paths["adamw"][-1])  # ~lr per step vs lr·λ·w


def test_regularisation_narrows_the_overfitting_gap() -> None:
    plain = overfit_run("none", steps=120)
    decayed = overfit_run("weight_decay", 1.0, steps=120)
    assert plain.train[-1] < plain.val[-1]  # memorises the 60 training points
    assert decayed.val[-1] - decayed.train[-1] < plain.val[-1] - plain.train[-1]
