"""Home: what the playground is, a card per lesson, and what this machine can run."""

import pandas as pd
import streamlit as st

from lib.device import PRECISIONS, available_devices, pick_device, supported_precisions
from lib.environment import library_versions
from lib.navigation import HOME, PAGES
from ui.common import t
from ui.routing import enter_page

enter_page()

st.title(t("app.title"))
st.write(t("home.intro"))
st.info(t("home.offline"), icon=":material/wifi_off:")

st.header(t("home.pages"))
lessons = [spec for spec in PAGES if spec != HOME]
for row_start in range(0, len(lessons), 3):
    for column, spec in zip(st.columns(3), lessons[row_start : row_start + 3], strict=False):
        with column.container(border=True):
            st.subheader(t(f"page.{spec.name}.title"))
            st.write(t(f"page.{spec.name}.summary"))
            st.page_link(spec.path, label=t("home.open", title=t(f"page.{spec.name}.title")), icon=spec.icon)

st.header(t("home.machine"))
device = pick_device()
precisions = supported_precisions(device)
left, right = st.columns(2)
with left:
    st.metric(t("home.default_device"), str(device))
    st.write(f"**{t('home.devices')}:** " + ", ".join(available_devices()))
    st.write(f"**{t('home.precisions')}:** " + ", ".join(precisions))
    with st.expander(t("home.precision_notes")):
        for precision in precisions:
            st.markdown(f"- {t(f'precision.{precision}')}")
        missing = [precision for precision in PRECISIONS if precision not in precisions]
        if missing:
            st.caption(t("precision.unavailable", precisions=", ".join(missing)))
with right:
    versions = library_versions()
    st.write(f"**{t('home.versions')}**")
    st.dataframe(
        pd.DataFrame({t("home.library"): list(versions), t("home.version"): list(versions.values())}),
        hide_index=True,
        width="stretch",
    )
