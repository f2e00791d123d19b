"""Word alignment from contextual token embeddings, SimAlign-style (Jalili Sabet et al. 2020).

Why: an omission check needs word-level evidence ("this Spanish word has no English counterpart"). A
multilingual encoder already places translations near each other inside a middle layer, so without any
parallel training data we can: embed each sentence on its own, average a word's subword vectors, take the
cosine similarity of every source/target word pair, and read links off that matrix with one of three
extraction rules from the paper:

* ``argmax``: keep (i, j) when j is i's most similar target word and i is j's most similar source word.
  High precision; words left without a link are the natural "unaligned" signal.
* ``itermax``: argmax, then repeat argmax on the words still unaligned (pairs with one side already
  aligned are discounted, pairs with both sides aligned are masked) to recover 1-n links.
* ``match``: the maximum-weight bipartite matching (Hungarian algorithm); one-to-one and high recall,
  but every word of the shorter side gets a link.

The default layer, method and prefix were chosen on the XL-WA en-es dev set (``bench/word_alignment.py``).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import regex

from align.encoders.base import Encoder, require_language
from align.encoders.token_states import (
    RecentStates,
    TokenEncoder,
    TorchTokenEncoder,
    UseTokenEncoder,
    embedded_token_encoder,
)
from align.errors import AlignError
from align.text.placeholders import Placeholder, find_placeholders
from align.text.word_segmentation import (
    HAN_MULTIPLIERS,
    SEGMENTED_LANGUAGES,
    alternation,
    has_unspaced_letters,
    needs_segmenting,
    script_language,
    segment,
)

__all__ = [
    "DEFAULT_LAYER",
    "DEFAULT_METHOD",
    "DEFAULT_PREFIX",
    "DEFAULT_WORD_MODEL",
    "METHODS",
    "UNSPACED_LANGUAGES",
    "Word",
    "WordAligner",
    "WordAlignment",
    "extract_links",
    "shared_word_aligner",
    "split_words",
    "WORD_MODELS",
]

# Chosen on XL-WA en-es dev (bench/word_alignment.py --tune); hidden_states[layer], 0 = embeddings.
# Layer 7 of 12 was best for every method; argmax beat itermax by ~2.5 AER points and match by ~1.7
# (itermax's extra links cost more precision than they add recall), and its precision is what keeps
# "unaligned" meaningful for omission checks.
DEFAULT_LAYER = 7
# Whose token states the words are compared in: e5-small's middle layer (the default), or use-m3's CNN states
# (the sentence encoder's own: several times faster, fewer omissions found; README, check figures).
WORD_MODELS = ("e5-small", "use-m3")
DEFAULT_WORD_MODEL = "e5-small"
# SimAlign's position prior, per word model, chosen on XL-WA dev: e5's middle layer does not need it (it helped only
# the weak low and top layers; omission recall / false flags after a refit: .774 / .219 without, .769 / .229 at 1,
# .788 / .248 at 3). use-m3's states see four tokens either side: the prior takes their dev AER from 22.1 to 18.7-19.0
# (1 to 3), and omission recall / false flags after a refit from .702 / .229 at 1 to .736 / .210 at 3 (0.5: .712 /
# .219, 2: .726 / .210, 5: .716 / .219). The cost: a truncated tail links to the target's last words more often, so
# it is flagged as an omission rather than a truncation (dev: truncation named .900 -> .828, flagged 1.000 both).
DEFAULT_DISTORTION = {"e5-small": 0.0, "use-m3": 3.0}
# Links drawn between word vectors centred on their sentence's mean: what every word of a sentence shares (its
# language, its topic) says nothing about which word renders which. Per word model, chosen on XL-WA dev: e5 AER
# 13.3 -> 12.9 (test 14.8 -> 13.8, WPT en-fr 6.0 -> 5.8, ro-en 30.6 -> 29.2); use-m3's states, which see only four
# tokens either side, 19.0 -> 20.7, so not there. The similarity a WordAlignment keeps (what the omission model
# reads) stays the plain cosine: refitted on centred cosines the dev omission curve was no better than before, on
# plain ones with centred links it rose at every threshold (docs/benchmarks.md, check figures).
DEFAULT_CENTRED = {"e5-small": True, "use-m3": False}
# Hub correction (CSLS, as in cross-lingual word retrieval): each similarity less `weight` x the mean of the two words'
# HUB_NEIGHBOURS best similarities, so a word close to everything (a hub) does not take every link. Per word model,
# chosen on XL-WA dev: use-m3's states AER 19.0 -> 17.8 (test 19.4 -> 18.5, WPT ro-en 53.9 -> 52.1, en-fr 11.9 ->
# 12.4), omission recall at matched false flags up to .05 higher on dev and test; e5's centred links 12.9 -> 12.4,
# but with them the seed story's "alto" of "alto el fuego" came back as a false flag and fewer dropped names were
# found, so not there (docs/benchmarks.md, word alignment).
DEFAULT_HUB_WEIGHT = {"e5-small": 0.0, "use-m3": 1.0}
HUB_NEIGHBOURS = 3
DEFAULT_METHOD = "argmax"
# e5 was trained on "query: " / "passage: " inputs. On dev the prefix changed AER by 0.1 point (noise);
# we keep it so the encoder sees the input distribution it was trained on.
DEFAULT_PREFIX = "passage: "
METHODS = ("argmax", "itermax", "match", "softmax")
# softmax (awesome-align's extraction): a link where the product of the row and column softmax of the similarities,
# at this temperature, passes this threshold; a word may take several partners. Temperature and threshold chosen on
# XL-WA dev (AER 12.3 against argmax's 12.9, flat over 0.03-0.07 and 0.15-0.3); not the default: the omission model
# refitted on its links found fewer dropped words at the same false-flag rate (docs/benchmarks.md, word alignment).
SOFTMAX_TEMPERATURE = 0.05
SOFTMAX_THRESHOLD = 0.2
# Token states kept for texts seen lately (see WordAligner._token_states): 100k tokens, about 150 MB.
_RECENT_TOKENS = 100_000

# Decimal / thousands numbers (3,2  73.000  1,234.5) stay whole, then dotted abbreviations (EE.UU.  U.S.  e.g.,
# which a translation renders as one word: "US"), then words with internal apostrophes or hyphens (don't, l'homme,
# cherry-pick), then any other single non-space character (punctuation, symbols). In the `regex` module a word
# character includes combining marks: with `re`, Hindi "बनवाया" was three words at its vowel signs, and a decomposed
# "pre\u0301s" two (omission gaps fell inside a letter, and false omissions followed).
_WORD_RE = regex.compile(
    r"\d+(?:[.,]\d+)+|(?:[^\W\d_]{1,3}\.){2,}|[^\W\d_]{1,3}(?:\.[^\W\d_]{1,3})+|\w+(?:['’\-]\w+)*|\S"
)
# The same for text written without spaces, where numbers sit against their words ("有7.3万名", "50か国"): a number,
# with its Chinese/Japanese multiplier (万, 亿), is a word of its own, and a run of letters stops at a digit.
_UNSPACED_NUMBER = regex.compile(rf"\d+(?:[.,]\d+)*(?:{alternation(HAN_MULTIPLIERS)})?")
_UNSPACED_WORD_RE = regex.compile(
    _UNSPACED_NUMBER.pattern + r"|(?:[^\W\d_]{1,3}\.){2,}|[^\W\d_]{1,3}(?:\.[^\W\d_]{1,3})+"
    r"|(?:(?!\d)\w)+(?:['’\-]\w+)*|\S"
)


# Written without spaces between words: split_words finds clauses there, not words, so a word-by-word reading of
# links (how many of a sentence's words have a partner) does not apply.
UNSPACED_LANGUAGES = frozenset({"zh", "ja", "th", "lo", "km", "my", "bo"})


@dataclass(frozen=True)
class Word:
    """A token of the sentence with its character span, so links can be shown in the original text."""

    text: str
    start: int
    end: int


@dataclass
class WordAlignment:
    """Links between the words of one sentence pair, plus the similarity matrix they were read from."""

    source: list[Word]
    target: list[Word]
    links: list[tuple[int, int]]
    similarity: np.ndarray = field(repr=False)
    # The target words' contextual vectors: a cut shows where two words meet that the text never put together.
    target_vectors: np.ndarray | None = field(default=None, repr=False)
    # The links `similarity` itself gives, where `links` were drawn from centred or hub-corrected ones (None: the same).
    cosine_links: list[tuple[int, int]] | None = field(default=None, repr=False)
    # Words past what the encoder reads (max_length subwords) were left out, on either side.
    cut: bool = False

    def plain_links(self) -> list[tuple[int, int]]:
        """Links read off the plain cosines, for the detectors that ask whether a stretch has any counterpart at all
        (truncation, sentences without one inside a joined bead). Centring links more of the words a translation
        lacks to some word it has ("órganos" / "blood" in a sentence cut after "blood"): right for telling dropped
        words from rendered ones, not for those (XL-WA test: truncations named .900 against .933; damaged documents:
        dropped sentences found .755 against .802)."""
        return self.links if self.cosine_links is None else self.cosine_links

    def unaligned_source(self) -> list[int]:
        """Source word indices with no link: candidate omissions in the translation."""
        linked = {i for i, _ in self.links}
        return [i for i in range(len(self.source)) if i not in linked]

    def unaligned_target(self) -> list[int]:
        """Target word indices with no link: candidate additions in the translation."""
        linked = {j for _, j in self.links}
        return [j for j in range(len(self.target)) if j not in linked]


def words_within(side: list[Word], span: tuple[int, int]) -> set[int]:
    """Indexes of the words of one side that overlap a span (offsets in the bead's text)."""
    return {k for k, w in enumerate(side) if w.start < span[1] and span[0] < w.end}


def split_words(text: str, lang: str | None = None) -> list[Word]:
    """Words and punctuation as separate tokens with their offsets (no re-tokenisation of numbers like 73.000).
    Chinese, Japanese and Thai runs are split into words too: in text of that language, and wherever else they
    appear (a Chinese phrase left in an English translation is words the source has, not one long token). A
    software string's placeholders and tags ("%s", "{name}", "<b>") are no words (the placeholder check reads
    them)."""
    words = _words_and_placeholders(text, lang)
    placeholders = find_placeholders(text)
    if not placeholders:
        return words
    starts = [p.start for p in placeholders]
    return [w for w in words if not _inside(w, placeholders, starts)]


def _inside(word: Word, placeholders: list[Placeholder], starts: list[int]) -> bool:
    k = bisect.bisect_right(starts, word.start) - 1
    return k >= 0 and word.start < placeholders[k].end


def _words_and_placeholders(text: str, lang: str | None) -> list[Word]:
    segmented = lang in SEGMENTED_LANGUAGES
    if not segmented and not has_unspaced_letters(text):
        return [Word(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(text)]
    out: list[Word] = []
    for match in (_UNSPACED_WORD_RE if segmented else _WORD_RE).finditer(text):
        word = Word(match.group(), match.start(), match.end())
        script = lang if segmented else script_language(word.text)
        whole = _UNSPACED_NUMBER.fullmatch(word.text) or (script == "th" and "." in word.text)
        if script is None or whole or not needs_segmenting(word.text, script):
            out.append(word)  # 7.3万 and abbreviations (Thai "มี.ค.", March) stay whole
            continue
        out.extend(Word(word.text[a:b], word.start + a, word.start + b) for a, b in segment(word.text, script))
    return out


def _words_from_list(words: Sequence[str]) -> tuple[str, list[Word]]:
    """Join pre-tokenised words with single spaces, keeping each word's offsets into the joined string."""
    out: list[Word] = []
    pos = 0
    for w in words:
        out.append(Word(w, pos, pos + len(w)))
        pos += len(w) + 1
    return " ".join(words), out


# ------------------------------------------------------------------------------------------ link extraction


def _mutual_argmax(sim: np.ndarray) -> np.ndarray:
    """Boolean matrix of pairs that are each other's best match (the paper's Argmax)."""
    best_tgt = sim.argmax(axis=1)
    best_src = sim.argmax(axis=0)
    out = np.zeros(sim.shape, dtype=bool)
    rows = np.arange(sim.shape[0])
    keep = best_src[best_tgt] == rows
    out[rows[keep], best_tgt[keep]] = True
    return out


def _itermax(sim: np.ndarray, iterations: int = 2, discount: float = 0.9) -> np.ndarray:
    """Argmax, then further argmax rounds over what is left, so a word can gain a second partner."""
    links = _mutual_argmax(sim)
    for _ in range(iterations - 1):
        src_done = links.any(axis=1)[:, None]
        tgt_done = links.any(axis=0)[None, :]
        weight = np.where(src_done & tgt_done, 0.0, np.where(src_done | tgt_done, discount, 1.0))
        # Shift to non-negative so masking by 0 really ranks a masked pair last.
        masked = (sim - sim.min() + 1e-6) * weight
        new = _mutual_argmax(masked) & (weight > 0)
        if not (new & ~links).any():
            break
        links |= new
    return links


def _match(sim: np.ndarray) -> np.ndarray:
    """Maximum-weight matching: the one-to-one link set with the largest total similarity."""
    from scipy.optimize import linear_sum_assignment

    rows, cols = linear_sum_assignment(sim, maximize=True)
    out = np.zeros(sim.shape, dtype=bool)
    out[rows, cols] = True
    return out


def _softmax_links(sim: np.ndarray) -> np.ndarray:
    """Both ways' softmax over the similarities; a link where their product passes SOFTMAX_THRESHOLD."""
    rows = np.exp((sim - sim.max(axis=1, keepdims=True)) / SOFTMAX_TEMPERATURE)
    cols = np.exp((sim - sim.max(axis=0, keepdims=True)) / SOFTMAX_TEMPERATURE)
    product = (rows / rows.sum(axis=1, keepdims=True)) * (cols / cols.sum(axis=0, keepdims=True))
    return product > SOFTMAX_THRESHOLD


def _distort(sim: np.ndarray, weight: float) -> np.ndarray:
    """Penalise links far from the diagonal by relative position: translations roughly keep word order."""
    if weight <= 0:
        return sim
    n, m = sim.shape
    rel_i = (np.arange(n) + 0.5) / n
    rel_j = (np.arange(m) + 0.5) / m
    return sim - weight * (rel_i[:, None] - rel_j[None, :]) ** 2


def extract_links(
    sim: np.ndarray, method: str = DEFAULT_METHOD, distortion: float = 0.0, iterations: int = 2
) -> list[tuple[int, int]]:
    """Sorted (source, target) links read off a similarity matrix with one of METHODS."""
    if sim.size == 0:
        return []
    scored = _distort(sim, distortion)
    if method == "argmax":
        mask = _mutual_argmax(scored)
    elif method == "itermax":
        mask = _itermax(scored, iterations=iterations)
    elif method == "match":
        mask = _match(scored)
    elif method == "softmax":
        mask = _softmax_links(scored)
    else:
        raise ValueError(f"unknown method {method!r}; expected one of {', '.join(METHODS)}")
    return [(int(i), int(j)) for i, j in zip(*np.nonzero(mask), strict=True)]


# ------------------------------------------------------------------------------------------------ the aligner


_shared: list[WordAligner] = []


def shared_word_aligner(progress: Callable[[str], None] | None = None) -> WordAligner:
    """The default word aligner, loaded once per process (sentence alignment and checks share it)."""
    if not _shared:
        if progress is not None:
            progress("loading e5-small for word evidence")
        _shared.append(WordAligner(status=progress))
    return _shared[0]


class WordAligner:
    """Loads the encoder once; aligns single pairs or batches of pairs.

    ``prefix`` is prepended before encoding and its tokens are left out of the word vectors. ``distortion``
    (SimAlign's position prior, weight of the squared relative-position gap) defaults to the word model's
    (DEFAULT_DISTORTION), and so do ``centred`` (links between word vectors centred on their sentence's mean,
    DEFAULT_CENTRED) and ``hub_weight`` (CSLS hub correction of the similarities links are read from,
    DEFAULT_HUB_WEIGHT). ``model`` use-m3 reads the CNN states of the sentence encoder's session when given one.
    """

    def __init__(
        self,
        model_dir: str | Path | None = None,
        model: str = DEFAULT_WORD_MODEL,
        layer: int = DEFAULT_LAYER,
        method: str = DEFAULT_METHOD,
        device: str = "cpu",
        prefix: str = DEFAULT_PREFIX,
        distortion: float | None = None,
        centred: bool | None = None,
        hub_weight: float | None = None,
        max_length: int = 512,
        status: Callable[[str], None] | None = None,
        sentence_encoder: Encoder | None = None,
    ) -> None:
        if method not in METHODS:
            raise ValueError(f"unknown method {method!r}; expected one of {', '.join(METHODS)}")
        if model not in WORD_MODELS:
            raise AlignError(f"unknown word model {model!r}; expected one of {', '.join(WORD_MODELS)}")
        self.model = model
        self.encoder: TokenEncoder
        if model == "use-m3":
            from align.encoders.use_onnx import UseOnnxEncoder

            # The sentence encoder's own session when it is use-m3 (cached or not), else a second one.
            inner = getattr(sentence_encoder, "inner", sentence_encoder)
            self.encoder = UseTokenEncoder(inner if isinstance(inner, UseOnnxEncoder) else None)
            prefix = ""
        elif model_dir is None and device == "cpu":
            if not 0 <= layer <= 12:
                raise ValueError(f"layer {layer} out of range 0..12")
            self.encoder = embedded_token_encoder(layer, max_length, status)
        else:
            if model_dir is None:
                from align.encoders.e5_convert import ensure_e5_model

                model_dir = ensure_e5_model(status)
            self.encoder = TorchTokenEncoder(model_dir, layer, device, max_length)
        self.available_layers = self.encoder.available_layers
        self.layer = layer
        self.method = method
        self.device = device
        self.prefix = prefix
        self.distortion = DEFAULT_DISTORTION[model] if distortion is None else distortion
        self.centred = DEFAULT_CENTRED[model] if centred is None else centred
        self.hub_weight = DEFAULT_HUB_WEIGHT[model] if hub_weight is None else hub_weight
        self.max_length = max_length
        self._recent: RecentStates[tuple[np.ndarray, np.ndarray]] = RecentStates(_RECENT_TOKENS)  # offsets, states

    # -------------------------------------------------------------------------------------------- public API

    def check_language(self, lang: str, name: str) -> None:
        require_language(lang, name, self.encoder.languages, f"word model {self.model}", "--word-model")

    def signature(self) -> dict[str, object]:
        """What changes its links (use-m3 has one layer of states and no prefix)."""
        chosen = ("method", "distortion", "centred", "hub_weight")
        if self.model == "e5-small":
            chosen = ("layer", "prefix", *chosen)
        # ONNX Runtime and torch agree to about 5e-6 per component: enough to tip a rare near tie.
        return {"model": self.model, **{name: getattr(self, name) for name in chosen}, "runtime": self.encoder.runtime}

    @property
    def links_plain_cosines(self) -> bool:
        """Whether links are read off the plain cosines (neither centred nor hub-corrected)."""
        return not self.centred and self.hub_weight <= 0

    def linking_similarity(self, src_vecs: np.ndarray, tgt_vecs: np.ndarray) -> np.ndarray:
        """The similarities links are read from: cosines of the word vectors, centred on their sentence's mean and
        hub-corrected where the word model does either (DEFAULT_CENTRED, DEFAULT_HUB_WEIGHT)."""
        if self.centred:
            src_vecs, tgt_vecs = centred_vectors(src_vecs), centred_vectors(tgt_vecs)
        sim = similarity(src_vecs, tgt_vecs)
        return hub_corrected(sim, self.hub_weight) if self.hub_weight > 0 else sim

    def align(self, source: str, target: str) -> WordAlignment:
        """Align two raw sentences; words come from split_words and keep offsets into the given strings."""
        return self.align_many([(source, target)], batch_size=2)[0]

    def align_words(self, source_words: list[str], target_words: list[str]) -> WordAlignment:
        """Align pre-tokenised sentences (gold benchmarks); offsets refer to " ".join(words)."""
        src_text, src = _words_from_list(source_words)
        tgt_text, tgt = _words_from_list(target_words)
        vecs = self.word_vectors([src_text, tgt_text], [src, tgt], layers=(self.layer,))
        return self._finish(src, tgt, vecs[0][self.layer], vecs[1][self.layer])

    def align_many(
        self,
        pairs: list[tuple[str, str]],
        batch_size: int = 16,
        langs: tuple[str | None, str | None] = (None, None),
    ) -> list[WordAlignment]:
        """Align many raw sentence pairs with batched forward passes (sentences sorted by length); `langs`, the
        source and target languages, tell split_words where to segment words written without spaces."""
        texts = [t for pair in pairs for t in pair]
        words = [split_words(t, langs[k % 2]) for k, t in enumerate(texts)]
        vecs = self.word_vectors(texts, words, layers=(self.layer,), batch_size=batch_size)
        return [
            self._finish(words[2 * k], words[2 * k + 1], vecs[2 * k][self.layer], vecs[2 * k + 1][self.layer])
            for k in range(len(pairs))
        ]

    def align_many_words(
        self, pairs: Sequence[tuple[Sequence[str], Sequence[str]]], batch_size: int = 16
    ) -> list[WordAlignment]:
        """Batched align_words, for benchmarks on pre-tokenised gold sets."""
        joined = [_words_from_list(side) for pair in pairs for side in pair]
        vecs = self.word_vectors([t for t, _ in joined], [w for _, w in joined], (self.layer,), batch_size)
        return [
            self._finish(joined[2 * k][1], joined[2 * k + 1][1], vecs[2 * k][self.layer], vecs[2 * k + 1][self.layer])
            for k in range(len(pairs))
        ]

    # ------------------------------------------------------------------------------------------------ internals

    def _finish(self, src: list[Word], tgt: list[Word], src_vecs: np.ndarray, tgt_vecs: np.ndarray) -> WordAlignment:
        # Words past the encoder's max_length have no subword vector: the encoder saw nothing of them, so they are
        # left out (not reported unlinked), and a sentence of a hundred thousand words costs no matrix of that size.
        kept_src, src_vecs = _seen(src, src_vecs)
        kept_tgt, tgt_vecs = _seen(tgt, tgt_vecs)
        # Cut by max_length: words with letters or digits left out (a trailing mark with no subword of its own, a
        # right-to-left mark or a zero-width space, is no cut).
        cut = any(_has_word(w.text, 0, len(w.text)) for w in src[len(kept_src) :] + tgt[len(kept_tgt) :])
        src, tgt = kept_src, kept_tgt
        sim = similarity(src_vecs, tgt_vecs)
        # A word whose subwords all fell on special tokens has a zero row too; never link it.
        dead_src = ~src_vecs.any(axis=1)
        dead_tgt = ~tgt_vecs.any(axis=1)

        def links_of(matrix: np.ndarray) -> list[tuple[int, int]]:
            links = extract_links(matrix, self.method, self.distortion)
            return [(i, j) for i, j in links if not dead_src[i] and not dead_tgt[j]]

        if self.links_plain_cosines:
            return WordAlignment(src, tgt, links_of(sim), sim, tgt_vecs, cut=cut)
        linking = self.linking_similarity(src_vecs, tgt_vecs)
        return WordAlignment(src, tgt, links_of(linking), sim, tgt_vecs, links_of(sim), cut)

    def word_vectors(
        self,
        texts: Sequence[str],
        words: Sequence[Sequence[Word]],
        layers: Sequence[int],
        batch_size: int = 16,
    ) -> list[dict[int, np.ndarray]]:
        """Per text and layer, a (len(words), hidden) array: the mean of each word's subword vectors.

        Layers above the aligner's own ``layer`` are not computed (build one with layer=12 to scan all).

        Each text is encoded on its own (as SimAlign does), with the prefix prepended; subwords are
        assigned to words by character overlap, so a piece spanning two words (like "».") feeds both.
        """
        if max(layers) > self.available_layers:
            raise ValueError(f"layer {max(layers)} not computed: this aligner keeps {self.available_layers} layers")
        out: list[dict[int, np.ndarray]] = [{} for _ in texts]
        for k, offsets, states in self._token_states(texts, layers, batch_size):
            assign = _token_word_matrix(offsets, words[k], len(self.prefix))
            counts = assign.sum(axis=0)
            for layer in layers:
                out[k][layer] = (assign.T @ states[layer]) / np.maximum(counts, 1)[:, None]
        return out

    def token_vectors(self, texts: Sequence[str], batch_size: int = 16) -> list[np.ndarray]:
        """Per text, its subword vectors at the aligner's layer, unit length, punctuation left out.

        Subwords rather than words: a script written without spaces (Chinese) would otherwise be one "word" per
        clause. A text with no such token gets one zero row."""
        out: list[np.ndarray] = [np.zeros((1, 1), dtype=np.float32)] * len(texts)
        shift = len(self.prefix)
        for k, offsets, states in self._token_states(texts, (self.layer,), batch_size, remember=True):
            keep = [t for t, (a, b) in enumerate(offsets) if b > a and _has_word(texts[k], a - shift, b - shift)]
            vectors = states[self.layer][keep] if keep else np.zeros((1, states[self.layer].shape[1]))
            norms = np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
            out[k] = (vectors / norms).astype(np.float32)
        return out

    def _token_states(
        self, texts: Sequence[str], layers: Sequence[int], batch_size: int, remember: bool = False
    ) -> Iterator[tuple[int, np.ndarray, dict[int, np.ndarray]]]:
        """(text index, token character offsets, {layer: token states}) for every text, in batches of similar
        length; the offsets include the prefix, and padding is cut off.

        With `remember`, states of the aligner's own layer are kept for a while (token_vectors: the sentences whose
        bead boundaries were settled by word evidence come back, alone, as most of the 1-1 beads whose words a check
        aligns); every call of the aligner's own layer looks them up."""
        kept = tuple(layers) == (self.layer,)
        todo = []
        for k, text in enumerate(texts):
            hit = self._recent.get(self._key(text)) if kept else None
            if hit is None:
                todo.append(k)
            else:
                yield k, hit[0], {self.layer: hit[1]}
        order = sorted(todo, key=lambda k: len(texts[k]))
        for b in range(0, len(order), batch_size):
            batch = order[b : b + batch_size]
            found = self.encoder.run([self.prefix + texts[k] for k in batch], layers)
            for k, (offsets, states) in zip(batch, found, strict=True):
                if remember and kept:
                    # A copy, so the kept rows do not hold the whole batch's arrays.
                    kept_states = states[self.layer].copy()
                    self._recent.put(self._key(texts[k]), (offsets.copy(), kept_states), len(kept_states))
                yield k, offsets, states

    def _key(self, text: str) -> str:
        """A sentence's own text and its span in the file differ by trailing spaces, which this tokenizer drops."""
        return text.rstrip() if self.encoder.drops_trailing_space else text


def _seen(words: list[Word], vectors: np.ndarray) -> tuple[list[Word], np.ndarray]:
    """The words up to the last one the encoder gave a vector (those after it were cut by max_length)."""
    live = np.flatnonzero(vectors.any(axis=1))
    stop = int(live[-1]) + 1 if len(live) else 0
    return (words, vectors) if stop == len(words) else (words[:stop], vectors[:stop])


def _has_word(text: str, start: int, end: int) -> bool:
    """Whether the text's characters [start, end) hold a letter or digit (a token, not punctuation)."""
    return end > 0 and any(c.isalnum() for c in text[max(start, 0) : end])


def centred_vectors(vectors: np.ndarray) -> np.ndarray:
    """The word vectors less n / (n + 1) of their mean over the sentence's n words with a vector: a one-word
    sentence keeps its direction, a long one loses about all its mean (DEFAULT_CENTRED says why)."""
    live = vectors.any(axis=1)
    n = int(live.sum())
    if n == 0:
        return vectors
    shift = vectors[live].mean(axis=0) * (n / (n + 1))
    return np.where(live[:, None], vectors - shift, vectors)


def hub_corrected(sim: np.ndarray, weight: float) -> np.ndarray:
    """CSLS: each similarity less `weight` x the mean of its source word's and its target word's average similarity
    to their HUB_NEIGHBOURS nearest words on the other side (DEFAULT_HUB_WEIGHT says why)."""
    if sim.size == 0:
        return sim
    to_targets = np.sort(sim, axis=1)[:, -min(HUB_NEIGHBOURS, sim.shape[1]) :].mean(axis=1, keepdims=True)
    to_sources = np.sort(sim, axis=0)[-min(HUB_NEIGHBOURS, sim.shape[0]) :, :].mean(axis=0, keepdims=True)
    return sim - weight * (to_targets + to_sources) / 2


def similarity(src_vecs: np.ndarray, tgt_vecs: np.ndarray) -> np.ndarray:
    """Cosine similarity of every source/target word vector pair (zero rows give 0)."""
    a = src_vecs / np.maximum(np.linalg.norm(src_vecs, axis=1, keepdims=True), 1e-12)
    b = tgt_vecs / np.maximum(np.linalg.norm(tgt_vecs, axis=1, keepdims=True), 1e-12)
    return (a @ b.T).astype(np.float32)


def _token_word_matrix(offsets: np.ndarray, words: Sequence[Word], shift: int) -> np.ndarray:
    """(tokens, words) 0/1 matrix: token t overlaps word w in characters (specials and prefix excluded)."""
    starts = [w.start for w in words]
    out = np.zeros((len(offsets), len(words)), dtype=np.float32)
    for t, (a, b) in enumerate(offsets):
        a, b = int(a) - shift, int(b) - shift
        if b <= a or b <= 0:
            continue
        w = max(bisect.bisect_right(starts, a) - 1, 0)
        while w < len(words) and words[w].start < b:
            if words[w].end > a:
                out[t, w] = 1.0
            w += 1
    return out
