"""Section 2: step-by-step convolution on editable matrices, single- or multi-channel and grouped, with a play
button; each window as grids or as its formula."""

from __future__ import annotations

import streamlit as st
import torch
import torch.nn.functional as F
from streamlit.delta_generator import DeltaGenerator

from lib.convolution import (
    KERNELS,
    Step,
    assemble,
    check_groups,
    conv2d_steps,
    conv_examples,
    group_inputs,
    kernel_tensor,
)
from lib.errors import LessonError
from ui.common import error_message, guard, t
from ui.convolution import groups, step_view
from ui.convolution.widgets import (
    current_matrix,
    labels,
    matrix_editor,
    playing,
    resize_matrix,
    set_matrix,
    shown_table,
    zoom_control,
)

MAX_SIDE = 16  # every window and product must fit on screen
MAX_KERNEL = 7
MAX_CHANNELS = 4  # enough for two groups of two
PLAY_SECONDS = 0.8
P = "convolution.step"


def _x_key(c: int) -> str:
    return f"{P}.x{c}"


def _k_key(o: int, c: int) -> str:
    """The editor of output ``o``'s kernel for the ``c``-th input channel of its group."""
    return f"{P}.k{o}_{c}"


def _filler(shape: tuple[int, int], seed: int) -> torch.Tensor:
    """Small integers for a channel an example does not define, so a new channel is not all zeros."""
    return torch.randint(-2, 6, shape, generator=torch.Generator().manual_seed(seed)).float()


def _load_example() -> None:
    """Put a worked example into every editor, size box and parameter (a selectbox callback)."""
    example = conv_examples()[st.session_state[f"{P}.preset"]]
    c_out, per_group, kh, kw = example.weight.shape
    c_in, h, w = example.x.shape
    state = st.session_state
    state[f"{P}.multi"] = c_in > 1 or c_out > 1
    state[f"{P}.c_in"], state[f"{P}.c_out"], state[f"{P}.groups"] = c_in, c_out, example.groups
    state[f"{P}.h"], state[f"{P}.w"], state[f"{P}.kh"], state[f"{P}.kw"] = h, w, kh, kw
    state[f"{P}.stride"], state[f"{P}.padding"], state[f"{P}.dilation"] = (
        example.stride,
        example.padding,
        example.dilation,
    )
    for c in range(MAX_CHANNELS):
        set_matrix(_x_key(c), example.x[c] if c < c_in else _filler((h, w), c))
        for o in range(MAX_CHANNELS):
            kernel = example.weight[o, c] if o < c_out and c < per_group else _filler((kh, kw), 10 * o + c)
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


def _number(column: DeltaGenerator, key: str, low: int, high: int, **kwargs: object) -> int:
    """A number input of the settings popover, labelled by its key, keeping its value while the tab is closed."""
    return column.number_input(
        t(f"convolution.step.{key}"), low, high, key=f"{P}.{key}", persist_state="session", **kwargs
    )


def _settings() -> tuple[int, int, int]:
    """Sizes, channels, groups, stride, padding and dilation; returns (C_in, C_out, groups)."""
    multi = st.toggle(
        t("convolution.step.multi"), key=f"{P}.multi", persist_state="session", help=t("convolution.step.multi_help")
    )
    columns = st.columns(2)
    _number(columns[0], "h", 1, MAX_SIDE, on_change=_resize_inputs)
    _number(columns[1], "w", 1, MAX_SIDE, on_change=_resize_inputs)
    _number(columns[0], "kh", 1, MAX_KERNEL, on_change=_resize_kernels)
    _number(columns[1], "kw", 1, MAX_KERNEL, on_change=_resize_kernels)
    c_in = c_out = n_groups = 1
    if multi:
        columns = st.columns(3)
        c_in = _number(columns[0], "c_in", 1, MAX_CHANNELS)
        c_out = _number(columns[1], "c_out", 1, MAX_CHANNELS)
        n_groups = _number(columns[2], "groups", 1, MAX_CHANNELS, help=t("convolution.step.groups_help"))
    st.caption(t("convolution.step.cap", side=MAX_SIDE, kernel=MAX_KERNEL, channels=MAX_CHANNELS))
    columns = st.columns(3)
    for column, name, low, high in zip(columns, ("stride", "padding", "dilation"), (0, -2, 0), (8, 5, 4), strict=True):
        column.number_input(t(f"convolution.calc.param.{name}"), low, high, key=f"{P}.{name}", persist_state="session")
    return c_in, c_out, n_groups


def _controls() -> tuple[int, int, int, int]:
    """One row: the example, a popover with the settings, and the zoom; returns (C_in, C_out, groups, zoom)."""
    top = st.columns([4, 2, 2], vertical_alignment="bottom")
    top[0].selectbox(
        t("convolution.step.preset"),
        list(conv_examples()),
        format_func=labels("convolution.example"),
        key=f"{P}.preset",
        persist_state="session",
        on_change=_load_example,
    )
    if f"{P}.loaded" not in st.session_state:
        st.session_state[f"{P}.loaded"] = True
        _load_example()
    with top[1].popover(t("convolution.step.settings"), icon=":material/tune:", width="stretch"):
        c_in, c_out, n_groups = _settings()
    with top[2]:
        zoom = zoom_control(P)
    return c_in, c_out, n_groups, zoom


def _kernel_presets(c_in: int, c_out: int, n_groups: int) -> None:
    """Load a preset kernel (edge, blur, sharpen…) into one of the kernels."""
    columns = st.columns([2, 2, 1], vertical_alignment="bottom")
    columns[0].selectbox(
        t("convolution.step.kernel_preset"),
        list(KERNELS),
        format_func=labels("convolution.kernel"),
        key=f"{P}.kernel_preset",
        persist_state="session",
    )
    targets = [(o, c) for o in range(c_out) for c in range(c_in // n_groups)]
    if st.session_state.get(f"{P}.target") not in targets:
        st.session_state[f"{P}.target"] = targets[0]
    names = {(o, c): _kernel_name(o, c, c_in, c_out, n_groups) for o, c in targets}
    columns[1].selectbox(
        t("convolution.step.target"),
        targets,
        format_func=names.__getitem__,
        key=f"{P}.target",
        disabled=len(targets) == 1,
    )
    columns[2].button(t("convolution.step.apply"), key=f"{P}.apply", on_click=_apply_kernel_preset)


def _kernel_name(o: int, local: int, c_in: int, c_out: int, n_groups: int) -> str:
    return t("convolution.step.kernel_name", o=o, c=group_inputs(o, c_in, c_out, n_groups)[local])


def _editors(c_in: int, c_out: int, n_groups: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor] | None:
    """The input channels, the C_out × (C_in / groups) kernels and the biases, or None while a cell is invalid."""
    h, w = st.session_state[f"{P}.h"], st.session_state[f"{P}.w"]
    kh, kw = st.session_state[f"{P}.kh"], st.session_state[f"{P}.kw"]
    st.markdown(f"**{t('convolution.step.inputs')}**")
    channels = []
    for c, column in enumerate(st.columns(c_in)):
        with column:
            label = t("convolution.step.input_name", c=c)
            channels.append(matrix_editor(_x_key(c), current_matrix(_x_key(c), torch.zeros(h, w)), label))
    st.markdown(f"**{t('convolution.step.kernels')}**")
    kernels, biases = [], []
    for o in range(c_out):
        row = []
        columns = st.columns(c_in // n_groups + 1)
        for c in range(c_in // n_groups):
            with columns[c]:
                default = current_matrix(_k_key(o, c), torch.zeros(kh, kw))
                row.append(matrix_editor(_k_key(o, c), default, _kernel_name(o, c, c_in, c_out, n_groups)))
        bias = columns[-1].number_input(
            t("convolution.step.bias", o=o), key=f"{P}.bias{o}", format="%g", persist_state="session"
        )
        biases.append(bias)
        kernels.append(row)
    if any(m is None for m in channels) or any(k is None for row in kernels for k in row):
        return None
    return torch.stack(channels), torch.stack([torch.stack(row) for row in kernels]), torch.tensor(biases)


def _check(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor, steps: list[Step], n_groups: int) -> None:
    stride, padding, dilation = (st.session_state[f"{P}.{name}"] for name in ("stride", "padding", "dilation"))
    expected = F.conv2d(x[None], weight, bias, stride, padding, dilation, n_groups)[0]
    ours = assemble(steps)
    with st.expander(t("convolution.step.check"), expanded=False):
        for o in range(expected.shape[0]):
            left, right = st.columns(2)
            left.caption(t("convolution.step.ours", o=o))
            left.dataframe(shown_table(ours[o]), key=f"{P}.ours{o}")
            right.caption(t("convolution.step.theirs", o=o))
            right.dataframe(shown_table(expected[o]), key=f"{P}.theirs{o}")
        st.write(t("convolution.step.max_diff", diff=f"{float((ours - expected).abs().max()):.2g}"))


def _costs(x: torch.Tensor, weight: torch.Tensor, steps: list[Step], n_groups: int) -> None:
    """Standard vs grouped vs depthwise(-separable): parameters and multiply-adds of this layer."""
    stride, padding, dilation = (st.session_state[f"{P}.{name}"] for name in ("stride", "padding", "dilation"))
    args = "".join(
        f", {name}={value}"
        for name, value, default in (("stride", stride, 1), ("padding", padding, 0), ("dilation", dilation, 1))
        if value != default
    )
    out = (1 + max(s.row for s in steps), 1 + max(s.col for s in steps))
    with st.expander(t("convolution.groups.costs_title"), icon=":material/calculate:", expanded=n_groups > 1):
        groups.costs(x.shape[0], weight.shape[0], tuple(weight.shape[2:]), tuple(x.shape[1:]), out, n_groups, args)


def render() -> None:
    """Controls in one row, the animated step view (the main visual), then the editors, the check and the costs."""
    st.write(t("convolution.step.intro"))
    c_in, c_out, n_groups, zoom = _controls()
    try:
        check_groups(c_in, c_out, n_groups)
    except LessonError as error:  # the learner's matrices stay as they are; only the view waits for a valid choice
        st.error(error_message(error), icon=":material/error:")
        return
    main = st.container()
    with st.expander(t("convolution.step.edit"), icon=":material/edit:"):
        _kernel_presets(c_in, c_out, n_groups)
        tensors = _editors(c_in, c_out, n_groups)
    if tensors is None:
        main.info(t("convolution.step.fix_cells"))
        return
    x, weight, bias = tensors
    stride, padding, dilation = (st.session_state[f"{P}.{name}"] for name in ("stride", "padding", "dilation"))
    steps = None
    with main, guard():  # a bad setting is explained where the grids would be
        steps = conv2d_steps(x, weight, bias, stride, padding, dilation, n_groups)
        fragment = st.fragment(run_every=PLAY_SECONDS if playing(P) else None)(step_view.render)
        fragment(x, weight, bias, steps, n_groups, zoom)
    if steps is not None:
        _check(x, weight, bias, steps, n_groups)
        if c_in * c_out > 1:
            _costs(x, weight, steps, n_groups)
