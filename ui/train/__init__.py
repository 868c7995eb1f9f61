"""UI of the train lesson: one module per section, each with a ``render()``."""
