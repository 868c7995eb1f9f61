"""UI of the tensors lesson: one module per section, each with a ``render()``."""
