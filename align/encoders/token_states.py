"""Contextual token states of a batch of texts, behind one small interface: ONNX Runtime for the embedded e5-small,
torch for any other Hugging Face model folder (or a GPU).

Both return, per text, its tokens' character offsets and {layer: states}, padding cut off; hidden state 0 is the
embedding layer's output.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

import numpy as np

if TYPE_CHECKING:
    from align.encoders.use_onnx import UseOnnxEncoder

_SEEN_TOKENS = 100_000  # use-m3 token states kept from the sentence pass: about 200 MB at most

TokenStates = tuple[np.ndarray, dict[int, np.ndarray]]
Kept = TypeVar("Kept")


class RecentStates(Generic[Kept]):
    """Token states of texts seen lately, kept up to a budget of tokens, the oldest dropped first."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self._kept: OrderedDict[str, tuple[int, Kept]] = OrderedDict()
        self._tokens = 0

    def get(self, text: str) -> Kept | None:
        found = self._kept.get(text)
        return None if found is None else found[1]

    def put(self, text: str, value: Kept, tokens: int) -> None:
        previous = self._kept.pop(text, None)
        if previous is not None:
            self._tokens -= previous[0]
        self._kept[text] = (tokens, value)
        self._tokens += tokens
        while self._tokens > self.budget and self._kept:
            self._tokens -= self._kept.popitem(last=False)[1][0]

    def __len__(self) -> int:
        return len(self._kept)

    def __contains__(self, text: str) -> bool:
        return text in self._kept

    @property
    def tokens(self) -> int:
        return self._tokens


class TokenEncoder(ABC):
    runtime: str
    available_layers: int
    # Whether the tokenizer reads "a b" and "a b  " alike (the word aligner keys its memory on that).
    drops_trailing_space: bool
    languages: frozenset[str] | None = None  # those its states were trained on; None: about a hundred (e5)

    @abstractmethod
    def run(self, texts: Sequence[str], layers: Sequence[int]) -> list[TokenStates]:
        """Per text: (token offsets (tokens, 2), {layer: (tokens, hidden) float32})."""

    def _probe_trailing_space(self, offsets_of: list[tuple[list[int], list[tuple[int, int]]]]) -> bool:
        (ids_a, offsets_a), (ids_b, offsets_b) = offsets_of
        return ids_a == ids_b and offsets_a == offsets_b


class OnnxTokenEncoder(TokenEncoder):
    """The exported e5-small (align.encoders.e5_onnx) with its tokenizer.json, no torch."""

    runtime = "onnxruntime"

    def __init__(self, onnx_path: Path, tokenizer_path: Path, layers: int, max_length: int = 512) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self._tokenizer.enable_truncation(max_length=max_length)
        pad = self._tokenizer.token_to_id("<pad>")
        self._tokenizer.enable_padding(pad_id=pad if pad is not None else 1, pad_token="<pad>")
        options = ort.SessionOptions()
        # The batch workers cap threads through OMP_NUM_THREADS, which torch read; ONNX Runtime takes it here.
        options.intra_op_num_threads = int(os.environ.get("OMP_NUM_THREADS", "0") or 0)
        self._session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        self.available_layers = layers
        probe = self._tokenizer.encode_batch(["a b", "a b  "])
        self.drops_trailing_space = self._probe_trailing_space([(e.ids, e.offsets) for e in probe])

    def run(self, texts: Sequence[str], layers: Sequence[int]) -> list[TokenStates]:
        encoded = self._tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        wanted = [f"hidden_{layer}" for layer in layers]
        states = self._session.run(wanted, {"input_ids": ids, "attention_mask": mask})
        out = []
        for row, e in enumerate(encoded):
            used = int(mask[row].sum())
            offsets = np.array(e.offsets[:used], dtype=np.int64).reshape(-1, 2)
            out.append((offsets, {layer: states[k][row][:used] for k, layer in enumerate(layers)}))
        return out


class TorchTokenEncoder(TokenEncoder):
    """Any Hugging Face encoder folder or name, in torch; blocks above `layer` are dropped (wasted work)."""

    runtime = "torch"

    def __init__(self, model_dir: str | Path, layer: int, device: str = "cpu", max_length: int = 512) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        self._torch = torch
        self._tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
        self._model = AutoModel.from_pretrained(str(model_dir)).to(device).eval()
        self._device = device
        self._max_length = max_length
        n_layers = int(self._model.config.num_hidden_layers)
        if not 0 <= layer <= n_layers:
            raise ValueError(f"layer {layer} out of range 0..{n_layers}")
        # Drop the blocks before the first forward pass (transformers attaches its hidden-state hooks then).
        blocks = getattr(getattr(self._model, "encoder", None), "layer", None)
        if blocks is not None and layer < len(blocks):
            self._model.encoder.layer = blocks[: max(layer, 1)]
        self.available_layers = len(self._model.encoder.layer) if blocks is not None else n_layers
        probe = self._tokenizer(["a b", "a b  "], return_offsets_mapping=True)
        self.drops_trailing_space = self._probe_trailing_space(
            [(probe["input_ids"][k], probe["offset_mapping"][k]) for k in (0, 1)]
        )

    def run(self, texts: Sequence[str], layers: Sequence[int]) -> list[TokenStates]:
        enc = self._tokenizer(
            list(texts),
            return_offsets_mapping=True,
            padding=True,
            truncation=True,
            max_length=self._max_length,
            return_tensors="pt",
        )
        offsets = enc.pop("offset_mapping").numpy()
        lengths = enc["attention_mask"].sum(dim=1).tolist()
        with self._torch.inference_mode():
            hidden = self._model(**enc.to(self._device), output_hidden_states=True).hidden_states
        states = {layer: hidden[layer].float().cpu().numpy() for layer in layers}
        return [
            (offsets[row][: int(used)], {layer: states[layer][row][: int(used)] for layer in layers})
            for row, used in enumerate(lengths)
        ]


class UseTokenEncoder(TokenEncoder):
    """use-m3's own token states (the CNN's, which its sentence vector sums): word evidence at a fraction of e5's
    cost, with the sentence encoder's session when one is given. It has one layer of states, whatever is asked.

    The graph gives token ids but no character offsets; SentencePiece, with the model the graph tokenizes with,
    gives the same pieces with their offsets (checked: same ids on XL-WA dev); where they differ, the tokens
    share the text's span evenly."""

    runtime = "onnxruntime"
    available_layers = 12  # any layer the word aligner asks for: the states are the same

    def __init__(self, encoder: UseOnnxEncoder | None = None) -> None:
        import sentencepiece

        from align.encoders.use_onnx import UseOnnxEncoder

        self._encoder = encoder or UseOnnxEncoder()
        self.languages = frozenset(self._encoder.info.languages or ())
        self._pieces = sentencepiece.SentencePieceProcessor(model_proto=self._encoder.tokenizer_model())
        # The states the sentence pass computed, most of a check's beads being one sentence a side: kept up to a
        # budget of tokens (2 kB each), oldest dropped first. The same graph on the same text gives the same states.
        self._seen: RecentStates[np.ndarray] = RecentStates(_SEEN_TOKENS)
        self._encoder.token_states_seen = self._keep
        (_, ids_a), (_, ids_b) = self._encoder.token_states(["a b", "a b  "])
        self.drops_trailing_space = ids_a.tolist() == ids_b.tolist()

    def _key(self, text: str) -> str:
        """Presplit lines keep their trailing spaces in a bead's text, not in the sentence's."""
        return text.rstrip() if self.drops_trailing_space else text

    def _keep(self, text: str, states: np.ndarray) -> None:
        self._seen.put(self._key(text), states, len(states))

    def run(self, texts: Sequence[str], layers: Sequence[int]) -> list[TokenStates]:
        from align.encoders.use_onnx import MAX_CHARS

        found = [self._seen.get(self._key(text)) for text in texts]
        missing = [k for k, states in enumerate(found) if states is None]
        if missing:
            computed = self._encoder.token_states([texts[k] for k in missing])
            for k, (states, _ids) in zip(missing, computed, strict=True):
                found[k] = states
        out = []
        for text, states in zip(texts, found, strict=True):
            assert states is not None
            text = text[:MAX_CHARS]
            pieces = self._pieces.encode(text, return_type="proto").pieces
            # SentencePiece counts UTF-8 bytes; the word aligner, characters.
            char_at_byte = np.repeat(np.arange(len(text) + 1), [len(c.encode()) for c in text] + [1])
            spans = [(char_at_byte[p.begin], char_at_byte[p.end]) for p in pieces]
            offsets = np.array([(0, 0), *spans, (0, 0)], dtype=np.int64)
            if len(offsets) != len(states):
                bounds = np.linspace(0, len(text), len(states) - 1).round().astype(np.int64)
                offsets = np.array([(0, 0), *zip(bounds[:-1], bounds[1:], strict=True), (0, 0)], dtype=np.int64)
            out.append((offsets, {layer: states for layer in layers}))
        return out


def embedded_token_encoder(
    layer: int, max_length: int = 512, status: Callable[[str], None] | None = None
) -> OnnxTokenEncoder:
    """e5-small's first `layer` blocks in ONNX Runtime, converted and exported on first use."""
    from align.encoders.e5_convert import ModelConversionError, ensure_e5_model
    from align.encoders.e5_onnx import e5_onnx_path
    from align.errors import AlignError

    try:
        onnx_path = e5_onnx_path(layer, status)
    except ModelConversionError as exc:
        raise AlignError(f"e5-small: {exc}") from None
    return OnnxTokenEncoder(onnx_path, ensure_e5_model() / "tokenizer.json", layer, max_length)
