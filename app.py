"""DL Playground entry point: page config, language switch, device summary, navigation."""

import streamlit as st

from lib.device import describe, pick_device, supported_precisions
from lib.i18n import DEFAULT_LANGUAGE, LANGUAGES
from lib.navigation import HOME, PAGES, SECTIONS
from ui.common import t

st.set_page_config(page_title="DL Playground", page_icon=":material/neurology:", layout="wide")


def _initial_language() -> str:
    """The session's language: kept in session state, seeded once from ``?lang=`` if it names one."""
    requested = st.query_params.get("lang", DEFAULT_LANGUAGE)
    return requested if requested in LANGUAGES else DEFAULT_LANGUAGE


def _resend_choices() -> None:
    """Write every remembered widget value back, so choices survive the switch of language.

    The browser remembers a selectbox or radio choice by its displayed label, which is about to change
    language; a value written through session state is re-sent under the new label. Buttons hold bools and
    uploads hold objects, which Streamlit refuses to have written, so only plain values are touched.
    """
    for key in list(st.session_state.keys()):
        value = st.session_state[key]
        if key != "language_picker" and isinstance(value, (str, int, float, tuple)) and not isinstance(value, bool):
            st.session_state[key] = value


def _adopt_picked_language() -> None:
    st.session_state["language"] = st.session_state["language_picker"]
    _resend_choices()


# "language" is the source of truth; the picker mirrors it, so no rerun or page switch can reset it.
st.session_state.setdefault("language", _initial_language())
st.session_state["language_picker"] = st.session_state["language"]
st.sidebar.selectbox(
    t("app.language"),
    options=list(LANGUAGES),
    format_func=LANGUAGES.__getitem__,
    key="language_picker",
    on_change=_adopt_picked_language,
)


@st.cache_resource
def _device_summary() -> tuple[str, list[str]]:
    device = pick_device()
    return str(device), supported_precisions(device)


device, precisions = _device_summary()
st.sidebar.caption(t("app.device", device=describe(device, t)))
st.sidebar.caption(t("app.precisions", precisions=", ".join(precisions)))

pages = {
    t(f"nav.section.{section}"): [
        st.Page(
            spec.path, title=t(f"page.{spec.name}.title"), icon=spec.icon, url_path=spec.url_path, default=spec == HOME
        )
        for spec in PAGES
        if spec.section == section
    ]
    for section in SECTIONS
}
st.navigation(pages).run()
