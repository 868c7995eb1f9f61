"""UI of the number_formats lesson: one module per section, each with a ``render()``."""
