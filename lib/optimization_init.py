"""Initialisation and gradient flow: activation and gradient statistics per layer of a deep plain MLP.

One forward and one backward pass of a real batch (Shapes images, flattened) through ``depth`` Linear layers shows
what each initialisation does: N(0, 1) weights make activations explode layer by layer (and tanh saturates, so
gradients vanish), tiny weights make everything vanish, Xavier keeps tanh layers' variance steady and Kaiming keeps
ReLU layers'. BatchNorm re-centres every layer; residual connections give gradients a path around each layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import torch
from torch import nn
from torch.nn import functional as F

from lib.data.shapes import make_shapes

INITS: tuple[str, ...] = ("normal", "small", "xavier", "kaiming")
ACTIVATIONS: tuple[str, ...] = ("tanh", "relu")
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
WIDTH = 128
IMAGE_SIZE = 16


@lru_cache(maxsize=1)
def shapes_batch(n: int = 64) -> tuple[torch.Tensor, torch.Tensor]:
    """A fixed batch of Shapes images flattened to (n, 3·16·16), standardised, and their labels."""
    data = make_shapes(n, seed=7, image_size=IMAGE_SIZE)
    x = data.images.float().flatten(1) / 255
    return (x - x.mean()) / x.std(), data.labels


class PlainMLP(nn.Module):
    """``depth`` hidden Linear layers of equal width, optional BatchNorm and residual connections."""

    def __init__(self, inputs: int, classes: int, depth: int, activation: str, batchnorm: bool, residual: bool):
        super().__init__()
        self.stem = nn.Linear(inputs, WIDTH)
        self.layers = nn.ModuleList(nn.Linear(WIDTH, WIDTH) for _ in range(depth))
        self.norms = nn.ModuleList(nn.BatchNorm1d(WIDTH) if batchnorm else nn.Identity() for _ in range(depth))
        self.head = nn.Linear(WIDTH, classes)
        self.act = torch.tanh if activation == "tanh" else F.relu
        self.residual = residual
        self.outputs: list[torch.Tensor] = []

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.act(self.stem(x))
        self.outputs = []
        for layer, norm in zip(self.layers, self.norms, strict=True):
            out = self.act(norm(layer(h)))
            h = h + out if self.residual else out
            h.retain_grad()
            self.outputs.append(h)
        return self.head(h)


def initialise(model: PlainMLP, init: str, activation: str) -> None:
    """Set every Linear weight by ``init`` (biases to zero) — the same calls a learner would write."""
    for module in model.modules():
        if not isinstance(module, nn.Linear):
            continue
        if init == "normal":
            nn.init.normal_(module.weight, 0.0, 1.0)
        elif init == "small":
            nn.init.normal_(module.weight, 0.0, 0.01)
        elif init == "xavier":
            nn.init.xavier_normal_(module.weight, gain=nn.init.calculate_gain(activation))
        elif init == "kaiming":
            nn.init.kaiming_normal_(module.weight, nonlinearity=activation)
        else:
            raise ValueError(f"unknown init {init!r}")
        nn.init.zeros_(module.bias)


@dataclass(frozen=True)
class LayerStats:
    """Per hidden layer (depth rows): quantiles of the activations and of dLoss/dActivation, and their std."""

    activation_quantiles: torch.Tensor  # (depth, len(QUANTILES))
    gradient_quantiles: torch.Tensor  # (depth, len(QUANTILES)) of |grad|
    activation_std: torch.Tensor  # (depth,)
    gradient_std: torch.Tensor  # (depth,)
    weight_grad_norm: torch.Tensor  # (depth,) Frobenius norm of each layer's weight gradient
    loss: float


def gradient_flow(
    init: str, activation: str = "tanh", depth: int = 20, batchnorm: bool = False, residual: bool = False, seed: int = 0
) -> LayerStats:
    """One forward and backward pass of the Shapes batch through a fresh ``PlainMLP``; statistics per layer."""
    if activation not in ACTIVATIONS:
        raise ValueError(f"unknown activation {activation!r}")
    x, y = shapes_batch()
    torch.manual_seed(seed)
    model = PlainMLP(x.shape[1], int(y.max()) + 1, depth, activation, batchnorm, residual)
    initialise(model, init, activation)
    model.train()
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    q = torch.tensor(QUANTILES)
    acts = torch.stack([torch.quantile(h.detach().flatten(), q) for h in model.outputs])
    grads = torch.stack([torch.quantile(h.grad.abs().flatten(), q) for h in model.outputs])
    return LayerStats(
        activation_quantiles=acts,
        gradient_quantiles=grads,
        activation_std=torch.stack([h.detach().std() for h in model.outputs]),
        gradient_std=torch.stack([h.grad.std() for h in model.outputs]),
        weight_grad_norm=torch.stack([layer.weight.grad.norm() for layer in model.layers]),
        loss=loss.item(),
    )
