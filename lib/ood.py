"""Is this input like the model's training data? Out-of-distribution scores for any classifier.

A classifier always answers with some class, often confidently, even for a photo unlike anything it saw. Two
standard baselines need nothing but the logits: the maximum softmax probability (Hendrycks & Gimpel, 2017) and
the negative energy ``logsumexp(logits)`` (Liu et al., 2020). Neither is meaningful alone; what makes it a test
is a threshold chosen on held-out images of the model's own domain, e.g. the score that keeps 95% of them.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

SCORES = ("energy", "max_softmax")
KEEP = 0.95  # share of in-domain validation images that must pass


def ood_score(logits: torch.Tensor, kind: str = "energy", temperature: float = 1.0) -> torch.Tensor:
    """(N, classes) logits -> (N,) in-domain scores: higher means more like the training data.

    ``energy`` is ``T·logsumexp(logits / T)`` (the negative free energy), ``max_softmax`` the top probability.
    """
    if kind not in SCORES:
        raise ValueError(f"unknown score {kind!r}; choose one of {SCORES}")
    logits = logits.double()
    if kind == "energy":
        return temperature * torch.logsumexp(logits / temperature, dim=1)
    return torch.softmax(logits, dim=1).amax(dim=1)


def calibrate(in_domain_scores: torch.Tensor, keep: float = KEEP) -> float:
    """The threshold that ``keep`` of these in-domain scores reach (their (1 - keep) quantile)."""
    if in_domain_scores.numel() == 0:
        raise ValueError("calibrating needs at least one in-domain score")
    return float(torch.quantile(in_domain_scores.double().flatten(), 1.0 - keep))


@dataclass(frozen=True)
class OodCheck:
    """A calibrated test: ``score`` kind, its ``threshold``, and the share of validation images it keeps."""

    kind: str
    threshold: float
    keep: float

    def scores(self, logits: torch.Tensor) -> torch.Tensor:
        return ood_score(logits, self.kind)

    def unlike_training(self, logits: torch.Tensor) -> torch.Tensor:
        """(N,) bool: True where the input scores below what ``keep`` of the validation images reach."""
        return self.scores(logits) < self.threshold


def fit_check(val_logits: torch.Tensor, kind: str = "energy", keep: float = KEEP) -> OodCheck:
    """Calibrate an ``OodCheck`` on the logits of held-out in-domain images (N, classes)."""
    return OodCheck(kind, calibrate(ood_score(val_logits, kind), keep), keep)
