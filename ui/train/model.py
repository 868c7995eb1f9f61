"""Train page, model step: choose a network for the data's shape and see its layers, parameters and MACs."""

from __future__ import annotations

import streamlit as st
from torch import nn

from lib.convolution_trace import totals, trace
from lib.data.arrays import ImageArrays
from lib.models import MODELS, TRAINABLE, build_model
from lib.train import DEFAULT_RUN
from ui.common import guard, show_code, t


def model_name(name: str) -> str:
    """A model as the learner reads it: its translated name, or the name as given for one the app does not know."""
    return t(MODELS[name].label_key) if name in MODELS else name


def render(train: ImageArrays) -> tuple[str, nn.Module] | None:
    """Choose a model for the data's shape; show its layer table, parameters and MACs before training."""
    st.header(t("train.model.header"))
    names = [name for name in TRAINABLE if name in MODELS]
    labels = {name: model_name(name) for name in names}  # translated now, not when the widget formats later
    name = st.selectbox(
        t("train.model.name"),
        names,
        index=names.index(DEFAULT_RUN.model),
        format_func=labels.__getitem__,
        key="train_model",
    )
    st.caption(t(MODELS[name].description_key))
    if name == "cifar10_quick":
        st.warning(t("train.model.no_activation"), icon=":material/warning:")
    c, h, _ = train.image_shape
    with guard():
        model = build_model(name, len(train.classes), c, h)
        table = trace(model, (c, h, h))
        sums = totals(table)
        st.caption(t("train.model.params", params=sums["params"], macs=sums["macs"]))
        shown = table[["name", "type", "output_shape", "params", "macs"]]
        shown = shown.assign(output_shape=shown["output_shape"].map(lambda s: " × ".join(map(str, s))))
        columns = {name: t(f"convolution.trace.col.{name}") for name in shown.columns}
        st.dataframe(shown.rename(columns=columns), hide_index=True, height=240)
        show_code(f"""from lib.models import build_model

model = build_model("{name}", num_classes={len(train.classes)}, in_channels={c}, image_size={h})
print(model)
print(sum(p.numel() for p in model.parameters()))  # {sums["params"]:,}""")
        return name, model
    return None
