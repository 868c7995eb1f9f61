"""The tracer's picture of a network: one block per stage, sized by its output, labelled with its shape."""

from __future__ import annotations

import math
from dataclasses import dataclass

import plotly.graph_objects as go

from ui.common import t

MAX_BLOCKS = 12  # more than this does not fit a 1024-px screen with readable labels
ELEMENTWISE = {"ReLU", "LeakyReLU", "Sigmoid", "Tanh", "GELU", "SiLU", "Dropout", "BatchNorm2d", "BatchNorm1d"}
COLOURS = {"input": "#bab0ac", "conv": "#4c78a8", "pool": "#f58518", "vector": "#54a24b", "failed": "#d62728"}


@dataclass
class Block:
    """One drawn stage: the layer types it holds, its output shape (without the batch) and how many layers."""

    types: list[str]
    shape: tuple[int, ...]
    kind: str
    layers: int = 1


def _kind(layer: str, shape: tuple[int, ...]) -> str:
    if len(shape) != 3:
        return "vector"
    return "pool" if "Pool" in layer else "conv"


def blocks(layers: list[tuple[str, tuple[int, ...]]], input_shape: tuple[int, ...]) -> list[Block]:
    """Group ``(type, output shape)`` layers into at most ``MAX_BLOCKS`` stages, after an input block.

    Element-wise layers join the layer before them ("Conv2d + ReLU"); when a network is still too long,
    consecutive stages with the same height and width merge ("18 layers"), as a ResNet's stages do.
    """
    stages: list[Block] = []
    for layer, shape in layers:
        if stages and layer in ELEMENTWISE and stages[-1].shape == tuple(shape):
            stages[-1].types.append(layer)
            stages[-1].layers += 1
        else:
            stages.append(Block([layer], tuple(shape), _kind(layer, tuple(shape))))
    if len(stages) > MAX_BLOCKS - 1:
        merged: list[Block] = []
        for stage in stages:
            previous = merged[-1] if merged else None
            if previous and len(stage.shape) == 3 == len(previous.shape) and stage.shape[1:] == previous.shape[1:]:
                previous.types.append(stage.types[0])
                previous.layers += stage.layers
                previous.shape = stage.shape
            else:
                merged.append(stage)
        stages = merged
    if len(stages) > MAX_BLOCKS - 1:  # still too long: keep the first and last stages, count the middle
        head, tail = (MAX_BLOCKS - 2) // 2, MAX_BLOCKS - 2 - (MAX_BLOCKS - 2) // 2
        middle = stages[head:-tail]
        hidden = Block(["…"], middle[-1].shape, middle[-1].kind, sum(s.layers for s in middle))
        stages = [*stages[:head], hidden, *stages[-tail:]]
    return [Block([t("convolution.trace.diagram.input")], tuple(input_shape), "input", 0), *stages]


def _label(block: Block) -> str:
    if block.kind == "input":
        return block.types[0]
    if block.layers > 2 or block.types[0] == "…":
        return f"{block.types[0]}<br>{t('convolution.trace.diagram.layers', n=block.layers)}"
    return "<br>+ ".join(dict.fromkeys(block.types))


def _shape_text(shape: tuple[int, ...]) -> str:
    if len(shape) == 3:
        return f"{shape[0]}<br>{shape[1]}×{shape[2]}"
    return "×".join(map(str, shape)) or "—"


def figure(
    layers: list[tuple[str, tuple[int, ...]]], input_shape: tuple[int, ...], failed: str | None = None
) -> go.Figure:
    """Blocks left to right: height grows with the feature map's height, width with its channels (log scale).

    ``failed`` names a layer type drawn last in red, for a stack that stops at a layer that does not fit.
    """
    drawn = blocks(layers, input_shape)
    if failed is not None:
        drawn.append(Block([failed], (), "failed"))
    spatial = [b.shape[1] for b in drawn if len(b.shape) == 3] or [1]
    vectors = [b.shape[0] for b in drawn if len(b.shape) == 1] or [1]
    channels = [b.shape[0] for b in drawn if len(b.shape) == 3] or [1]
    top_h, top_f, top_c = max(spatial), max(vectors), max(channels)
    fig = go.Figure()
    for i, block in enumerate(drawn):
        if len(block.shape) == 3:
            height = 0.25 + 0.75 * math.log2(1 + block.shape[1]) / math.log2(1 + top_h)
            width = 0.12 + 0.5 * math.log2(1 + block.shape[0]) / math.log2(1 + top_c)
        elif len(block.shape) == 1:
            height = 0.2 + 0.8 * math.log2(1 + block.shape[0]) / math.log2(1 + top_f)
            width = 0.1
        else:
            height, width = 0.5, 0.3
        colour = COLOURS[block.kind]
        fig.add_shape(
            type="rect",
            x0=i - width / 2,
            x1=i + width / 2,
            y0=-height / 2,
            y1=height / 2,
            fillcolor=colour,
            opacity=0.85,
            line={"color": "#333333", "width": 1},
        )
        if i:
            fig.add_annotation(
                x=i - 0.5, y=0, text="→", showarrow=False, font={"size": 16, "color": "#666666"}, xanchor="center"
            )
        fig.add_annotation(x=i, y=0.55, text=_label(block), showarrow=False, yanchor="bottom", font={"size": 13})
        shape = "✗" if block.kind == "failed" else _shape_text(block.shape)
        fig.add_annotation(
            x=i,
            y=-0.55,
            text=f"<b>{shape}</b>",
            showarrow=False,
            yanchor="top",
            font={"size": 14, "color": COLOURS["failed"] if block.kind == "failed" else "#222222"},
        )
    fig.update_xaxes(visible=False, range=[-0.6, len(drawn) - 0.4], fixedrange=True)
    fig.update_yaxes(visible=False, range=[-1.05, 1.05], fixedrange=True)
    fig.update_layout(
        height=260,
        margin={"l": 0, "r": 0, "t": 10, "b": 10},
        plot_bgcolor="rgba(0,0,0,0)",
        paper_bgcolor="rgba(0,0,0,0)",
    )
    return fig
