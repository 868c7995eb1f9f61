"""Fine-tuning: start from a pretrained backbone, give it a new head for your classes, freeze what should not
move, and race it against the same network trained from scratch. Each step lives in a ui/finetune module."""

import streamlit as st

from ui.common import t
from ui.finetune import results, settings, source, target
from ui.routing import enter_page

enter_page()

st.title(t("page.finetune.title"))
st.write(t("finetune.intro"))

backbone = source.render()
data = target.render()
if backbone is None:
    st.stop()
sample = data[0].images[0] if data is not None else None
config = settings.render(backbone, sample)
if data is None:
    st.info(t("finetune.run.need_data"), icon=":material/info:")
elif config is not None:
    results.render(backbone, data, config)
