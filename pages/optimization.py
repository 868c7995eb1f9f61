"""Losses & optimizers: losses worked through, optimizers on a loss surface, schedules, initialisation and
gradient flow, and regularisation — each computed live by PyTorch. Each tab lives in a ui/optimization module."""

import streamlit as st

from ui.common import t
from ui.optimization import init, losses, optimizers, regularisation, schedules
from ui.routing import enter_page

enter_page()

st.title(t("page.optimization.title"))
st.write(t("page.optimization.summary"))

SECTIONS = (
    ("optimization.tab.losses", losses.render),
    ("optimization.tab.optimizers", optimizers.render),
    ("optimization.tab.schedules", schedules.render),
    ("optimization.tab.init", init.render),
    ("optimization.tab.regularisation", regularisation.render),
)
# Only the open tab runs (on_change="rerun"), so moving a slider recomputes one experiment, not five.
tabs = st.tabs([t(key) for key, _ in SECTIONS], key="optimization.tab", on_change="rerun")
for tab, (_, render) in zip(tabs, SECTIONS, strict=True):
    if tab.open:
        with tab:
            render()
