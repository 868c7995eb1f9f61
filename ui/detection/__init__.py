"""UI of the detection lesson: one module per section, each with a ``render()``."""
