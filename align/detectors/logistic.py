"""A logistic regression fitted offline by a benchmark script and kept under models/ as data (weights, not code)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class LogisticModel:
    weights: np.ndarray
    bias: float
    mean: np.ndarray  # of the training features: they are standardised before the weights apply
    scale: np.ndarray

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> LogisticModel:
        return cls(np.array(raw["weights"]), float(raw["bias"]), np.array(raw["mean"]), np.array(raw["scale"]))

    def to_json(self, digits: int) -> dict[str, Any]:
        """The fields from_json reads, rounded (the files under models/ stay small and readable in a diff)."""
        return {
            "weights": self.weights.round(digits).tolist(),
            "bias": round(self.bias, digits),
            "mean": self.mean.round(digits).tolist(),
            "scale": self.scale.round(digits).tolist(),
        }

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """One probability per row; an unknown value (NaN) reads as the training mean, i.e. no evidence."""
        features = np.where(np.isnan(features), self.mean, features)
        z = ((features - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -500.0, 500.0)))  # the same values; no overflow warning on stderr
