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


PILLS_PER_ROW = 10  # ten bit pills fit a 1024-px screen; longer fields continue on the next row


def _rows(fmt: str, field: str) -> list[tuple[str, list[int]]]:
    """The field's bit positions in rows of at most ``PILLS_PER_ROW``, each with its widget key."""
    key, positions = _keys(fmt)[field], _fields(fmt)[field]
    chunks = [positions[i : i + PILLS_PER_ROW] for i in range(0, len(positions), PILLS_PER_ROW)]
    return [(key if i == 0 else f"{key}.{i}", chunk) for i, chunk in enumerate(chunks)]


def set_code(fmt: str, code: int) -> None:
    """Make ``code`` the editor's pattern for ``fmt`` and mirror it into the text field and the bit pills."""
    spec, keys = FORMATS[fmt], _keys(fmt)
    code %= 2**spec.total_bits
    bits = format(code, f"0{spec.total_bits}b")
    st.session_state[keys["code"]] = code
    st.session_state[keys["bits"]] = bits
    st.session_state[keys["error"]] = None
    for field in ("sign", "exponent", "mantissa"):
        for key, positions in _rows(fmt, field):
            st.session_state[key] = [p for p in positions if bits[p] == "1"]


def _from_pills(fmt: str) -> None:
    rows = [key for field in ("sign", "exponent", "mantissa") for key, _ in _rows(fmt, field)]
    ones = {p for key in rows for p in st.session_state.get(key) or []}
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

    The value and its formula come first, then the bit pills, so both are on the first screen.
    """
    st.caption(t("number_formats.editor.header"))
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
    result = st.container()  # the value goes above the bits, drawn once the bits are read
    _bits_controls(fmt)
    code = st.session_state[keys["code"]]
    encoded = encode_bits(format(code, f"0{spec.total_bits}b"), fmt)
    with result:
        editor_result(encoded)
    _code(encoded)


def _bits_controls(fmt: str) -> None:
    """The bit pills (rows of ten), the step buttons and the bit string of the format ``fmt``."""
    spec, keys = FORMATS[fmt], _keys(fmt)
    for field in ("sign", "exponent", "mantissa"):
        for i, (key, positions) in enumerate(_rows(fmt, field)):
            st.pills(
                t(f"number_formats.editor.{field}"),
                positions,
                selection_mode="multi",
                format_func=lambda p: _weight_label(fmt, p),
                key=key,
                on_change=_from_pills,
                args=(fmt,),
                label_visibility="visible" if i == 0 else "collapsed",
            )
    buttons = st.columns(4)
    buttons[0].button(
        t("number_formats.editor.next_down"), key=f"number_formats.editor.down.{fmt}", on_click=_step, args=(fmt, -1)
    )
    buttons[1].button(
        t("number_formats.editor.next_up"), key=f"number_formats.editor.up.{fmt}", on_click=_step, args=(fmt, 1)
    )
    sign_flip = 2 ** (spec.total_bits - 1)
    code = st.session_state[keys["code"]]
    buttons[2].button(
        t("number_formats.editor.negate"),
        key=f"number_formats.editor.neg.{fmt}",
        on_click=set_code,
        args=(fmt, code ^ sign_flip),
    )
    one = int(encode(1.0, fmt).bits, 2)
    buttons[3].button(
        t("number_formats.editor.one"), key=f"number_formats.editor.one.{fmt}", on_click=set_code, args=(fmt, one)
    )
    st.text_input(t("number_formats.editor.bits"), key=keys["bits"], on_change=_from_text, args=(fmt,))
    if st.session_state[keys["error"]] is not None:
        st.error(error_message(st.session_state[keys["error"]]), icon=":material/error:")
        st.caption(t("number_formats.editor.bad_kept"))


def editor_result(encoded: Encoded) -> None:
    """The value of the editor's pattern, its fields, and the formula that turns bits into the value."""
    spec = FORMATS[encoded.fmt]
    left, right = st.columns([2, 3])
    left.metric(t("number_formats.editor.value"), number(encoded.stored))
    left.markdown(
        f"<code style='white-space:normal;word-break:break-all;font-size:1.1em'>{coloured_bits(encoded)}</code>",
        unsafe_allow_html=True,
    )
    left.caption(
        f"{t(f'number_formats.kind.{encoded.kind}')} · 0x{int(encoded.bits, 2):0{(spec.total_bits + 3) // 4}X}"
    )
    right.markdown(f"**{t('number_formats.editor.formula')}**")
    if encoded.kind in ("inf", "nan"):
        right.write(t("number_formats.editor.special", kind=t(f"number_formats.kind.{encoded.kind}")))
    else:
        raw = encoded.exponent_raw
        power = f"{spec.emin}" if raw == 0 else f"{raw} − {spec.bias}"
        right.code(
            f"(−1)^{encoded.sign} × ({significand_text(encoded)}) × 2^({power})\n= {number(encoded.stored)}",
            language=None,
            wrap_lines=True,
        )
    right.caption(why_text(encoded))


def _code(encoded: Encoded) -> None:
    """PyTorch code that turns the editor's bit pattern into the value."""
    spec = FORMATS[encoded.fmt]
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
