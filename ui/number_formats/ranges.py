"""Number formats, ranges tab: every format's range and precision, and a commonly quoted table of ranges checked."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.number_formats import FORMATS, NOTES_RANGES, claimed_range_is_right
from ui.common import show_code, t
from ui.number_formats.display import number


def render() -> None:
    """Every format's range and precision, computed from its bit widths (tests compare with torch.finfo)."""
    st.subheader(t("number_formats.range.header"))
    # Two narrow tables rather than one wide one: each fits a 1024-px screen without scrolling sideways.
    ranges, precision = [], []
    for spec in FORMATS.values():
        ranges.append(
            {
                t("number_formats.col.format"): spec.label,
                t("number_formats.range.col.bits"): f"1 / {spec.exp_bits} / {spec.man_bits}",
                t("number_formats.range.col.exp_range"): f"{spec.emin} … {spec.emax}",
                t("number_formats.range.col.max"): f"{spec.max:.5g}",
                t("number_formats.range.col.min_normal"): f"{spec.min_normal:.5g}",
                t("number_formats.range.col.min_subnormal"): f"{spec.min_subnormal:.5g}",
            }
        )
        precision.append(
            {
                t("number_formats.col.format"): spec.label,
                t("number_formats.range.col.bias"): spec.bias,
                t("number_formats.range.col.eps"): f"{spec.eps:.6g}",
                t("number_formats.range.col.digits"): f"{spec.decimal_digits:.2f}",
                t("number_formats.range.col.inf"): "✓" if spec.has_inf else "✗",
                t("number_formats.range.col.dtype"): str(spec.torch_dtype)
                if spec.torch_dtype
                else t("number_formats.range.no_dtype"),
            }
        )
    st.dataframe(pd.DataFrame(ranges), hide_index=True, width="stretch", key="number_formats.range.ranges")
    st.dataframe(pd.DataFrame(precision), hide_index=True, width="stretch", key="number_formats.range.precision")
    st.caption(t("number_formats.range.caption"))
    show_code(
        """import torch

for dtype in (torch.float64, torch.float32, torch.float16, torch.bfloat16, torch.float8_e4m3fn, torch.float8_e5m2):
    info = torch.finfo(dtype)
    print(dtype, info.max, info.tiny, info.tiny * info.eps, info.eps)   # max, min normal, min subnormal, eps
"""
    )
    _quoted()


def _quoted() -> None:
    """A commonly quoted table of ranges next to the computed ranges, with a computed verdict."""
    st.subheader(t("number_formats.notes.header"))
    rows = []
    for fmt, claim, low, high in NOTES_RANGES:
        spec = FORMATS[fmt]
        verdict = "ok" if claimed_range_is_right(fmt, low, high) else "wrong"
        rows.append(
            {
                t("number_formats.col.format"): spec.label,
                t("number_formats.notes.col.notes"): claim,
                t(
                    "number_formats.notes.col.actual"
                ): f"{spec.min_normal:.3g} … {spec.max:.5g}  (2^{spec.emin} … ≈2^{spec.emax + 1})",
                t("number_formats.notes.col.verdict"): ("✓ " if verdict == "ok" else "✗ ")
                + t(f"number_formats.notes.{verdict}"),
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    fp16, fp32 = FORMATS["fp16"], FORMATS["fp32"]
    st.caption(
        t(
            "number_formats.notes.caption",
            emin16=fp16.emin,
            emax16=fp16.emax,
            min16=f"{fp16.min_normal:.3g}",
            max16=number(fp16.max),
            sub16=f"{fp16.min_subnormal:.3g}",
            emin32=fp32.emin,
            emax32=fp32.emax,
            min32=f"{fp32.min_normal:.3g}",
            max32=f"{fp32.max:.3g}",
        )
    )
