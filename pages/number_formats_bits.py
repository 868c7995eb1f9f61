"""Number formats page: the value → bits table and the Float-Toy-style bit editor."""

from __future__ import annotations

import html
import math

import streamlit as st

from lib.errors import LessonError
from lib.floats import FORMATS, Encoded, check_bits, encode, encode_bits, parse_value
from pages.common import error_message, show_code, t

EXAMPLES = ["0.1", "-0", "1e-8", "65504", "65520", "2^-24", "inf", "nan", "3.4e38", "1/3", "448", "464"]
COLOURS = {"sign": "#e45756", "exponent": "#4c78a8", "mantissa": "#54a24b"}
VALUE_KEY = "floats.value"


def number(x: float) -> str:
    """Shortest text that round-trips the stored value (exact for every format narrower than FP64)."""
    return repr(x) if math.isfinite(x) else ("nan" if math.isnan(x) else ("inf" if x > 0 else "-inf"))


def error_text(x: float) -> str:
    return "—" if math.isnan(x) else ("∞" if math.isinf(x) else f"{x:.3g}")


def coloured_bits(encoded: Encoded) -> str:
    """The bit string as HTML spans coloured sign / exponent / mantissa (only 0s and 1s reach the HTML)."""
    spec = FORMATS[encoded.fmt]
    parts = (encoded.bits[:1], encoded.bits[1 : 1 + spec.exp_bits], encoded.bits[1 + spec.exp_bits :])
    return "&#8239;".join(
        f"<span style='color:{COLOURS[field]};font-weight:600'>{html.escape(bits)}</span>"
        for field, bits in zip(("sign", "exponent", "mantissa"), parts, strict=True)
    )


def significand_text(encoded: Encoded) -> str:
    """The significand as a fraction, e.g. ``1 + 614/2^10`` (``0 + 3/2^10`` for subnormals)."""
    if encoded.kind in ("inf", "nan"):
        return "—"
    lead = 0 if encoded.exponent_raw == 0 else 1
    return f"{lead} + {encoded.mantissa_raw}/2^{FORMATS[encoded.fmt].man_bits}"


def exponent_text(encoded: Encoded) -> str:
    unbiased = encoded.exponent
    return f"{encoded.exponent_raw} / {'—' if unbiased is None else unbiased}"


def why_text(encoded: Encoded) -> str:
    return t(encoded.why, **encoded.why_params) if encoded.why_params else t(encoded.why)


def value_table(value: float, label_of: dict[str, str]) -> str:
    """An HTML table: one row per format with every field of its encoding."""
    headers = ["format", "stored", "why", "bits", "kind", "exponent", "mantissa", "abs_error", "rel_error", "flags"]
    head = "".join(f"<th>{html.escape(t(f'floats.col.{name}'))}</th>" for name in headers)
    rows = []
    for name in FORMATS:
        encoded = encode(value, name)
        flags = [t(f"floats.flag.{flag}") for flag in ("overflow", "underflow") if getattr(encoded, flag)]
        cells = [
            f"<b>{html.escape(label_of[name])}</b>",
            f"<code data-format='{name}'>{html.escape(number(encoded.stored))}</code>",
            html.escape(why_text(encoded)),
            f"<code style='white-space:nowrap'>{coloured_bits(encoded)}</code>",
            html.escape(t(f"floats.kind.{encoded.kind}")),
            html.escape(exponent_text(encoded)),
            html.escape(significand_text(encoded)),
            html.escape(error_text(encoded.abs_error)),
            html.escape(error_text(encoded.rel_error)),
            html.escape(", ".join(flags)),
        ]
        styles = ["", "", " style='min-width:16em'"] + [""] * 7
        rows.append(
            "<tr>" + "".join(f"<td{style}>{cell}</td>" for style, cell in zip(styles, cells, strict=True)) + "</tr>"
        )
    table = f"<table style='font-size:0.85em'><tr>{head}</tr>{''.join(rows)}</table>"
    return f"<div style='overflow-x:auto'>{table}</div>"


def _pick_example() -> None:
    if st.session_state.get("floats.examples"):
        st.session_state[VALUE_KEY] = st.session_state["floats.examples"]


def _typed() -> None:
    st.session_state["floats.examples"] = None


def value_section() -> None:
    """Type a value (or pick an example) and see it in every format side by side."""
    st.header(t("floats.value.header"))
    st.session_state.setdefault(VALUE_KEY, "0.1")
    st.pills(t("floats.value.examples"), EXAMPLES, key="floats.examples", on_change=_pick_example)
    text = st.text_input(t("floats.value.input"), key=VALUE_KEY, help=t("floats.value.help"), on_change=_typed)
    try:
        value = parse_value(text)
    except LessonError as error:
        st.error(error_message(error), icon=":material/error:")
        return
    labels = {name: spec.label for name, spec in FORMATS.items()}
    legend = t("floats.value.legend")
    for field, colour in (("fs", "sign"), ("fe", "exponent"), ("fm", "mantissa")):
        legend = legend.replace(f"class='{field}'", f"style='color:{COLOURS[colour]};font-weight:600'")
    st.markdown(legend, unsafe_allow_html=True)
    st.markdown(value_table(value, labels), unsafe_allow_html=True)
    st.caption(t("floats.value.tf32_note"))
    literal = number(float(value))
    literal = f"float({literal!r})" if not math.isfinite(float(value)) else literal
    show_code(
        f"""import torch

x = torch.tensor({literal}, dtype=torch.float64)
for dtype, as_int, bits in ((torch.float32, torch.int32, 32), (torch.float16, torch.int16, 16),
                            (torch.bfloat16, torch.int16, 16), (torch.float8_e4m3fn, torch.uint8, 8),
                            (torch.float8_e5m2, torch.uint8, 8)):
    y = x.to(dtype)                                   # round to nearest even (E4M3 saturates at 448)
    code = y.view(as_int).item() & (2**bits - 1)      # the raw bit pattern
    print(dtype, y.item(), format(code, f"0{{bits}}b"))
"""
    )


# ----------------------------------------------------------------------------------------------- bit editor


def _keys(fmt: str) -> dict[str, str]:
    return {part: f"floats.editor.{part}.{fmt}" for part in ("code", "bits", "sign", "exponent", "mantissa", "error")}


def _fields(fmt: str) -> dict[str, list[int]]:
    """Bit positions (0 = most significant, the sign) of each field."""
    spec = FORMATS[fmt]
    return {
        "sign": [0],
        "exponent": list(range(1, 1 + spec.exp_bits)),
        "mantissa": list(range(1 + spec.exp_bits, spec.total_bits)),
    }


def set_code(fmt: str, code: int) -> None:
    """Make ``code`` the editor's pattern for ``fmt`` and mirror it into the text field and the bit pills."""
    spec, keys = FORMATS[fmt], _keys(fmt)
    code %= 2**spec.total_bits
    bits = format(code, f"0{spec.total_bits}b")
    st.session_state[keys["code"]] = code
    st.session_state[keys["bits"]] = bits
    st.session_state[keys["error"]] = None
    for field, positions in _fields(fmt).items():
        st.session_state[keys[field]] = [p for p in positions if bits[p] == "1"]


def _from_pills(fmt: str) -> None:
    keys = _keys(fmt)
    ones = {p for field in ("sign", "exponent", "mantissa") for p in st.session_state.get(keys[field]) or []}
    total = FORMATS[fmt].total_bits
    set_code(fmt, int("".join("1" if p in ones else "0" for p in range(total)), 2))


def _from_text(fmt: str) -> None:
    keys = _keys(fmt)
    text = st.session_state[keys["bits"]]
    try:
        code = int(check_bits(text, fmt), 2)
    except LessonError as error:
        st.session_state[keys["error"]] = error
        return
    set_code(fmt, code)


def _step(fmt: str, delta: int) -> None:
    """Move the magnitude one code up or down: codes of one sign are ordered like the values."""
    spec = FORMATS[fmt]
    code = st.session_state[_keys(fmt)["code"]]
    sign, magnitude = code >> (spec.total_bits - 1), code & (2 ** (spec.total_bits - 1) - 1)
    magnitude = min(max(magnitude + delta, 0), 2 ** (spec.total_bits - 1) - 1)
    set_code(fmt, (sign << (spec.total_bits - 1)) | magnitude)


def _weight_label(fmt: str, position: int) -> str:
    """Pill label: what the bit is worth inside its field (sign ±, exponent 2^k, mantissa 2^-i)."""
    spec = FORMATS[fmt]
    if position == 0:
        return "±"
    if position <= spec.exp_bits:
        return f"2^{spec.exp_bits - position}"
    return f"2^-{position - spec.exp_bits}"


def editor_section() -> None:
    """Float Toy for every format: click bits (pills), edit the bit string, step through neighbours."""
    st.header(t("floats.editor.header"))
    fmt = st.segmented_control(
        t("floats.editor.format"),
        list(FORMATS),
        format_func=lambda name: FORMATS[name].label,
        default="fp16",
        key="floats.editor.fmt",
    )
    fmt = fmt or "fp16"
    spec, keys = FORMATS[fmt], _keys(fmt)
    if keys["code"] not in st.session_state:
        set_code(fmt, int(encode(1.0, fmt).bits, 2))
    st.text_input(t("floats.editor.bits"), key=keys["bits"], on_change=_from_text, args=(fmt,))
    if st.session_state[keys["error"]] is not None:
        st.error(error_message(st.session_state[keys["error"]]), icon=":material/error:")
        st.caption(t("floats.editor.bad_kept"))
    fields = _fields(fmt)
    for field in ("sign", "exponent", "mantissa"):
        st.pills(
            t(f"floats.editor.{field}"),
            fields[field],
            selection_mode="multi",
            format_func=lambda p: _weight_label(fmt, p),
            key=keys[field],
            on_change=_from_pills,
            args=(fmt,),
        )
    buttons = st.columns(4)
    buttons[0].button(t("floats.editor.next_down"), key=f"floats.editor.down.{fmt}", on_click=_step, args=(fmt, -1))
    buttons[1].button(t("floats.editor.next_up"), key=f"floats.editor.up.{fmt}", on_click=_step, args=(fmt, 1))
    sign_flip = 2 ** (spec.total_bits - 1)
    code = st.session_state[keys["code"]]
    buttons[2].button(
        t("floats.editor.negate"), key=f"floats.editor.neg.{fmt}", on_click=set_code, args=(fmt, code ^ sign_flip)
    )
    one = int(encode(1.0, fmt).bits, 2)
    buttons[3].button(t("floats.editor.one"), key=f"floats.editor.one.{fmt}", on_click=set_code, args=(fmt, one))
    encoded = encode_bits(format(code, f"0{spec.total_bits}b"), fmt)
    editor_result(encoded)


def editor_result(encoded: Encoded) -> None:
    """The value of the editor's pattern, its fields, and the formula that turns bits into the value."""
    spec = FORMATS[encoded.fmt]
    left, right = st.columns([1, 2])
    left.metric(t("floats.editor.value"), number(encoded.stored))
    left.markdown(coloured_bits(encoded), unsafe_allow_html=True)
    left.caption(f"{t(f'floats.kind.{encoded.kind}')} · 0x{int(encoded.bits, 2):0{(spec.total_bits + 3) // 4}X}")
    with right:
        st.markdown(f"**{t('floats.editor.formula')}**")
        if encoded.kind in ("inf", "nan"):
            st.write(t("floats.editor.special", kind=t(f"floats.kind.{encoded.kind}")))
        else:
            raw = encoded.exponent_raw
            power = f"{spec.emin}" if raw == 0 else f"{raw} − {spec.bias}"
            st.code(
                f"(−1)^{encoded.sign} × ({significand_text(encoded)}) × 2^({power})\n= {number(encoded.stored)}",
                language=None,
            )
        st.caption(why_text(encoded))
    dtype = str(spec.torch_dtype).replace("torch.", "") if spec.torch_dtype else None
    if dtype:
        view = {8: "uint8", 16: "int16", 32: "int32", 64: "int64"}[spec.total_bits]
        code = int(encoded.bits, 2)
        signed = code - 2**spec.total_bits if view != "uint8" and code >= 2 ** (spec.total_bits - 1) else code
        show_code(
            f"""import torch

bits = torch.tensor([{signed}], dtype=torch.{view})   # 0b{encoded.bits}
print(bits.view(torch.{dtype}).item())
"""
        )
    else:
        show_code(
            f"""import struct

bits = 0b{encoded.bits}                       # TF32: 1 sign, 8 exponent, 10 mantissa bits
fp32 = bits << 13                             # TF32 is the top 19 bits of an FP32
print(struct.unpack(">f", fp32.to_bytes(4, "big"))[0])
"""
        )
