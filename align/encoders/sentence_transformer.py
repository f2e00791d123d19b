"""Any sentence-transformers model, by hub name or folder; the embedded e5 default is one of these once converted."""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np

from align.encoders.base import Encoder, EncoderInfo, Progress, length_sorted_batches, normalise_rows
from align.errors import AlignError

# The CC-100 languages XLM-R (and so multilingual-e5) was trained on, as ISO 639-1 codes.
XLMR_LANGUAGES = frozenset(
    "af am ar as az be bg bn br bs ca cs cy da de el en eo es et eu fa fi fr fy ga gd gl gu ha he hi hr "
    "hu hy id is it ja jv ka kk km kn ko ku ky la lo lt lv mg mk ml mn mr ms my nb ne nl nn no om or pa "
    "pl ps pt ro ru sa sd si sk sl so sq sr su sv sw ta te th tl tr ug uk ur uz vi xh yi zh ".split()
)
_BATCH = 32


class SentenceTransformerEncoder(Encoder):
    def __init__(
        self,
        model: str,
        name: str | None = None,
        prompt: str = "",
        languages: frozenset[str] | None = None,
        licence: str = "see model card",
        max_seq_length: int = 256,
    ) -> None:
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(os.cpu_count() or 1)
        try:
            self._model = _load(model, SentenceTransformer)
        except AlignError:
            raise
        except Exception as exc:  # hub errors, missing folders and bad configs all come here
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise AlignError(
                f"model {model}: cannot load it ({first_line}); give a local folder or a name available offline"
            ) from None
        self._model.max_seq_length = min(max_seq_length, self._model.max_seq_length or max_seq_length)
        self._prompt = prompt
        dim = self._model.get_embedding_dimension() or 0
        self.info = EncoderInfo(name=name or model, dim=dim, languages=languages, licence=licence, description=model)

    @property
    def model(self):  # type: ignore[no-untyped-def]
        """The underlying SentenceTransformer, for token-level features in later stages."""
        return self._model

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        import torch

        out = np.zeros((len(texts), self.info.dim), dtype=np.float32)
        with torch.inference_mode():
            for batch in length_sorted_batches(texts, _BATCH):
                chunk = [self._prompt + (texts[i] or " ") for i in batch]
                out[batch] = self._model.encode(chunk, batch_size=len(chunk), convert_to_numpy=True)
                if progress:
                    progress(len(batch))
        return normalise_rows(out)


def _load(model: str, loader):  # type: ignore[no-untyped-def]
    """A folder or a hub name already in the local cache loads without the network; any other name needs the hub,
    whose client retries an unreachable host for over a minute, so reachability is asked first, briefly."""
    folder = os.path.expanduser(model)
    if os.path.exists(folder):
        return loader(folder, device="cpu")
    if os.path.isabs(folder) or model.startswith((".", "~")):
        raise AlignError(f"model {model}: no such folder")
    try:
        return loader(model, device="cpu", local_files_only=True)
    except Exception:  # not in the cache (or not complete there): the hub is the only place left
        pass
    from huggingface_hub import constants

    if constants.HF_HUB_OFFLINE:
        raise AlignError(f"model {model}: not a local folder nor in the Hugging Face cache, and HF_HUB_OFFLINE is set")
    if not _reachable(constants.ENDPOINT):
        raise AlignError(
            f"model {model}: not a local folder nor in the Hugging Face cache, and {constants.ENDPOINT} cannot be "
            "reached; give a local folder or a name available offline (align models lists them)"
        )
    return loader(model, device="cpu")


def _reachable(endpoint: str, timeout: float = 3.0) -> bool:
    """A direct connection to the hub; behind a proxy only the client itself can tell, so it is left to try."""
    import socket
    import urllib.request
    from urllib.parse import urlsplit

    if urllib.request.getproxies():
        return True
    parts = urlsplit(endpoint)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname or "", port), timeout=timeout):
            return True
    except OSError:
        return False
