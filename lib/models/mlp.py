"""d2l's multilayer perceptron with dropout: the baseline that ignores that pixels have neighbours."""

from __future__ import annotations

from collections import OrderedDict

from torch import nn

HIDDEN = 256
DROPOUT1, DROPOUT2 = 0.2, 0.5


def mlp(num_classes: int = 10, in_channels: int = 1, image_size: int = 28) -> nn.Sequential:
    """Flatten → Linear → ReLU → Dropout(0.2) → Linear → ReLU → Dropout(0.5) → Linear, as in d2l."""
    return nn.Sequential(
        OrderedDict(
            flatten=nn.Flatten(),
            fc1=nn.Linear(in_channels * image_size * image_size, HIDDEN),
            relu1=nn.ReLU(),
            drop1=nn.Dropout(DROPOUT1),
            fc2=nn.Linear(HIDDEN, HIDDEN),
            relu2=nn.ReLU(),
            drop2=nn.Dropout(DROPOUT2),
            fc3=nn.Linear(HIDDEN, num_classes),
        )
    )
