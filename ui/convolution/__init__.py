"""UI of the convolution lesson: one module per section, each with a ``render()``."""
