"""Number formats, bit editor tab: Float Toy for every format (click bits, edit the string, step neighbours)."""

from __future__ import annotations

import streamlit as st

from lib.errors import LessonError
from lib.number_formats import FORMATS, Encoded, check_bits, encode, encode_bits
from ui.common import error_message, show_code, t
from ui.number_formats.display import coloured_bits, number, significand_text, why_text


def _keys(fmt: str) -> dict[str, str]:
    return {
        part: f"number_formats.editor.{part}.{fmt}"
        for part in ("code", "bits", "sign", "exponent", "mantissa", "error")
    }


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


def render() -> None:
    """Float Toy for every format: click bits (pills), edit the bit string, step through neighbours.

    The bits are on the left and the value they make on the right, so both are on the first screen.
    """
    st.subheader(t("number_formats.editor.header"))
    bits_side, value_side = st.columns([3, 2], gap="large")
    with bits_side:
        fmt = _bits_controls()
    spec, keys = FORMATS[fmt], _keys(fmt)
    code = st.session_state[keys["code"]]
    encoded = encode_bits(format(code, f"0{spec.total_bits}b"), fmt)
    with value_side:
        editor_result(encoded)


def _bits_controls() -> str:
    """The format, the bit string, the bit pills and the step buttons; returns the chosen format."""
    fmt = st.segmented_control(
        t("number_formats.editor.format"),
        list(FORMATS),
        format_func=lambda name: FORMATS[name].label,
        default="fp16",
        key="number_formats.editor.fmt",
    )
    fmt = fmt or "fp16"
    spec, keys = FORMATS[fmt], _keys(fmt)
    if keys["code"] not in st.session_state:
        set_code(fmt, int(encode(1.0, fmt).bits, 2))
    st.text_input(t("number_formats.editor.bits"), key=keys["bits"], on_change=_from_text, args=(fmt,))
    if st.session_state[keys["error"]] is not None:
        st.error(error_message(st.session_state[keys["error"]]), icon=":material/error:")
        st.caption(t("number_formats.editor.bad_kept"))
    fields = _fields(fmt)
    for field in ("sign", "exponent", "mantissa"):
        st.pills(
            t(f"number_formats.editor.{field}"),
            fields[field],
            selection_mode="multi",
            format_func=lambda p: _weight_label(fmt, p),
            key=keys[field],
            on_change=_from_pills,
            args=(fmt,),
        )
    buttons = st.columns(2)
    buttons[0].button(
        t("number_formats.editor.next_down"), key=f"number_formats.editor.down.{fmt}", on_click=_step, args=(fmt, -1)
    )
    buttons[1].button(
        t("number_formats.editor.next_up"), key=f"number_formats.editor.up.{fmt}", on_click=_step, args=(fmt, 1)
    )
    sign_flip = 2 ** (spec.total_bits - 1)
    code = st.session_state[keys["code"]]
    buttons[0].button(
        t("number_formats.editor.negate"),
        key=f"number_formats.editor.neg.{fmt}",
        on_click=set_code,
        args=(fmt, code ^ sign_flip),
    )
    one = int(encode(1.0, fmt).bits, 2)
    buttons[1].button(
        t("number_formats.editor.one"), key=f"number_formats.editor.one.{fmt}", on_click=set_code, args=(fmt, one)
    )
    return fmt


def editor_result(encoded: Encoded) -> None:
    """The value of the editor's pattern, its fields, and the formula that turns bits into the value."""
    spec = FORMATS[encoded.fmt]
    st.metric(t("number_formats.editor.value"), number(encoded.stored))
    st.markdown(
        f"<code style='white-space:normal;word-break:break-all;font-size:1.1em'>{coloured_bits(encoded)}</code>",
        unsafe_allow_html=True,
    )
    st.caption(f"{t(f'number_formats.kind.{encoded.kind}')} · 0x{int(encoded.bits, 2):0{(spec.total_bits + 3) // 4}X}")
    st.markdown(f"**{t('number_formats.editor.formula')}**")
    if encoded.kind in ("inf", "nan"):
        st.write(t("number_formats.editor.special", kind=t(f"number_formats.kind.{encoded.kind}")))
    else:
        raw = encoded.exponent_raw
        power = f"{spec.emin}" if raw == 0 else f"{raw} − {spec.bias}"
        st.code(
            f"(−1)^{encoded.sign} × ({significand_text(encoded)}) × 2^({power})\n= {number(encoded.stored)}",
            language=None,
            wrap_lines=True,
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
