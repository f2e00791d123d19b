"""Damage real parallel sentences and measure what `align check` finds: per kind recall, precision and the
false-flag rate on undamaged pairs.

    python bench/check_damage.py --split dev            # report on the dev split
    python bench/check_damage.py --split dev --fit      # refit models/omission_model.json and calibration.json
                                                        # (on the dev pairs in both directions, see xlwa-en)
    python bench/check_damage.py --split test           # the figures for the README

Data: XL-WA en-es (human word alignments), Spanish as the original and English as the translation, so the gold
links say exactly which Spanish words lose their counterpart when English words are cut.

    python bench/check_damage.py --corpus xlwa-en --split test --variants 1

The same XL-WA pairs the other way round: English original, Spanish translation damaged (its dev pairs join --fit).

    python bench/check_damage.py --corpus textberg --split test
    python bench/check_damage.py --split test --documents 30   # one case per pair, 30 pairs to a document

Text+Berg de-fr (German original, French translation; 1-1 beads of the gold sentence alignment, Alpine-club
yearbook prose). It has no word links, so damage is scored on the French side: an omission is found when a flag's
gap in the French sits where the words were cut; an untranslated span is a run of German words from the same
sentence pasted over French words. The models are fitted on XL-WA dev only.

    python bench/check_damage.py --corpus mac --split dev [--no-segmentation]

MAC zh-en (Chinese novels and their English translations; 1-1 beads, evaluation only, read from ../shared): the
English is damaged and scored as for Text+Berg; the Chinese original is split into words by the segmenter, or with
--no-segmentation at punctuation only.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from align.alignment.beads import Bead
from align.alignment.words import DEFAULT_WORD_MODEL, WORD_MODELS, WordAligner
from align.check import find_flags, load_translation_scorer
from align.detectors.base import Flag, TranslationScorer
from align.detectors.calibration import DetectorSettings, load_settings
from align.detectors.lexicon import MODELS_DIR
from align.detectors.logistic import LogisticModel
from align.detectors.word_evidence import FEATURES, word_features
from align.pipeline import SentenceAlignment
from align.text.document import Document, Sentence

ROOT = Path(__file__).resolve().parent.parent
DAMAGES = ("omission", "omission_name", "negation", "number", "untranslated", "truncation", "duplicate", "name")
EXPECTED_KIND = {
    "name": "name_mismatch",
    "omission": "omission",
    "omission_name": "omission",
    "negation": "omission",
    "number": "number_mismatch",
    "untranslated": "untranslated",
    "truncation": "truncation",
    "duplicate": "duplicate",
}
# Kinds whose calibration bench/check_documents.py fits (whole documents); --fit here keeps them.
DOCUMENT_KINDS = ("missing_sentence", "addition")
# The negations a `negation` damage drops, per translation language.
NEGATIONS = {
    "en": {"not", "no", "never", "n't", "without", "nothing", "none"},
    "es": {"no", "nunca", "jamás", "sin", "nada", "ninguno", "ninguna", "ningún", "tampoco"},
    "fr": {"pas", "jamais", "aucun", "sans"},
}

# The benchmark's own closed-class lists (models/lexicon.json's as of session 26): which words a damage may cut and
# which count as content words in the scores. Pinned, so that editing the detectors' lists changes what they flag,
# not which cases are drawn (a word added to a list redrew every case after it).
_CLOSED_CLASS = {
    table: {lang: frozenset(w.lower() for w in words) for lang, words in lists.items()}
    for table, lists in json.loads(
        (Path(__file__).resolve().parent / "damage" / "closed_class.json").read_text(encoding="utf-8")
    ).items()
    if table != "note"
}


@lru_cache(maxsize=262144)
def is_content_word(word: str, lang: str) -> bool:
    """The benchmark's own reading of a content word: as align.detectors.lexicon.is_content_word, on pinned lists."""
    if not any(ch.isalnum() for ch in word):
        return False
    lower = word.lower()
    if any(ch.isdigit() for ch in word) or lower in _CLOSED_CLASS["negations"].get(lang, ()):
        return True
    function_words = _CLOSED_CLASS["function_words"].get(lang)
    return len(word) > 3 if function_words is None else lower not in function_words


@dataclass
class Case:
    damage: str  # a DAMAGES entry or "clean"
    source: list[str]
    target: list[str]
    gold_side: str  # "source" or "target"
    gold_tokens: tuple[int, int] | None  # token range on gold_side, inclusive
    # Source tokens with no gold counterpart left in this target: the damage's plus the human translator's own
    # omissions (about a third of XL-WA pairs leave some Spanish content word unlinked).
    unlinked: frozenset[int] = frozenset()
    langs: tuple[str, str] = ("es", "en")
    # Omissions: index of the first target token after the cut, so a flag on the junction it leaves ("also in of
    # training": a garbled bigram) is credited too.
    target_cut: int | None = None


def read_xlwa(path: Path, reverse: bool = False) -> list[tuple[list[str], list[str], list[tuple[int, int]]]]:
    """(original, translation, original-translation links): Spanish and English, or with `reverse` English and
    Spanish (an English original whose Spanish translation is damaged)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        en, es, links = line.split("\t")
        pairs = [(int(a), int(b)) for a, b in (x.split("-") for x in links.split())]
        if reverse:
            rows.append((en.split(), es.split(), pairs))
        else:
            rows.append((es.split(), en.split(), [(s, e) for e, s in pairs]))
    return rows


def xlwa_cases(path: Path, reverse: bool, variants: int) -> list[Case]:
    """The damaged and clean cases of one XL-WA split: Spanish originals, or with `reverse` English ones (the same
    seed either way, so a split's cases are the same in every run)."""
    langs = ("en", "es") if reverse else ("es", "en")
    return make_cases(read_xlwa(path, reverse), random.Random(13), variants, langs)


def make_cases(rows, rng: random.Random, variants: int, langs: tuple[str, str] = ("es", "en")) -> list[Case]:
    cases = []
    name_rows = []
    for es, en, links in rows:
        natural = frozenset(range(len(es))) - {s for s, _ in links}
        name_rows.append((es, en, natural))
        cases.append(Case("clean", es, en, "source", None, natural, langs))
        for _ in range(variants):
            for damage in DAMAGES[:-1]:
                case = _damage(damage, es, en, links, rng, langs)
                if case is not None:
                    lost = case.gold_tokens if case.gold_side == "source" and case.gold_tokens else (0, -1)
                    case.unlinked = natural | set(range(lost[0], lost[1] + 1))
                    cases.append(case)
    return cases + _name_cases(name_rows, langs, variants)


def _name_cases(
    rows: list[tuple[list[str], list[str], frozenset[int]]], langs: tuple[str, str], variants: int
) -> list[Case]:
    """A name the translation carries unchanged ("Brekelmans" in both) replaced by another such name of the corpus
    ("Kallas"). Drawn with a generator of their own, after the other damages, so those stay as they were."""
    rng = random.Random(29)
    carried = [[i for i in range(1, len(tgt)) if _carried_name(tgt[i], src)] for src, tgt, _ in rows]
    # Names only: tokens the corpus never writes in lower case ("Kallas", not "Database").
    lowercase = {w for src, tgt, _ in rows for w in src + tgt if w[:1].islower()}
    pool = sorted(
        {tgt[i] for (_, tgt, _), ids in zip(rows, carried, strict=True) for i in ids if tgt[i].lower() not in lowercase}
    )
    cases = []
    for (src, tgt, natural), ids in zip(rows, carried, strict=True):
        for _ in range(variants):
            if not ids:
                break
            i = rng.choice(ids)
            other = rng.choice(pool)
            if other in src or other in tgt:
                continue
            cases.append(Case("name", src, tgt[:i] + [other] + tgt[i + 1 :], "target", (i, i), natural, langs))
    return cases


def _carried_name(token: str, source: list[str]) -> bool:
    return token[:1].isupper() and token[1:2].islower() and token.isalpha() and len(token) > 2 and token in source


def read_textberg(folder: Path, limit: int, rng: random.Random) -> list[tuple[list[str], list[str]]]:
    """1-1 beads of the gold alignment, as whitespace tokens, German first."""
    pairs = []
    for gold in sorted(folder.glob("*.defr")):
        de = gold.with_suffix(".de").read_text(encoding="utf-8").splitlines()
        fr = gold.with_suffix(".fr").read_text(encoding="utf-8").splitlines()
        pairs += [(de[i].split(), fr[j].split()) for i, j in _one_to_one(gold)]
    pairs = [(s, t) for s, t in pairs if 6 <= len(s) <= 60 and 6 <= len(t) <= 60]
    rng.shuffle(pairs)
    return pairs[:limit]


def read_mac(folder: Path, limit: int, rng: random.Random) -> list[tuple[list[str], list[str]]]:
    """1-1 beads of MAC's gold alignment, Chinese first. Chinese has no spaces to split on: its side is one token,
    the whole sentence (the damages touch the English side only; the aligner segments the Chinese itself)."""
    pairs = []
    for gold in sorted((folder / "gold").glob("*.align")):
        zh = (folder / "zh" / gold.stem).read_text(encoding="utf-8").splitlines()
        en = (folder / "en" / gold.stem).read_text(encoding="utf-8").splitlines()
        pairs += [([zh[i].strip()], en[j].split()) for i, j in _one_to_one(gold)]
    pairs = [(s, t) for s, t in pairs if len(s[0]) >= 6 and 6 <= len(t) <= 60]
    rng.shuffle(pairs)
    return pairs[:limit]


def _one_to_one(gold: Path) -> list[tuple[int, int]]:
    beads = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        left, right = (part.strip("[]") for part in line.split(":")[:2])
        if left.isdigit() and right.isdigit():
            beads.append((int(left), int(right)))
    return beads


def make_textberg_cases(pairs, rng: random.Random, variants: int) -> list[Case]:
    cases = _target_damage_cases(pairs, rng, variants, ("de", "fr"), DAMAGES[:-1])
    return cases + _name_cases([(de, fr, frozenset()) for de, fr in pairs], ("de", "fr"), variants)


def make_mac_cases(pairs, rng: random.Random, variants: int) -> list[Case]:
    """The Text+Berg damages that touch the target alone (no names: Chinese renders names, it does not carry them;
    no untranslated: its spans come from the source's words)."""
    damages = ("omission", "negation", "number", "truncation", "duplicate")
    return _target_damage_cases(pairs, rng, variants, ("zh", "en"), damages)


def _target_damage_cases(
    pairs, rng: random.Random, variants: int, langs: tuple[str, str], damages: Sequence[str]
) -> list[Case]:
    """Each pair clean, then `variants` rounds of the damages to its target, in this order (the draws of rng)."""
    cases = []
    for source, target in pairs:
        cases.append(Case("clean", source, target, "target", None, langs=langs))
        for _ in range(variants):
            for damage in damages:
                case = _damage_target(damage, source, target, rng, langs)
                if case is not None:
                    cases.append(case)
    return cases


def _damage_target(
    damage: str, de: list[str], fr: list[str], rng: random.Random, langs: tuple[str, str] = ("de", "fr")
) -> Case | None:
    """Damage the target (French) side only; gold is a token range of the damaged target (for a cut: two words
    either side of the place where the words were, since the place of a gap is read off word links)."""
    n = len(fr)
    negations = NEGATIONS[langs[1]]
    if damage in ("omission", "omission_name", "negation"):
        if damage == "omission":
            candidates = [
                (i, k) for k in (1, 2, 3) for i in range(1, n - k)
                if all(w.isalpha() and w[:1].islower() and is_content_word(w, langs[1]) for w in fr[i : i + k])
            ]
        elif damage == "omission_name":
            candidates = [(i, 1) for i in range(1, n - 1) if fr[i][:1].isupper() and fr[i].isalpha()]
        else:
            candidates = [(i, 1) for i in range(1, n - 1) if fr[i].lower() in negations]
        if not candidates:
            return None
        i, k = rng.choice(candidates)
        damaged = fr[:i] + fr[i + k :]
        near = (max(0, i - 3), min(len(damaged) - 1, i + 2))  # a gap within two words of the cut counts
        return Case(damage, de, damaged, "target", near, langs=langs, target_cut=i)
    if damage == "number":
        candidates = [i for i, w in enumerate(fr) if w.isdigit() and len(w) < 6]
        if not candidates:
            return None
        i = rng.choice(candidates)
        changed = str(int(fr[i]) + rng.choice([1, 2, 3, 10]))
        return Case(damage, de, fr[:i] + [changed] + fr[i + 1 :], "target", (i, i), langs=langs)
    if damage == "untranslated":
        runs = [
            (i, k) for k in (2, 3) for i in range(len(de) - k + 1)
            if all(w.isalpha() and is_content_word(w, langs[0]) for w in de[i : i + k])
        ]
        spots = [i for i in range(1, n - 3) if all(w.isalpha() for w in fr[i : i + 3])]
        if not runs or not spots:
            return None
        (i, k), j = rng.choice(runs), rng.choice(spots)
        damaged = fr[:j] + de[i : i + k] + fr[j + k :]
        return Case(damage, de, damaged, "target", (j, j + k - 1), langs=langs)
    if damage == "truncation":
        if n < 8:
            return None
        cut = int(n * rng.uniform(0.4, 0.7))
        return Case(damage, de, fr[:cut], "target", (cut - 1, cut - 1), langs=langs)
    if damage == "duplicate":
        duplicated = _duplicated(fr, rng)
        return None if duplicated is None else Case(damage, de, *duplicated, langs=langs)
    raise ValueError(damage)


def _duplicated(tokens: list[str], rng: random.Random) -> tuple[list[str], str, tuple[int, int]] | None:
    """A passage of 4-6 tokens said twice; gold is the second copy."""
    n = len(tokens)
    if n < 8:
        return None
    k = rng.randint(4, 6)
    i = rng.randint(0, n - k)
    return tokens[: i + k] + tokens[i : i + k] + tokens[i + k :], "target", (i + k, i + 2 * k - 1)


def _sources_of(links, target_ids: set[int]) -> list[int]:
    """Spanish tokens whose every link goes to the given English tokens (they lose their counterpart)."""
    by_source: dict[int, set[int]] = defaultdict(set)
    for s, t in links:
        by_source[s].add(t)
    return sorted(s for s, ts in by_source.items() if ts and ts <= target_ids)


def _damage(
    damage: str, es: list[str], en: list[str], links, rng: random.Random, langs: tuple[str, str] = ("es", "en")
) -> Case | None:
    """Damage the translation `en` of the original `es` (Spanish and English unless `langs` says otherwise: the
    reversed corpus damages the Spanish of an English original); gold from the human word links."""
    src_lang, tgt_lang = langs
    negations = NEGATIONS[tgt_lang]
    n = len(en)
    if damage in ("omission", "omission_name", "negation"):
        if damage == "omission":
            candidates = [
                (i, k) for k in (1, 2, 3) for i in range(n - k + 1)
                if all(is_content_word(w, tgt_lang) and w[:1].islower() for w in en[i : i + k])
            ]
        elif damage == "omission_name":
            candidates = [(i, 1) for i in range(1, n) if en[i][:1].isupper() and en[i].isalpha()]
        else:
            candidates = [(i, 1) for i in range(n) if en[i].lower() in negations]
        rng.shuffle(candidates)
        for i, k in candidates:
            lost = _sources_of(links, set(range(i, i + k)))
            if lost and all(is_content_word(es[s], src_lang) for s in lost[:1]):
                return Case(damage, es, en[:i] + en[i + k :], "source", (lost[0], lost[-1]), target_cut=i, langs=langs)
        return None
    if damage == "number":
        candidates = [i for i, w in enumerate(en) if w.isdigit()]
        if not candidates:
            return None
        i = rng.choice(candidates)
        changed = str(int(en[i]) + rng.choice([1, 2, 3, 10]))
        return Case(damage, es, en[:i] + [changed] + en[i + 1 :], "target", (i, i), langs=langs)
    if damage == "untranslated":
        candidates = [
            (i, k) for k in (2, 3) for i in range(n - k + 1) if all(is_content_word(w, tgt_lang) for w in en[i : i + k])
        ]
        rng.shuffle(candidates)
        for i, k in candidates:
            lost = _sources_of(links, set(range(i, i + k)))
            copied = [es[s] for s in lost]
            if len(copied) >= 2 and any(w[:1].islower() for w in copied):
                damaged = en[:i] + copied + en[i + k :]
                return Case(damage, es, damaged, "target", (i, i + len(copied) - 1), langs=langs)
        return None
    if damage == "truncation":
        if n < 8:
            return None
        cut = int(n * rng.uniform(0.4, 0.7))
        lost = _sources_of(links, set(range(cut, n)))
        if len([s for s in lost if is_content_word(es[s], src_lang)]) < 3:
            return None
        return Case(damage, es, en[:cut], "source", (lost[0], lost[-1]), langs=langs)
    if damage == "duplicate":
        duplicated = _duplicated(en, rng)
        return None if duplicated is None else Case(damage, es, *duplicated, langs=langs)
    raise ValueError(damage)


def _char_span(tokens: list[str], first: int, last: int) -> tuple[int, int]:
    starts = np.cumsum([0] + [len(t) + 1 for t in tokens])
    return int(starts[first]), int(starts[last] + len(tokens[last]))


def _hits(flag: Flag, case: Case) -> bool:
    if case.gold_tokens is None:
        return False
    if flag.kind == "garbled" and case.target_cut is not None and flag.target_span is not None:
        if 0 < case.target_cut < len(case.target):
            junction = _char_span(case.target, case.target_cut - 1, case.target_cut)
            return flag.target_span[0] < junction[1] and junction[0] < flag.target_span[1]
        return False
    if case.damage == "truncation" and case.gold_side == "target" and flag.kind == "truncation":
        return True  # a sentence-level finding: the gold is the whole missing tail
    tokens = case.source if case.gold_side == "source" else case.target
    gold = _char_span(tokens, *case.gold_tokens)
    span = flag.source_span if case.gold_side == "source" else flag.target_span
    if span is None:
        return False
    if span[0] == span[1]:  # a gap: right when it falls inside the gold words (for a cut: between them)
        return gold[0] <= span[0] <= gold[1]
    return span[0] < gold[1] and gold[0] < span[1]


def align_words(cases: list[Case], aligner: WordAligner, segment: bool = True) -> list:
    """Word alignments of every case (one corpus: one language pair); without `segment`, Chinese is split at
    punctuation only, as before word segmentation."""
    pairs = [(" ".join(c.source), " ".join(c.target)) for c in cases]
    started = time.perf_counter()
    langs = cases[0].langs if segment and cases else (None, None)
    word_alignments = aligner.align_many(pairs, langs=langs)
    print(f"word alignment: {len(cases)} pairs in {time.perf_counter() - started:.1f}s", flush=True)
    return word_alignments


def cached_word_alignments(cases: list[Case], cache: Path | None, word_model: str, segment: bool) -> list:
    """Word alignments of the cases, read from the cache file when it holds as many (benchmark runs repeat)."""
    if cache and cache.exists():
        word_alignments = pickle.loads(cache.read_bytes())
        if len(word_alignments) == len(cases):
            return word_alignments
    word_alignments = align_words(cases, WordAligner(model=word_model), segment)
    if cache:
        cache.write_bytes(pickle.dumps(word_alignments))
    return word_alignments


def run(
    cases: list[Case],
    word_alignments: list,
    word_model: str,
    sentence_model: str | None = None,
    translation: CachedReliefs | None = None,
    fitting: bool = False,
) -> list[list[Flag]]:
    """Each case on its own: a one-bead document."""
    return run_documents(cases, word_alignments, 1, word_model, sentence_model, translation, fitting)


class CachedReliefs:
    """A translation model's reliefs kept in a pickle between runs (the model takes about a second a pair here, and
    weights and calibration are chosen over several runs on the same cases)."""

    def __init__(self, name: str, path: Path | None) -> None:
        self.name, self.path = name, path
        self._scorer: TranslationScorer | None = None  # loaded at the first pair not in the pickle
        self._known: dict[tuple[str, ...], list[float]] = {}
        if path and path.exists():
            self._known = pickle.loads(path.read_bytes())
        self._new = 0

    def reliefs(
        self, source: str, cut_sources: Sequence[str], target: str, source_lang: str, target_lang: str
    ) -> list[float]:
        key = (source_lang, target_lang, source, target, *cut_sources)
        if key not in self._known:
            self._scorer = self._scorer or load_translation_scorer(self.name)
            self._known[key] = self._scorer.reliefs(source, cut_sources, target, source_lang, target_lang)
            self._new += 1
            if self._new % 200 == 0:
                self.save()
        return self._known[key]

    def save(self) -> None:
        if self.path and self._new:
            self.path.write_bytes(pickle.dumps(self._known))


def translation_settings(settings: DetectorSettings, name: str, fitting: bool) -> DetectorSettings:
    """The settings for a translation model's evidence; while fitting its calibration, omissions read
    sigmoid(raw) instead (raw_score takes them back), since an uncalibrated kind's raw score is clipped to 0-1."""
    if not fitting:
        return settings.for_translation_model(name)
    return replace(settings, translation_model=name, platt={**settings.platt, "omission": (1.0, 0.0)})


def raw_score(confidence: float) -> float:
    confidence = min(max(confidence, 1e-6), 1 - 1e-6)
    return float(np.log(confidence / (1 - confidence)))


def one_case_per_pair(cases: list[Case], rng: random.Random) -> list[int]:
    """Indexes of one case (clean or one damage) per sentence pair: a document never says the same thing twice."""
    by_pair: dict[str, list[int]] = {}
    for k, case in enumerate(cases):
        by_pair.setdefault(" ".join(case.source), []).append(k)
    return sorted(rng.choice(ks) for ks in by_pair.values())


def run_documents(
    cases: list[Case],
    word_alignments: list,
    size: int,
    word_model: str,
    sentence_model: str | None = None,
    translation: CachedReliefs | None = None,
    fitting: bool = False,
) -> list[list[Flag]]:
    """Cases grouped `size` to a document of one-to-one beads, so that document-level evidence (terms the document
    renders the same way in every bead) takes part; each flag comes back in its own case's offsets. The sentence
    encoder (the default unless named) gives the masking evidence."""
    from align.encoders import DEFAULT_MODEL, load_encoder

    encoder = load_encoder(sentence_model or DEFAULT_MODEL)
    settings = load_settings(word_model).for_sentence_model(encoder.info.name)
    if translation is not None:
        settings = translation_settings(settings, translation.name, fitting)
    all_flags: list[list[Flag]] = []
    for start in range(0, len(cases), size):
        group = cases[start : start + size]
        source_lang, target_lang = group[0].langs
        source = _joined([c.source for c in group], source_lang, "source")
        target = _joined([c.target for c in group], target_lang, "target")
        beads = [Bead((i,), (i,), 1.0) for i in range(len(group))]
        flags = find_flags(SentenceAlignment(source, target, beads), None, settings,
                           list(word_alignments[start : start + size]), encode=encoder.encode,
                           translation=translation)
        for b in range(len(group)):
            shift_source, shift_target = source.sentences[b].start, target.sentences[b].start
            all_flags.append([
                replace(
                    f,
                    bead=0,
                    source_span=_shifted(f.source_span, shift_source),
                    target_span=_shifted(f.target_span, shift_target),
                )
                for f in flags
                if f.bead == b
            ])
    if translation is not None:
        translation.save()
    return all_flags


def _joined(sentences: list[list[str]], lang: str, name: str) -> Document:
    texts = [" ".join(tokens) for tokens in sentences]
    starts = np.cumsum([0] + [len(t) + 1 for t in texts])
    return Document(name, "\n".join(texts), lang,
                    [Sentence(i, int(starts[i]), int(starts[i]) + len(t), t) for i, t in enumerate(texts)])


def _shifted(span: tuple[int, int] | None, shift: int) -> tuple[int, int] | None:
    return None if span is None else (span[0] - shift, span[1] - shift)


def report(cases: list[Case], all_flags: list[list[Flag]], min_confidence: float) -> None:
    clean = [i for i, c in enumerate(cases) if c.damage == "clean"]
    has_links = any(c.unlinked for c in cases)
    print("\n| damage | cases | recall (expected kind) | recall (any flag) |")
    print("|---|---|---|---|")
    for damage in DAMAGES:
        idx = [i for i, c in enumerate(cases) if c.damage == damage]
        if not idx:
            continue
        kind = EXPECTED_KIND[damage]
        hit = sum(any(f.kind == kind and _hits(f, cases[i]) for f in _kept(all_flags[i], min_confidence)) for i in idx)
        anyhit = sum(any(_hits(f, cases[i]) for f in _kept(all_flags[i], min_confidence)) for i in idx)
        print(f"| {damage} | {len(idx)} | {hit / len(idx):.3f} | {anyhit / len(idx):.3f} |")
    print("\n| flag kind | flags | precision | false-flag rate on clean pairs | same, on human-linked words |")
    print("|---|---|---|---|---|")
    kinds = sorted({f.kind for flags in all_flags for f in flags})
    for kind in kinds:
        flags = [(i, f) for i, fl in enumerate(all_flags) for f in _kept(fl, min_confidence) if f.kind == kind]
        correct = sum(_right(f, cases[i]) for i, f in flags)
        ffr = sum(any(f.kind == kind for f in _kept(all_flags[i], min_confidence)) for i in clean) / len(clean)
        linked = sum(
            any(f.kind == kind and _covers_linked(f, cases[i]) for f in _kept(all_flags[i], min_confidence))
            for i in clean
        ) / len(clean)
        linked_text = f"{linked:.3f}" if has_links else "n/a (no word links)"
        print(f"| {kind} | {len(flags)} | {correct / max(len(flags), 1):.3f} | {ffr:.3f} | {linked_text} |")
    any_ffr = sum(bool(_kept(all_flags[i], min_confidence)) for i in clean) / len(clean)
    print(f"| any | | | {any_ffr:.3f} |")
    if has_links:
        # Undamaged pairs the translator rendered completely: every source content word has a human link, so any
        # omission flag on them is false.
        complete = [i for i in clean if not any(is_content_word(cases[i].source[k], cases[i].langs[0])
                                                for k in cases[i].unlinked)]
        flagged = sum(any(f.kind == "omission" for f in _kept(all_flags[i], min_confidence)) for i in complete)
        print(f"\nomission false-flag rate on the {len(complete)} undamaged pairs with every source content word "
              f"linked by the human alignment: {flagged / max(len(complete), 1):.3f}")
        span_words(cases, all_flags, min_confidence)


def span_words(cases: list[Case], all_flags: list[list[Flag]], min_confidence: float) -> None:
    """How exactly omission spans name the missing words (source-side gold only): of the content words that right
    omission flags cover, the share that really lost their counterpart (the cut, or the translator's own unlinked
    words); and of the cut content words, the share those flags cover. Then where the strongest right flag's target
    gap falls: exactly where the words were cut, or within one word of it."""
    covered = lost = cut = cut_covered = 0
    gap_offsets: list[int] = []
    for case, flags in zip(cases, all_flags, strict=True):
        if case.damage not in ("omission", "omission_name", "negation") or case.gold_side != "source":
            continue
        first, last = case.gold_tokens
        missing = set(range(first, last + 1)) | set(case.unlinked)
        lang = case.langs[0]
        gold = {i for i in range(first, last + 1) if is_content_word(case.source[i], lang)}
        named: set[int] = set()
        for flag in _kept(flags, min_confidence):
            if flag.kind == "omission" and _right(flag, case):
                words = [i for i in _tokens_in(case.source, flag.source_span) if is_content_word(case.source[i], lang)]
                covered += len(words)
                lost += sum(i in missing for i in words)
                named |= set(words)
        cut += len(gold)
        cut_covered += len(gold & named)
        right = [f for f in _kept(flags, min_confidence) if f.kind == "omission" and _right(f, case) and f.target_span]
        if right and case.target_cut is not None:
            gap = max(right, key=lambda f: f.confidence).target_span[0]
            ends = np.cumsum([len(t) + 1 for t in case.target]) - 1
            gap_offsets.append(int(np.sum(ends <= gap)) - case.target_cut)
    print(f"\nomission spans: {lost / max(covered, 1):.3f} of the {covered} content words right flags name lost their "
          f"counterpart; they name {cut_covered / max(cut, 1):.3f} of the {cut} content words cut")
    if gap_offsets:
        offsets = np.abs(np.array(gap_offsets))
        print(f"omission gaps (the strongest right flag's, {len(offsets)} cases): {np.mean(offsets == 0):.3f} exactly "
              f"where the words were cut, {np.mean(offsets <= 1):.3f} within one word of it")


def _tokens_in(tokens: list[str], span: tuple[int, int] | None) -> list[int]:
    if span is None:
        return []
    starts = np.cumsum([0] + [len(t) + 1 for t in tokens])
    return [i for i, t in enumerate(tokens) if starts[i] < span[1] and span[0] < starts[i] + len(t)]


def _covers_linked(flag: Flag, case: Case) -> bool:
    """Whether a flag on a clean pair touches a source word the human alignment does link: flags on words the
    translator really left out are omissions too, only not ones we made."""
    if flag.source_span is None:
        return True
    starts = np.cumsum([0] + [len(t) + 1 for t in case.source])
    first, last = flag.source_span
    touched = [k for k, t in enumerate(case.source) if starts[k] < last and first < starts[k] + len(t)]
    return any(is_content_word(case.source[k], case.langs[0]) and k not in case.unlinked for k in touched)


def _right(flag: Flag, case: Case) -> bool:
    """A flag is right when it overlaps the damage and names it; an omission covering a truncated tail counts."""
    expected = EXPECTED_KIND.get(case.damage)
    kind_ok = (
        flag.kind == expected
        or (flag.kind == "omission" and case.damage == "truncation")
        or (flag.kind == "garbled" and case.target_cut is not None)  # the junction a cut leaves
    )
    return kind_ok and _hits(flag, case)


def _kept(flags: list[Flag], min_confidence: float) -> list[Flag]:
    return [f for f in flags if f.confidence >= min_confidence]


def reliability(cases: list[Case], all_flags: list[list[Flag]]) -> None:
    print("\n| confidence bin | flags | share right |")
    print("|---|---|---|")
    bins = np.linspace(0, 1, 11)  # tenths: "a flag at 0.9 is right about 9 times in 10" is read off the top bins
    rows = [
        (f.confidence, _right(f, cases[i]))
        for i, flags in enumerate(all_flags)
        for f in flags
    ]
    for lo, hi in zip(bins[:-1], bins[1:], strict=True):
        inside = [ok for c, ok in rows if lo <= c < hi or (hi == 1 and c == 1)]
        if inside:
            print(f"| {lo:.1f}-{hi:.1f} | {len(inside)} | {sum(inside) / len(inside):.3f} |")


def fit_logistic(x: np.ndarray, y: np.ndarray, c: float, max_iter: int = 2000) -> LogisticModel:
    """A class-balanced logistic regression on standardised features; an unknown value (NaN: a target language
    without bigram counts) reads as the mean, as the model reads it at run time."""
    from sklearn.linear_model import LogisticRegression

    mean = np.nanmean(x, axis=0)
    x = np.where(np.isnan(x), mean, x)
    scale = x.std(axis=0) + 1e-9
    fitted = LogisticRegression(max_iter=max_iter, C=c, class_weight="balanced").fit((x - mean) / scale, y)
    return LogisticModel(fitted.coef_[0], float(fitted.intercept_[0]), mean, scale)


def fit_omission_model(cases: list[Case], word_alignments, folder: Path, word_model: str) -> None:
    features, labels = [], []
    for case, words in zip(cases, word_alignments, strict=True):
        if case.damage not in ("clean", "omission", "omission_name", "negation"):
            continue
        rows = word_features(words, *case.langs, word_model)
        gold = set(range(case.gold_tokens[0], case.gold_tokens[1] + 1)) if case.gold_tokens else set()
        lost = gold if case.gold_side == "source" else set()
        features.append(rows)
        labels.extend(int(i in lost) for i in range(len(rows)))
    y = np.array(labels)
    model = fit_logistic(np.concatenate(features), y, c=1.0)
    payload = {
        "note": "Logistic model over word_evidence.FEATURES; fitted by bench/check_damage.py --fit on XL-WA dev "
        "(both directions).",
        "features": list(FEATURES),
        **model.to_json(digits=6),
        "training_words": int(len(y)),
        "positives": int(y.sum()),
    }
    folder.mkdir(exist_ok=True)
    (folder / "omission_model.json").write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    print(f"omission model: {len(y)} words, {int(y.sum())} positives")


def fit_calibration(
    cases: list[Case], all_flags: list[list[Flag]], model: str, folder: Path, only: set[str] | None = None
) -> None:
    by_kind: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for i, flags in enumerate(all_flags):
        for f in flags:
            if only is None or f.kind in only:
                by_kind[f.kind].append((f.confidence, int(_right(f, cases[i]))))
    kinds = {kind: fitted for kind, rows in by_kind.items() if (fitted := fit_platt(rows))}
    save_calibration(kinds, model, folder)
    print("calibration:", json.dumps(kinds))


def fit_platt(rows: list[tuple[float, int]]) -> dict[str, float] | None:
    """Platt scaling of (raw score, right) rows: confidence = 1 / (1 + exp(-(a * raw + b)))."""
    from sklearn.linear_model import LogisticRegression

    labels = np.array([r[1] for r in rows])
    if len(set(labels.tolist())) < 2 or len(rows) < 20:
        return None
    lr = LogisticRegression(C=10.0).fit(np.array([[r[0]] for r in rows]), labels)
    return {"a": round(float(lr.coef_[0][0]), 4), "b": round(float(lr.intercept_[0]), 4), "flags": len(rows)}


def forget_calibration(forget: Callable[[str], bool], folder: Path) -> None:
    """Drop the Platt entries of the kinds about to be refitted, so their flags carry raw scores again."""
    from align.detectors import calibration

    path = folder / "calibration.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["kinds"] = {kind: entry for kind, entry in data["kinds"].items() if not forget(kind)}
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    calibration.load_settings.cache_clear()


def save_calibration(kinds: dict[str, dict[str, object]], model: str, folder: Path = MODELS_DIR) -> None:
    """Write the fitted kinds into the folder's calibration.json, keeping the kinds another benchmark fitted."""
    path = folder / "calibration.json"
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    payload = {
        "note": "Platt scaling per flag kind: confidence = 1 / (1 + exp(-(a * raw + b))). Kinds without an entry keep "
        "their raw score. Fitted on dev data only: by bench/check_damage.py --fit (XL-WA dev damage, both "
        "directions: omission, untranslated, garbled, number_mismatch, name_mismatch) and "
        "bench/check_documents.py --fit (damaged dev documents: missing_sentence, addition).",
        "model": model,
        "kinds": {**old.get("kinds", {}), **kinds},
    }
    path.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")


def both_directions(
    data: Path, cases: list[Case], word_alignments: list, args: argparse.Namespace
) -> tuple[list[Case], list]:
    """What the fits read: the dev pairs in both directions, Spanish originals with English damaged (the cases given)
    and the reverse, with their word alignments."""
    reverse = xlwa_cases(data / "dev.tsv", True, args.variants)
    reverse_cache = args.cache.with_name(args.cache.stem + ".reverse.pkl") if args.cache else None
    return cases + reverse, word_alignments + cached_word_alignments(reverse, reverse_cache, args.word_model, True)


def fit_translation_calibration(
    data: Path, cases: list[Case], word_alignments: list, args: argparse.Namespace, translation: CachedReliefs,
    folder: Path,
) -> None:
    """The omission calibration with a translation model's evidence (calibration.json 'omission@<model>'), fitted
    on the dev pairs of both directions, as the calibration without it is."""
    from align.detectors import calibration

    if args.fit_kinds != "omission":
        raise SystemExit("with --translation-model, only --fit-kinds omission")
    fit_cases, fit_alignments = both_directions(data, cases, word_alignments, args)
    fit_flags = run(fit_cases, fit_alignments, args.word_model, None, translation, fitting=True)
    rows = [
        (raw_score(f.confidence), int(_right(f, fit_cases[i])))
        for i, flags in enumerate(fit_flags)
        for f in flags
        if f.kind == "omission"
    ]
    fitted = fit_platt(rows)
    assert fitted is not None
    save_calibration({f"omission@{translation.name}": fitted}, f"{args.word_model} (word aligner)", folder)
    print("calibration:", json.dumps(fitted))
    calibration.load_settings.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev", choices=("dev", "test"))
    parser.add_argument("--corpus", default="xlwa", choices=("xlwa", "xlwa-en", "textberg", "mac"))
    parser.add_argument("--data", type=Path, help="the corpus folder (default: under ../shared/bench)")
    parser.add_argument("--pairs", type=int, default=300, help="Text+Berg, MAC: 1-1 beads sampled per split")
    parser.add_argument("--variants", type=int, default=2, help="damaged copies per pair and damage kind")
    parser.add_argument("--min-confidence", type=float, default=0.5)
    parser.add_argument("--cache", type=Path, help="pickle of word alignments to reuse between runs")
    parser.add_argument("--fit", action="store_true", help="refit the omission model and calibration (dev only)")
    parser.add_argument("--fit-kinds", help="refit only these kinds' calibration, comma-separated (dev only)")
    parser.add_argument("--documents", type=int, default=0, metavar="N",
                        help="one case per sentence pair, N to a document (document-level evidence takes part)")
    parser.add_argument("--model", help="the sentence encoder giving the masking evidence (default: use-m3)")
    parser.add_argument("--word-model", default=DEFAULT_WORD_MODEL, choices=WORD_MODELS,
                        help="the word aligner's token states (--fit writes that model's files)")
    parser.add_argument("--translation-model", help="omission evidence from this translation model (gemma-3-270m)")
    parser.add_argument("--translation-cache", type=Path, help="pickle of the translation model's reliefs to reuse")
    parser.add_argument("--no-segmentation", action="store_true",
                        help="split Chinese at punctuation only (words as before segmentation), to compare")
    args = parser.parse_args()
    if (args.fit or args.fit_kinds) and (args.split != "dev" or args.corpus != "xlwa" or args.model):
        parser.error("--fit only on the XL-WA dev split, with the default sentence encoder")
    if args.fit and args.translation_model:
        parser.error("with --translation-model, --fit-kinds omission fits its omission calibration alone")
    if args.fit and args.documents:
        parser.error("--fit works on single pairs; leave out --documents")
    shared = ROOT.parent / "shared" / "bench"
    rng = random.Random(13)
    if args.corpus in ("xlwa", "xlwa-en"):
        data = args.data or shared / "detect" / "xlwa-en-es"
        cases = xlwa_cases(data / f"{args.split}.tsv", args.corpus == "xlwa-en", args.variants)
    elif args.corpus == "textberg":
        data = args.data or shared / "data" / "textberg_de_fr"
        cases = make_textberg_cases(read_textberg(data / args.split, args.pairs, rng), rng, args.variants)
    else:
        data = args.data or shared / "data" / "mac_zh_en"
        cases = make_mac_cases(read_mac(data / args.split, args.pairs, rng), rng, args.variants)
    print(f"{len(cases)} cases: {dict(Counter(c.damage for c in cases))}")
    word_alignments = cached_word_alignments(cases, args.cache, args.word_model, not args.no_segmentation)
    translation = CachedReliefs(args.translation_model, args.translation_cache) if args.translation_model else None
    if args.documents:
        chosen = one_case_per_pair(cases, random.Random(5))
        cases, word_alignments = [cases[k] for k in chosen], [word_alignments[k] for k in chosen]
        print(f"{len(cases)} cases, one per sentence pair, {args.documents} to a document: "
              f"{dict(Counter(c.damage for c in cases))}")
        flags = run_documents(cases, word_alignments, args.documents, args.word_model, args.model, translation)
        report(cases, flags, args.min_confidence)
        return
    from align.detectors import calibration, word_evidence

    folder = calibration.word_model_dir(args.word_model)
    if args.fit and not (folder / "calibration.json").exists():  # a new word model starts from the default's
        folder.mkdir(exist_ok=True)
        (folder / "calibration.json").write_bytes((MODELS_DIR / "calibration.json").read_bytes())
    if translation is not None and args.fit_kinds:
        fit_translation_calibration(data, cases, word_alignments, args, translation, folder)
    all_flags = run(cases, word_alignments, args.word_model, args.model, translation)
    if translation is None and (args.fit or args.fit_kinds):
        fit_cases, fit_alignments = both_directions(data, cases, word_alignments, args)
        if args.fit:
            fit_omission_model(fit_cases, fit_alignments, folder, args.word_model)
            word_evidence.load_omission_model.cache_clear()
        refit = set(args.fit_kinds.split(",")) if args.fit_kinds else None
        forget_calibration(lambda kind: kind in refit if refit else kind not in DOCUMENT_KINDS, folder)
        fit_flags = run(fit_cases, fit_alignments, args.word_model)
        fit_calibration(fit_cases, fit_flags, f"{args.word_model} (word aligner)", folder, refit)
        calibration.load_settings.cache_clear()
        all_flags = run(cases, word_alignments, args.word_model, args.model)
    report(cases, all_flags, args.min_confidence)
    reliability(cases, all_flags)


if __name__ == "__main__":
    main()
