"""Grouped convolution in the step-by-step tab: a picture of which input channels each output channel reads,
and what a standard, grouped, depthwise and depthwise-separable layer cost (parameters and multiply-adds)."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from lib.convolution import group_inputs
from lib.convolution_groups import Choice, choice_of, layer_choices
from ui.common import show_code, t

# One colour per input channel, shared by the picture, the formulas and the grids' captions.
CHANNEL_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd")
GROUP_SHADES = ("rgba(128, 128, 128, 0.12)", "rgba(128, 128, 128, 0.28)")
CURRENT_ROW = "background-color: rgba(44, 160, 44, 0.22)"
MAX_SCALE = 128
P = "convolution.step"


def colour(channel: int) -> str:
    """The colour of input channel ``channel``."""
    return CHANNEL_COLOURS[channel % len(CHANNEL_COLOURS)]


def picture(c_in: int, c_out: int, groups: int, current: int) -> str:
    """An SVG of the connections: input channels on the left, output channels on the right, one line per input an
    output reads, groups shaded; the output of the current window drawn bold, the others faint."""
    row, box_w, box_h, left, right, top = 44, 44, 32, 70, 300, 34
    height = top + row * max(c_in, c_out) + 8
    y_in = [top + row * c + (row * (max(c_in, c_out) - c_in)) / 2 for c in range(c_in)]
    y_out = [top + row * o + (row * (max(c_in, c_out) - c_out)) / 2 for o in range(c_out)]
    parts = []
    per_in, per_out = c_in // groups, c_out // groups
    for g in range(groups):  # a shaded band behind each group's inputs and outputs
        ins, outs = y_in[g * per_in : (g + 1) * per_in], y_out[g * per_out : (g + 1) * per_out]
        shade = GROUP_SHADES[g % 2]
        parts.append(
            f"<polygon points='{left - 8},{ins[0] - 4} {left + box_w + 8},{ins[0] - 4} {right - 8},{outs[0] - 4} "
            f"{right + box_w + 8},{outs[0] - 4} {right + box_w + 8},{outs[-1] + box_h + 4} {right - 8},"
            f"{outs[-1] + box_h + 4} {left + box_w + 8},{ins[-1] + box_h + 4} {left - 8},{ins[-1] + box_h + 4}' "
            f"fill='{shade}'/>"
        )
    for o in range(c_out):
        for c in group_inputs(o, c_in, c_out, groups):
            bold = o == current
            parts.append(
                f"<line x1='{left + box_w}' y1='{y_in[c] + box_h / 2}' x2='{right}' y2='{y_out[o] + box_h / 2}' "
                f"stroke='{colour(c)}' stroke-width='{4 if bold else 1.5}' opacity='{1 if bold else 0.45}'/>"
            )
    for c in range(c_in):
        parts.append(_box(left, y_in[c], box_w, box_h, colour(c), str(c), bold=False))
    for o in range(c_out):
        parts.append(_box(right, y_out[o], box_w, box_h, "#444444", str(o), bold=o == current))
    for x, key in ((left + box_w / 2, "convolution.groups.inputs"), (right + box_w / 2, "convolution.groups.outputs")):
        parts.append(
            f"<text x='{x}' y='16' text-anchor='middle' font-size='14' fill='currentColor'>{html.escape(t(key))}</text>"
        )
    width = right + box_w + 60
    return (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' viewBox='0 0 {width} {height}' "
        f"role='img' aria-label='{html.escape(t('convolution.groups.picture'))}'>" + "".join(parts) + "</svg>"
    )


def _box(x: float, y: float, w: int, h: int, stroke: str, label: str, *, bold: bool) -> str:
    return (
        f"<rect x='{x}' y='{y}' width='{w}' height='{h}' rx='5' fill='white' stroke='{stroke}' "
        f"stroke-width='{4 if bold else 2.5}'/><text x='{x + w / 2}' y='{y + h / 2 + 6}' text-anchor='middle' "
        f"font-size='17' font-weight='700' fill='{stroke}'>{label}</text>"
    )


def picture_block(c_in: int, c_out: int, groups: int, current: int) -> str:
    """The picture with its caption, as an inline block that sits beside the step-by-step grids."""
    caption = t("convolution.groups.picture_caption", groups=groups, per=c_in // groups, o=current)
    return (
        "<div style='display:inline-block;vertical-align:top;margin:0 1.5rem 0.8rem 0;max-width:100%'>"
        f"<div style='font-size:0.9rem;opacity:0.75;margin-bottom:0.2rem'>{html.escape(caption)}</div>"
        f"{picture(c_in, c_out, groups, current)}</div>"
    )


def _table(choices: list[Choice], current: str) -> pd.DataFrame:
    standard = choices[0]
    frame = pd.DataFrame(
        {
            t("convolution.groups.col.choice"): [t(f"convolution.groups.choice.{c.name}") for c in choices],
            t("convolution.groups.col.params"): [f"{c.params:,}" for c in choices],
            t("convolution.groups.col.macs"): [f"{c.macs:,}" for c in choices],
            t("convolution.groups.col.ratio"): [f"{c.macs / standard.macs:.3g}×" for c in choices],
            t("convolution.groups.col.layers"): [" + ".join(layer.code() for layer in c.layers) for c in choices],
        }
    )
    rows = [i for i, c in enumerate(choices) if c.name == current]
    return frame.style.apply(lambda row: [CURRENT_ROW if row.name in rows else "" for _ in row], axis=1)


def _code(choices: list[Choice], shape: tuple[int, int, int], conv_args: str) -> str:
    blocks = "\n".join(
        f'    "{c.name}": nn.Sequential({", ".join(_with_args(layer.code(), conv_args, i) for i, layer in enumerate(c.layers))}),'
        for c in choices
    )
    return f"""import torch
from torch import nn
from torch.utils.flop_counter import FlopCounterMode

blocks = {{
{blocks}
}}
x = torch.zeros(1, {shape[0]}, {shape[1]}, {shape[2]})
for name, block in blocks.items():
    y = block(x)
    params = sum(p.numel() for p in block.parameters())
    # one multiply-add per weight a kernel has, for every output value it makes
    macs = sum(conv.out_channels * conv.in_channels // conv.groups * conv.kernel_size[0] * conv.kernel_size[1]
               for conv in block) * y.shape[2] * y.shape[3]
    with FlopCounterMode(display=False) as counter:
        block(x)
    print(name, params, macs, counter.get_total_flops() // 2)  # FLOPs = 2 · MACs"""


def _with_args(code: str, conv_args: str, index: int) -> str:
    """The first (spatial) layer takes the stride, padding and dilation; a 1×1 pointwise layer after it does not."""
    return code[:-1] + conv_args + ")" if index == 0 and conv_args else code


def costs(
    c_in: int, c_out: int, kernel: tuple[int, int], size: tuple[int, int], out: tuple[int, int], groups: int, args: str
) -> None:
    """Parameters and MACs of each way to build this layer, at its size or with more channels, with the code."""
    st.caption(t("convolution.groups.costs_intro"))
    scale = st.columns([1, 2])[0].number_input(
        t("convolution.groups.scale"),
        1,
        MAX_SCALE,
        1,
        key=f"{P}.scale",
        persist_state="session",
        help=t("convolution.groups.scale_help"),
    )
    wide_in, wide_out = c_in * scale, c_out * scale
    current = choice_of(c_in, groups)
    wide_groups = wide_in if current == "depthwise" else groups  # a depthwise layer stays depthwise when widened
    choices = layer_choices(wide_in, wide_out, *kernel, *out, wide_groups)
    st.dataframe(_table(choices, current), hide_index=True, width="stretch", key=f"{P}.costs")
    separable = choices[-1]
    st.markdown(
        t(
            "convolution.groups.saving",
            c_in=wide_in,
            c_out=wide_out,
            params=f"{choices[0].params / separable.params:.3g}",
            macs=f"{choices[0].macs / separable.macs:.3g}",
        )
    )
    show_code(_code(choices, (wide_in, *size), args))
