"""Section 2: step-by-step convolution on editable matrices, single- or multi-channel, with a play button."""

from __future__ import annotations

import streamlit as st
import torch
import torch.nn.functional as F

from lib.convolution import KERNELS, Step, assemble, conv2d_steps, conv_examples, kernel_tensor, pad_input
from ui.common import guard, show_code, t
from ui.convolution.widgets import (
    current_matrix,
    fmt,
    grid_html,
    labels,
    literal,
    matrix_editor,
    playing,
    resize_matrix,
    set_matrix,
    show_grids,
    shown_table,
    stepper,
    zoom_control,
)

MAX_SIDE = 16  # every window and product must fit on screen
MAX_KERNEL = 7
MAX_CHANNELS = 3
PLAY_SECONDS = 0.8
P = "convolution.step"


def _x_key(c: int) -> str:
    return f"{P}.x{c}"


def _k_key(o: int, c: int) -> str:
    return f"{P}.k{o}_{c}"


def _filler(shape: tuple[int, int], seed: int) -> torch.Tensor:
    """Small integers for a channel an example does not define, so a new channel is not all zeros."""
    return torch.randint(-2, 6, shape, generator=torch.Generator().manual_seed(seed)).float()


def _load_example() -> None:
    """Put a worked example into every editor, size box and parameter (a selectbox callback)."""
    example = conv_examples()[st.session_state[f"{P}.preset"]]
    c_out, c_in, kh, kw = example.weight.shape
    _, h, w = example.x.shape
    state = st.session_state
    state[f"{P}.multi"] = c_in > 1 or c_out > 1
    state[f"{P}.c_in"], state[f"{P}.c_out"] = c_in, c_out
    state[f"{P}.h"], state[f"{P}.w"], state[f"{P}.kh"], state[f"{P}.kw"] = h, w, kh, kw
    state[f"{P}.stride"], state[f"{P}.padding"], state[f"{P}.dilation"] = (
        example.stride,
        example.padding,
        example.dilation,
    )
    for c in range(MAX_CHANNELS):
        set_matrix(_x_key(c), example.x[c] if c < c_in else _filler((h, w), c))
        for o in range(MAX_CHANNELS):
            kernel = example.weight[o, c] if o < c_out and c < c_in else _filler((kh, kw), 10 * o + c)
            set_matrix(_k_key(o, c), kernel)
    for o in range(MAX_CHANNELS):
        state[f"{P}.bias{o}"] = float(example.bias[o]) if o < c_out else 0.0
    state[f"{P}.index"] = 0
    state[f"{P}.playing"] = False


def _resize_inputs() -> None:
    h, w = st.session_state[f"{P}.h"], st.session_state[f"{P}.w"]
    for c in range(MAX_CHANNELS):
        resize_matrix(_x_key(c), h, w, torch.zeros(h, w))


def _resize_kernels() -> None:
    kh, kw = st.session_state[f"{P}.kh"], st.session_state[f"{P}.kw"]
    for c in range(MAX_CHANNELS):
        for o in range(MAX_CHANNELS):
            resize_matrix(_k_key(o, c), kh, kw, torch.zeros(kh, kw))


def _apply_kernel_preset() -> None:
    """Load the chosen 3×3 preset into the target kernel; the other kernels become 3×3 too."""
    state = st.session_state
    state[f"{P}.kh"] = state[f"{P}.kw"] = 3
    _resize_kernels()
    o, c = state.get(f"{P}.target", (0, 0))
    set_matrix(_k_key(o, c), kernel_tensor(state[f"{P}.kernel_preset"]))


def _controls() -> tuple[int, int, int]:
    """One row: the example, a popover with sizes, channels and parameters, and the zoom; returns (C_in, C_out, zoom)."""
    examples = list(conv_examples())
    top = st.columns([4, 2, 2], vertical_alignment="bottom")
    top[0].selectbox(
        t("convolution.step.preset"),
        examples,
        format_func=labels("convolution.example"),
        key=f"{P}.preset",
        persist_state="session",
        on_change=_load_example,
    )
    if f"{P}.loaded" not in st.session_state:
        st.session_state[f"{P}.loaded"] = True
        _load_example()
    with top[1].popover(t("convolution.step.settings"), icon=":material/tune:", width="stretch"):
        multi = st.toggle(
            t("convolution.step.multi"),
            key=f"{P}.multi",
            persist_state="session",
            help=t("convolution.step.multi_help"),
        )
        columns = st.columns(2)
        columns[0].number_input(
            t("convolution.step.h"), 1, MAX_SIDE, key=f"{P}.h", persist_state="session", on_change=_resize_inputs
        )
        columns[1].number_input(
            t("convolution.step.w"), 1, MAX_SIDE, key=f"{P}.w", persist_state="session", on_change=_resize_inputs
        )
        columns[0].number_input(
            t("convolution.step.kh"), 1, MAX_KERNEL, key=f"{P}.kh", persist_state="session", on_change=_resize_kernels
        )
        columns[1].number_input(
            t("convolution.step.kw"), 1, MAX_KERNEL, key=f"{P}.kw", persist_state="session", on_change=_resize_kernels
        )
        c_in = c_out = 1
        if multi:
            c_in = columns[0].number_input(
                t("convolution.step.c_in"), 1, MAX_CHANNELS, key=f"{P}.c_in", persist_state="session"
            )
            c_out = columns[1].number_input(
                t("convolution.step.c_out"), 1, MAX_CHANNELS, key=f"{P}.c_out", persist_state="session"
            )
        st.caption(t("convolution.step.cap", side=MAX_SIDE, kernel=MAX_KERNEL, channels=MAX_CHANNELS))
        columns = st.columns(3)
        columns[0].number_input(t("convolution.calc.param.stride"), 0, 8, key=f"{P}.stride", persist_state="session")
        columns[1].number_input(t("convolution.calc.param.padding"), -2, 5, key=f"{P}.padding", persist_state="session")
        columns[2].number_input(
            t("convolution.calc.param.dilation"), 0, 4, key=f"{P}.dilation", persist_state="session"
        )
    with top[2]:
        zoom = zoom_control(P)
    return c_in, c_out, zoom


def _kernel_presets(c_in: int, c_out: int) -> None:
    """Load a preset kernel (edge, blur, sharpen…) into one of the kernels."""
    columns = st.columns([2, 2, 1], vertical_alignment="bottom")
    columns[0].selectbox(
        t("convolution.step.kernel_preset"),
        list(KERNELS),
        format_func=labels("convolution.kernel"),
        key=f"{P}.kernel_preset",
        persist_state="session",
    )
    targets = [(o, c) for o in range(c_out) for c in range(c_in)]
    if st.session_state.get(f"{P}.target") not in targets:
        st.session_state[f"{P}.target"] = targets[0]
    columns[1].selectbox(
        t("convolution.step.target"),
        targets,
        format_func={oc: t("convolution.step.kernel_name", o=oc[0], c=oc[1]) for oc in targets}.__getitem__,
        key=f"{P}.target",
        persist_state="session",
        disabled=len(targets) == 1,
    )
    columns[2].button(t("convolution.step.apply"), key=f"{P}.apply", on_click=_apply_kernel_preset)


def _editors(c_in: int, c_out: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor] | None:
    """The input channels, the C_out × C_in kernels and the biases, or None while a cell is invalid."""
    h, w = st.session_state[f"{P}.h"], st.session_state[f"{P}.w"]
    kh, kw = st.session_state[f"{P}.kh"], st.session_state[f"{P}.kw"]
    st.markdown(f"**{t('convolution.step.inputs')}**")
    channels = []
    for c, column in enumerate(st.columns(c_in)):
        with column:
            channels.append(
                matrix_editor(
                    _x_key(c), current_matrix(_x_key(c), torch.zeros(h, w)), t("convolution.step.input_name", c=c)
                )
            )
    st.markdown(f"**{t('convolution.step.kernels')}**")
    kernels, biases = [], []
    for o in range(c_out):
        row = []
        columns = st.columns(c_in + 1)
        for c in range(c_in):
            with columns[c]:
                default = current_matrix(_k_key(o, c), torch.zeros(kh, kw))
                row.append(matrix_editor(_k_key(o, c), default, t("convolution.step.kernel_name", o=o, c=c)))
        biases.append(
            columns[c_in].number_input(
                t("convolution.step.bias", o=o), key=f"{P}.bias{o}", persist_state="session", format="%g"
            )
        )
        kernels.append(row)
    if any(m is None for m in channels) or any(k is None for row in kernels for k in row):
        return None
    return torch.stack(channels), torch.stack([torch.stack(row) for row in kernels]), torch.tensor(biases)


def _products_text(step: Step, kernel: torch.Tensor, c: int) -> str:
    """ "window × kernel" term by term, then the channel's partial sum."""
    terms = [
        f"{fmt(a)}×{fmt(b) if b >= 0 else f'({fmt(b)})'}"
        for a, b in zip(step.window[c].flatten().tolist(), kernel.flatten().tolist(), strict=True)
    ]
    return " + ".join(terms) + f" = **{fmt(float(step.partial_sums[c]))}**"


def _step_view(x: torch.Tensor, weight: torch.Tensor, steps: list[Step], padding: int, zoom: int) -> None:
    """Slider + play over the steps; the window on each padded input channel, products, sums, output filling in."""
    count = len(steps)
    index = stepper(P, count, t("convolution.step.index"), t("convolution.step.play"), t("convolution.step.pause"))
    step = steps[index]
    st.markdown(
        t("convolution.step.position", o=step.out_channel, row=step.row, col=step.col, n=index + 1, count=count)
    )
    padded = pad_input(x, padding)
    window_cells = [(r, c) for r in step.rows for c in step.cols]
    done = [s for s in steps[: index + 1] if s.out_channel == step.out_channel]
    out_h, out_w = 1 + max(s.row for s in steps), 1 + max(s.col for s in steps)
    partial = torch.full((out_h, out_w), float("nan"))
    for s in done:
        partial[s.row, s.col] = s.total
    output = grid_html(
        partial,
        t("convolution.step.output", o=step.out_channel),
        cell=zoom,
        highlight=[(step.row, step.col)],
        colorscale="Greens",
    )
    for c in range(x.shape[0]):
        grids = [
            grid_html(
                padded[c],
                t("convolution.step.padded_input", c=c),
                cell=zoom,
                highlight=window_cells,
                padding=(padding, padding),
            ),
            grid_html(
                weight[step.out_channel, c],
                t("convolution.step.kernel_name", o=step.out_channel, c=c),
                cell=zoom,
                colorscale="RdBu",
            ),
            grid_html(step.products[c], t("convolution.step.products"), cell=zoom, colorscale="RdBu"),
        ]
        show_grids(*grids, *([output] if x.shape[0] == 1 else []))
        left, right = st.columns([1, 3])
        left.metric(t("convolution.step.partial", c=c), fmt(float(step.partial_sums[c])))
        right.caption(_products_text(step, weight[step.out_channel, c], c))
    sums = " + ".join(fmt(float(s)) for s in step.partial_sums)
    st.markdown(t("convolution.step.total", sums=sums, bias=fmt(step.bias), total=fmt(step.total)))
    if x.shape[0] > 1:
        show_grids(output)
    with st.expander(t("convolution.step.output_table", o=step.out_channel)):
        st.dataframe(shown_table(partial), key=f"{P}.out_table", hide_index=False)


def _check_and_code(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, steps: list[Step]) -> None:
    stride, padding, dilation = (st.session_state[f"{P}.{name}"] for name in ("stride", "padding", "dilation"))
    expected = F.conv2d(x[None], weight, bias, stride, padding, dilation)[0]
    ours = assemble(steps)
    with st.expander(t("convolution.step.check"), expanded=False):
        for o in range(expected.shape[0]):
            left, right = st.columns(2)
            left.caption(t("convolution.step.ours", o=o))
            left.dataframe(shown_table(ours[o]), key=f"{P}.ours{o}")
            right.caption(t("convolution.step.theirs", o=o))
            right.dataframe(shown_table(expected[o]), key=f"{P}.theirs{o}")
        st.write(t("convolution.step.max_diff", diff=f"{float((ours - expected).abs().max()):.2g}"))
    show_code(
        f"""import torch
import torch.nn.functional as F

x = torch.tensor({literal(x)})  # (C_in, H, W)
weight = torch.tensor({literal(weight)})  # (C_out, C_in, kH, kW)
bias = torch.tensor({literal(bias)})
y = F.conv2d(x[None], weight, bias, stride={stride}, padding={padding}, dilation={dilation})[0]
print(y)  # (C_out, H_out, W_out)"""
    )


def render() -> None:
    """Controls in one row, the animated step view (the main visual), then the editors and the check."""
    st.write(t("convolution.step.intro"))
    c_in, c_out, zoom = _controls()
    view = st.container()
    with st.expander(t("convolution.step.edit"), icon=":material/edit:"):
        _kernel_presets(c_in, c_out)
        tensors = _editors(c_in, c_out)
    if tensors is None:
        view.info(t("convolution.step.fix_cells"))
        return
    x, weight, bias = tensors
    stride, padding, dilation = (st.session_state[f"{P}.{name}"] for name in ("stride", "padding", "dilation"))
    steps = None
    with view, guard():  # a bad setting is explained where the grids would be
        steps = conv2d_steps(x, weight, bias, stride, padding, dilation)
        st.fragment(run_every=PLAY_SECONDS if playing(P) else None)(_step_view)(x, weight, steps, padding, zoom)
    if steps is not None:
        _check_and_code(x, weight, bias, steps)
