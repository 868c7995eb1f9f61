"""UI of the optimization lesson: one module per section, each with a ``render()``."""
