"""UI of the finetune lesson: one module per section, each with a ``render()``."""
