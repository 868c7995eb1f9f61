"""Out-of-distribution scores equal their textbook formulas and their threshold keeps what it promises."""

import pytest
import torch

from lib.ood import calibrate, fit_check, ood_score


def test_scores_equal_their_definitions() -> None:
    logits = torch.randn(50, 7, generator=torch.Generator().manual_seed(0))
    assert torch.allclose(ood_score(logits, "energy"), torch.logsumexp(logits.double(), 1))
    assert torch.allclose(ood_score(logits, "max_softmax"), torch.softmax(logits.double(), 1).max(1).values)
    assert torch.allclose(ood_score(logits, "energy", 2.0), 2 * torch.logsumexp(logits.double() / 2, 1))
    with pytest.raises(ValueError):
        ood_score(logits, "entropy")


def test_threshold_keeps_the_promised_share_of_in_domain_images() -> None:
    scores = torch.arange(1, 101, dtype=torch.float64)  # 1..100
    threshold = calibrate(scores, keep=0.95)
    assert (scores >= threshold).double().mean().item() == pytest.approx(0.95, abs=0.011)
    with pytest.raises(ValueError):
        calibrate(torch.zeros(0))


def test_confident_logits_pass_and_flat_ones_are_flagged() -> None:
    g = torch.Generator().manual_seed(1)
    confident = torch.randn(200, 5, generator=g) + 8 * torch.nn.functional.one_hot(torch.randint(0, 5, (200,)), 5)
    check = fit_check(confident, "energy")
    assert check.unlike_training(confident).double().mean().item() == pytest.approx(0.05, abs=0.011)
    flat = torch.zeros(10, 5)  # no class stands out: the typical answer to an unfamiliar input
    assert check.unlike_training(flat).all()
