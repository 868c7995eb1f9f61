"""lib/tensors_ops.py: memory sharing as PyTorch reports it, and layer output shapes as the real layers compute."""

import pandas as pd
import pytest
import torch
from torch import nn

from lib.errors import LessonError
from lib.tensors_ops import in_place_report, layer_output, shares_memory, table_to_tensor, tensor_grid


def test_in_place_keeps_storage_rebinding_does_not() -> None:
    x, y = torch.arange(12.0).reshape(3, 4), torch.ones(3, 4)
    report = in_place_report(x, y)
    assert report.slice_assign_same_id and report.slice_assign_same_ptr
    assert report.augmented_same_id and report.augmented_same_ptr
    assert not report.rebind_same_id and not report.rebind_same_ptr
    assert torch.equal(report.result, x + y)


def test_view_shares_clone_does_not() -> None:
    a = torch.arange(6.0)
    assert shares_memory(a, a.view(2, 3)) and not shares_memory(a, a.clone())


def test_layer_output_matches_real_layers() -> None:
    torch.manual_seed(0)
    shape, _, _ = layer_output("image", (2, 3, 9, 7), 5, 3, 2, 1)
    assert shape == tuple(nn.Conv2d(3, 5, 3, 2, 1)(torch.zeros(2, 3, 9, 7)).shape)
    shape, params, _ = layer_output("audio", (2, 11, 6), 4, 3, 1, 0)
    assert shape == tuple(nn.Conv1d(6, 4, 3)(torch.zeros(2, 6, 11)).shape) and params == 6 * 4 * 3 + 4
    shape, params, _ = layer_output("llm", (2, 5, 8), 3, 1, 1, 0)
    assert shape == (2, 5, 3) and params == 8 * 3 + 3
    with pytest.raises(LessonError):
        layer_output("image", (1, 3, 2, 2), 4, 5, 1, 0)  # kernel larger than the padded input


def test_tables() -> None:
    assert torch.equal(table_to_tensor(pd.DataFrame([[1, 2], [3, 4]]), "X"), torch.tensor([[1.0, 2], [3, 4]]))
    with pytest.raises(LessonError):
        table_to_tensor(pd.DataFrame([[1, None]]), "X")
    grid = tensor_grid(torch.arange(12.0).reshape(2, 2, 3))
    assert list(grid.index) == ["[0, 0, :]", "[0, 1, :]", "[1, 0, :]", "[1, 1, :]"]
