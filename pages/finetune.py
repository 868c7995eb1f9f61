"""Fine-tuning: start from a pretrained backbone, give it a new head for your classes, freeze what should not
move, and race it against the same network trained from scratch. Each step lives in a ui/finetune module; the
steps' settings sit in expanders below Start and the live chart, which come first on the screen."""

import streamlit as st

from ui.common import t
from ui.finetune import examples, race, results, settings, source, summary, target
from ui.routing import enter_page

enter_page()

st.title(t("page.finetune.title"))
st.caption(t("finetune.intro"))

top = st.container()  # Start and the live chart first; the steps' settings below them, in expanders
with st.expander(t("finetune.source.header"), icon=":material/neurology:"):
    backbone = source.render()
with st.expander(t("finetune.target.header"), icon=":material/photo_library:"):
    data = target.render()
setup = None
if backbone is not None:
    with st.expander(t("finetune.settings.header"), icon=":material/tune:"):
        setup = settings.render(backbone, data[0].images[0] if data is not None else None)
with top:
    left, right = st.columns([11, 7])
    if data is not None:
        with left:
            examples.render(data[0])
    with right:
        summary.render(backbone, data, setup)
    job, running = race.render(backbone, data, setup)
results.render(job, running)
