"""How the Number formats lesson writes a stored value: shortest text, errors, coloured bits, fields."""

from __future__ import annotations

import html
import math

from lib.number_formats import FORMATS, Encoded
from ui.common import t

COLOURS = {"sign": "#e45756", "exponent": "#4c78a8", "mantissa": "#54a24b"}
PLOT_COLOURS = {
    "fp64": "#4c78a8", "fp32": "#f58518", "tf32": "#e45756", "fp16": "#72b7b2",
    "bf16": "#54a24b", "fp8_e4m3": "#b279a2", "fp8_e5m2": "#9d755d",
}  # fmt: skip


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
