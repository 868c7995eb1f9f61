"""Fine-tuning: start from a pretrained backbone, give it a new head for your classes, freeze what should not
move, and race it against the same network trained from scratch. Each step lives in a pages/finetune_* module."""

import streamlit as st

from pages import finetune_results, finetune_settings, finetune_source, finetune_target
from pages.common import t

st.title(t("page.finetune.title"))
st.write(t("finetune.intro"))

backbone = finetune_source.render()
data = finetune_target.render()
if backbone is None:
    st.stop()
sample = data[0].images[0] if data is not None else None
config = finetune_settings.render(backbone, sample)
if data is None:
    st.info(t("finetune.run.need_data"), icon=":material/info:")
elif config is not None:
    finetune_results.render(backbone, data, config)
