"""Formula mode of the step-by-step tab: each output cell written as its sum of products, with the numbers."""

from __future__ import annotations

import html

import torch

from lib.convolution import Step
from ui.convolution.groups import colour
from ui.convolution.widgets import fmt

MAX_LINES = 16  # cells written out at once: the ones around the current window
CURRENT_LINE = "rgba(44, 160, 44, 0.18)"


def _factor(value: float) -> str:
    """A number as a factor: negative ones in brackets, so "3 × (−1)" never reads as a subtraction."""
    text = fmt(value).replace("-", "−")
    return f"({text})" if value < 0 else text


def terms(step: Step, weight: torch.Tensor, local: int) -> str:
    """ "input × weight + …" for the input channel at position ``local`` of the step's group."""
    pairs = zip(step.window[local].flatten().tolist(), weight[step.out_channel, local].flatten().tolist(), strict=True)
    return " + ".join(f"{_factor(a)}×{_factor(b)}" for a, b in pairs)


def line(step: Step, weight: torch.Tensor) -> str:
    """One output cell as text: ``y0[1, 2] = (…) + (…) + bias = total``, a bracket per input channel read."""
    channels = [terms(step, weight, local) for local in range(len(step.in_channels))]
    body = " + ".join(f"({part})" for part in channels) if len(channels) > 1 else channels[0]
    return f"y{step.out_channel}[{step.row}, {step.col}] = {body} + {_factor(step.bias)} = {fmt(step.total)}"


def _line_html(step: Step, weight: torch.Tensor, current: bool) -> str:
    """The line as HTML: each input channel's bracket in that channel's colour, the result in bold."""
    channels = [
        f"<span style='color:{colour(c)}'>{html.escape(terms(step, weight, local))}</span>"
        for local, c in enumerate(step.in_channels)
    ]
    body = " + ".join(f"({part})" for part in channels) if len(channels) > 1 else channels[0]
    background = f"background:{CURRENT_LINE};" if current else ""
    return (
        f"<div style='{background}padding:0.15rem 0.4rem;border-radius:0.3rem'>"
        f"y<sub>{step.out_channel}</sub>[{step.row}, {step.col}] = {body} + {html.escape(_factor(step.bias))} "
        f"= <b>{html.escape(fmt(step.total))}</b></div>"
    )


def around(cells: list[Step], index: int) -> list[Step]:
    """At most ``MAX_LINES`` consecutive cells, the one at ``index`` among them (as centred as the ends allow)."""
    start = min(max(0, index - MAX_LINES // 2), max(0, len(cells) - MAX_LINES))
    return cells[start : start + MAX_LINES]


def formulas_html(cells: list[Step], weight: torch.Tensor, current: Step, font: int) -> str:
    """Each cell's formula on its own line in a ``font``-px monospace font, the ``current`` one highlighted."""
    lines = [_line_html(step, weight, current=step is current) for step in cells]
    return (
        f"<div style='font-family:ui-monospace,Menlo,Consolas,monospace;font-size:{font}px;line-height:1.7;"
        f"overflow-wrap:anywhere'>" + "".join(lines) + "</div>"
    )
