"""Two encoders as one: concatenated unit vectors scaled by 1/sqrt(k), so a cosine is the mean of their cosines."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from align.encoders.base import Encoder, EncoderInfo, Progress


class EnsembleEncoder(Encoder):
    def __init__(self, name: str, members: Sequence[Encoder]) -> None:
        self.members = list(members)
        languages: frozenset[str] | None = None
        for member in self.members:
            if member.info.languages is not None:
                languages = member.info.languages if languages is None else languages & member.info.languages
        self.info = EncoderInfo(
            name=name,
            dim=sum(m.info.dim for m in self.members),
            languages=languages,
            licence=" + ".join(m.info.licence for m in self.members),
            description="mean of cosines of: " + ", ".join(m.info.name for m in self.members),
        )

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        scale = 1.0 / np.sqrt(len(self.members))
        parts = []
        for member in self.members:
            step = (lambda n: progress(n / len(self.members))) if progress else None
            parts.append(member.encode(texts, step) * scale)
        return np.concatenate(parts, axis=1).astype(np.float32)
