"""Section 1: the output-size calculator (formula with the learner's numbers, PyTorch's shape as a check)
and the "solve for padding" helper."""

from __future__ import annotations

import streamlit as st

from lib.convolution import REAL_CHECK_BUDGET, output_size, size_formula_latex, solve_padding, torch_output_shape
from lib.errors import LessonError
from ui.common import error_message, show_code, t
from ui.convolution.widgets import labels

OPS = ("conv", "conv_transpose", "max_pool", "avg_pool")
LAYER = {
    "conv": "nn.Conv2d",
    "conv_transpose": "nn.ConvTranspose2d",
    "max_pool": "nn.MaxPool2d",
    "avg_pool": "nn.AvgPool2d",
}
# (name, default, shown for which ops); the values are typed freely so impossible ones can be tried.
PARAMS = (
    ("size", 32, OPS),
    ("kernel", 5, OPS),
    ("stride", 1, OPS),
    ("padding", 2, OPS),
    ("dilation", 1, ("conv", "conv_transpose", "max_pool")),
    ("output_padding", 0, ("conv_transpose",)),
)
SMALL = 64  # below this an impossible configuration is also tried on PyTorch, to show it refuses too


def _inputs(op: str, axis: str) -> dict[str, int]:
    """One row of number inputs (height or width) for the parameters ``op`` uses."""
    shown = [(name, default) for name, default, ops in PARAMS if op in ops]
    values = {}
    for column, (name, default) in zip(st.columns(len(shown)), shown, strict=True):
        values[name] = column.number_input(
            t(f"convolution.calc.param.{name}"),
            min_value=-1000,
            max_value=10**9,
            value=default,
            step=1,
            key=f"convolution.calc.{name}.{axis}",
            persist_state="session",
        )
    return values


def _size(op: str, ceil_mode: bool, values: dict[str, int]) -> int:
    return output_size(
        values["size"],
        values["kernel"],
        values["stride"],
        values["padding"],
        values.get("dilation", 1),
        ceil_mode=ceil_mode,
        transposed=op == "conv_transpose",
        output_padding=values.get("output_padding", 0),
        pool=op in ("max_pool", "avg_pool"),
    )


def _pytorch_check(
    op: str, ceil_mode: bool, h: dict[str, int], w: dict[str, int], ours: tuple[int, int] | None
) -> None:
    """Ask PyTorch for the same shape: for real when small, on the meta device (shapes only) when huge."""
    small_error = ours is None and max(abs(v) for v in (*h.values(), *w.values())) <= SMALL
    if ours is None and not small_error:
        return
    cost = max(h["size"] * w["size"] * h["kernel"] * w["kernel"], ours[0] * ours[1] if ours else 0)
    device = "cpu" if cost <= REAL_CHECK_BUDGET else "meta"
    try:
        shape = torch_output_shape(
            h["size"],
            w["size"],
            (h["kernel"], w["kernel"]),
            (h["stride"], w["stride"]),
            (h["padding"], w["padding"]),
            (h.get("dilation", 1), w.get("dilation", 1)),
            op=op,
            ceil_mode=ceil_mode,
            output_padding=(h.get("output_padding", 0), w.get("output_padding", 0)),
            device=device,
        )
    except (RuntimeError, ValueError) as error:
        if ours is None:
            st.info(
                t("convolution.calc.torch_refuses", message=str(error).splitlines()[0][:300]), icon=":material/check:"
            )
        else:
            st.warning(t("convolution.calc.torch_disagrees", ours=str(ours), theirs=str(error)[:300]))
        return
    if ours is None:
        st.warning(t("convolution.calc.torch_disagrees", ours="—", theirs=str(shape)))
    elif shape == ours:
        where = t("convolution.calc.meta") if device == "meta" else ""
        st.success(t("convolution.calc.torch_agrees", h=shape[0], w=shape[1], where=where), icon=":material/check:")
    else:
        st.warning(t("convolution.calc.torch_disagrees", ours=str(ours), theirs=str(shape)))


def _args(op: str, ceil_mode: bool, h: dict[str, int], w: dict[str, int]) -> str:
    def pair(name: str, default: int) -> str:
        a, b = h.get(name, default), w.get(name, default)
        return str(a) if a == b else f"({a}, {b})"

    args = [f"kernel_size={pair('kernel', 1)}", f"stride={pair('stride', 1)}", f"padding={pair('padding', 0)}"]
    if op != "avg_pool":
        args.append(f"dilation={pair('dilation', 1)}")
    if op == "conv_transpose":
        args.append(f"output_padding={pair('output_padding', 0)}")
    if op in ("max_pool", "avg_pool"):
        args.append(f"ceil_mode={ceil_mode}")
    channels = "1, 1, " if op in ("conv", "conv_transpose") else ""
    return channels + ", ".join(args)


def _calculator() -> None:
    op = st.radio(
        t("convolution.calc.op"),
        OPS,
        format_func=labels("convolution.calc.op"),
        horizontal=True,
        key="convolution.calc.op",
        persist_state="session",
    )
    ceil_mode = False
    if op in ("max_pool", "avg_pool"):
        ceil_mode = st.checkbox(
            t("convolution.calc.ceil_mode"),
            key="convolution.calc.ceil",
            persist_state="session",
            help=t("convolution.calc.ceil_help"),
        )
    same = st.checkbox(t("convolution.calc.same"), value=True, key="convolution.calc.same", persist_state="session")
    if not same:
        st.markdown(f"**{t('convolution.height')}**")
    h = _inputs(op, "h")
    if not same:
        st.markdown(f"**{t('convolution.width')}**")
    w = dict(h) if same else _inputs(op, "w")
    axes = (
        [("H", t("convolution.both"), h)]
        if same
        else [("H", t("convolution.height"), h), ("W", t("convolution.width"), w)]
    )
    sizes = []
    for symbol, axis, values in axes:
        try:
            sizes.append(_size(op, ceil_mode, values))
        except LessonError as error:
            st.error(t("convolution.calc.axis_error", axis=axis, message=error_message(error)), icon=":material/error:")
            sizes.append(None)
        symbolic, numbers = size_formula_latex(
            values["size"],
            values["kernel"],
            values["stride"],
            values["padding"],
            values.get("dilation", 1),
            ceil_mode=ceil_mode,
            transposed=op == "conv_transpose",
            output_padding=values.get("output_padding", 0),
            pool=op in ("max_pool", "avg_pool"),
        )
        result = "" if sizes[-1] is None else f" = {sizes[-1]}"
        # two lines, so the formula fits a 1024-px screen
        # a space at the end: KaTeX's aligned block overhangs its box by ~2 px, which made the formula scroll sideways
        st.latex(rf"\begin{{aligned}}{symbol}_{{out}} &= {symbolic} \\ &= {numbers}{result}\end{{aligned}}\;")
    if same:
        sizes *= 2
    ours = None if None in sizes else (sizes[0], sizes[1])
    if ours is not None:
        st.metric(t("convolution.calc.result"), f"{ours[0]} × {ours[1]}")
        if ceil_mode and sizes[0] is not None:
            st.caption(t("convolution.calc.ceil_rule"))
    _pytorch_check(op, ceil_mode, h, w, ours)
    show_code(
        f"""import torch
from torch import nn

layer = {LAYER[op]}({_args(op, ceil_mode, h, w)})
x = torch.empty(1, 1, {h["size"]}, {w["size"]}, device="meta")  # "meta": shapes only, no memory
print(layer.to("meta")(x).shape)"""
    )


def _solver() -> None:
    st.subheader(t("convolution.solve.title"))
    st.caption(t("convolution.solve.caption"))
    columns = st.columns(5)
    n_in = columns[0].number_input(
        t("convolution.solve.n_in"), 1, 10**9, 32, key="convolution.solve.n_in", persist_state="session"
    )
    n_out = columns[1].number_input(
        t("convolution.solve.n_out"), 1, 10**9, 32, key="convolution.solve.n_out", persist_state="session"
    )
    kernel = columns[2].number_input(
        t("convolution.calc.param.kernel"), 1, 10**6, 5, key="convolution.solve.kernel", persist_state="session"
    )
    stride = columns[3].number_input(
        t("convolution.calc.param.stride"), 1, 10**6, 1, key="convolution.solve.stride", persist_state="session"
    )
    dilation = columns[4].number_input(
        t("convolution.calc.param.dilation"), 1, 10**6, 1, key="convolution.solve.dilation", persist_state="session"
    )
    padding = solve_padding(n_in, n_out, kernel, stride, dilation)
    if padding is None:
        st.warning(t("convolution.solve.none", n_in=n_in, n_out=n_out, kernel=kernel, stride=stride, dilation=dilation))
        return
    st.success(t("convolution.solve.answer", padding=padding, n_in=n_in, n_out=n_out, kernel=kernel))
    _, numbers = size_formula_latex(n_in, kernel, stride, padding, dilation)
    st.latex(rf"{numbers} = {n_out}")
    show_code(
        f"""import torch
from torch import nn

conv = nn.Conv2d(1, 1, kernel_size={kernel}, stride={stride}, padding={padding}, dilation={dilation})
x = torch.empty(1, 1, {n_in}, {n_in}, device="meta")
print(conv.to("meta")(x).shape)  # torch.Size([1, 1, {n_out}, {n_out}])"""
    )


def render() -> None:
    """The calculator and the padding solver."""
    st.write(t("convolution.calc.intro"))
    _calculator()
    st.divider()
    _solver()
