"""The one-way flow read -> segment -> embed -> align, shared by the CLI and the Python API."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from align import __version__
from align.alignment.beads import Bead
from align.alignment.boundaries import PairEvidence
from align.alignment.relatedness import PairRelatedness, pair_relatedness
from align.alignment.sentence_aligner import AlignerConfig, SideInput, align_sentences, effective_config
from align.alignment.words import WordAligner, shared_word_aligner
from align.encoders import DEFAULT_MODEL, FALLBACK_MODEL, Encoder, load_encoder
from align.encoders.base import LanguageNotCovered
from align.errors import AlignError
from align.progress import progress_bar, status
from align.text.document import Document
from align.text.formats import LoadedText, load_input
from align.text.language import (
    SURE_DETECTION,
    check_language_code,
    detect_language,
    detection_confidence,
    is_known_language,
    language_tag,
)
from align.text.segment import split_presplit, split_sentences, splitter_name


@dataclass(frozen=True)
class ReadOptions:
    presplit: bool = False
    lang: str | None = None
    # Which side of a TMX/XLIFF to read: "source" or "target"; None: by the file's role, the source side of an
    # original (the first of read_documents' requests), the target side of a translation or version (the others).
    memory_side: str | None = None

    def __post_init__(self) -> None:
        if self.memory_side not in (None, "source", "target"):
            raise AlignError(f"memory_side must be 'source' or 'target', not {self.memory_side!r}")


@dataclass
class SentenceAlignment:
    source: Document
    target: Document
    beads: list[Bead]
    signature: dict[str, object] = field(default_factory=dict)
    # Whether the two read as versions of each other at all (None: not judged, an alignment built by hand).
    relatedness: PairRelatedness | None = None

    @property
    def related(self) -> bool:
        return self.relatedness is None or self.relatedness.related


def read_document(path: str, options: ReadOptions, encoder: Encoder | None = None) -> Document:
    """Any input formats.load_input reads (plain text, documents, subtitles, an app's strings), or one side of a
    memory (TMX, XLIFF, PO, a string catalog), which arrives already segmented."""
    return _document(path, load_input(path, options.memory_side or "source", options.lang), options, encoder)


def _document(path: str, loaded: LoadedText, options: ReadOptions, encoder: Encoder | None) -> Document:
    text = loaded.text
    name = "<stdin>" if path == "-" else path
    covered = encoder.info.languages if encoder is not None else None
    tag = _side_tag(options.lang or "", loaded.lang_tag)
    lang = check_language_code(tag, name) if tag else detect_language(text, name, covered)
    if encoder is not None:
        try:
            encoder.check_language(lang, name)
        except LanguageNotCovered as exc:
            if options.lang:
                raise
            _refuse_unsure_guess(text, name, lang, encoder.info.name, exc)
            raise
    presplit = options.presplit or loaded.segments is not None
    sentences = split_presplit(text) if presplit else split_sentences(text, lang, loaded.kind == "text")
    units = loaded.units if loaded.segments is not None else None
    extracted = loaded.kind != "text"
    tag = language_tag(tag) if tag else ""
    return Document(
        name, text, lang, sentences, presplit, tag, units, extracted, loaded.keys, loaded.inline_codes, loaded.cues
    )


def _side_tag(asked: str, written: str) -> str:
    """The language tag of a side: the one asked for, or the memory's own (en-GB where `--source-lang en` chose its
    English side); a memory's code that names no language we know is left to detection ("")."""
    bare_of_written = "-" not in asked.replace("_", "-") and written.lower().split("-")[0] == asked.lower()
    if asked and not (written and bare_of_written):
        return asked
    return written if written and is_known_language(written) else ""


def _refuse_unsure_guess(text: str, name: str, lang: str, model: str, refusal: LanguageNotCovered) -> None:
    """A guess the detector is unsure of ("Hola." reads as Sesotho at 9%) is no language to refuse: say that the
    language could not be told instead (still a refusal, so the default model hands the text to the fallback)."""
    confidence = detection_confidence(text, lang)
    if confidence < SURE_DETECTION:
        raise LanguageNotCovered(
            f"{name}: cannot tell which language this is (best guess '{lang}' at {confidence:.0%}, which {model} "
            f"does not cover{'; the text is very short' if len(text.split()) < 10 else ''}); pass it with "
            "--source-lang/--target-lang",
            lang,
        ) from refusal


def read_documents(requests: Sequence[tuple[str, ReadOptions]], model: str | None) -> tuple[Encoder, list[Document]]:
    """Load the encoder and read every document with it. With no model asked for (None), the default; where it
    does not cover a document's language, the fallback model, which covers about a hundred, reads them all (from
    what was loaded once: stdin cannot be read twice). The original comes first, then its translations or versions:
    a TMX/XLIFF among them gives its target side, as the original its source side, unless its options say."""
    requests = [(os.fspath(path), options) for path, options in requests]  # pathlib paths as the strings they are
    if sum(path == "-" for path, _ in requests) > 1:
        raise AlignError("only one input can be '-' (stdin)")
    loaded = _load_all(requests)
    _refuse_memory_against_itself(requests, loaded)

    def read_all(encoder: Encoder) -> list[Document]:
        return [_document(path, text, options, encoder) for (path, options), text in zip(requests, loaded, strict=True)]

    encoder = load_encoder(model or DEFAULT_MODEL, status)
    try:
        return encoder, read_all(encoder)
    except LanguageNotCovered as exc:
        if model is not None:
            raise
        every = "every input" if len(requests) > 2 else "both texts"
        status(f"language '{exc.lang}' is not covered by {DEFAULT_MODEL}; reading {every} with {FALLBACK_MODEL}")
    encoder = load_encoder(FALLBACK_MODEL, status)
    return encoder, read_all(encoder)


def _load_all(requests: Sequence[tuple[str, ReadOptions]]) -> list[LoadedText]:
    """Every input by its role; those with a language asked for first, so that one memory given as both inputs with
    one language named (`--source-lang fr`) gives the other role its other side."""
    loaded: dict[int, LoadedText] = {}
    for k in sorted(range(len(requests)), key=lambda k: requests[k][1].lang is None):
        path, options = requests[k]
        taken = (text.column for j, text in loaded.items() if requests[j][0] == path and text.column is not None)
        avoid = None if options.lang else next(taken, None)
        loaded[k] = load_input(path, options.memory_side or ("target" if k else "source"), options.lang, avoid)
    return _paired_by_key([loaded[k] for k in range(len(requests))])


def _paired_by_key(loaded: list[LoadedText]) -> list[LoadedText]:
    """Resource files (strings by key) beside an original of that kind: paired with it by key. Otherwise none
    keeps its keys, which then say nothing about the other side."""
    from align.text.formats.resource_file import paired_by_key

    original = loaded[0]
    if original.keys is None or not any(other.keys is not None for other in loaded[1:]):
        return [replace(text, keys=None) for text in loaded]
    return [original] + [paired_by_key(other, original) if other.keys is not None else other for other in loaded[1:]]


def _refuse_memory_against_itself(requests: Sequence[tuple[str, ReadOptions]], loaded: list[LoadedText]) -> None:
    """One TMX/XLIFF given as both the original and its translation (or two copies of it) must give two sides: a
    one-language memory, or two language codes naming the same side, would be checked against itself and pass."""
    for k in range(1, len(requests)):
        path = requests[k][0]
        if loaded[k].segments is not None and loaded[k] == loaded[0]:  # the very same side, whatever the path
            which = loaded[0].lang_tag or "one language"
            raise AlignError(f"{path}: both sides read as the same text ({which}); nothing to check it against")


def embed_texts(encoder: Encoder, texts: list[str], description: str) -> np.ndarray:
    with progress_bar(description, len(texts)) as advance:
        return encoder.encode(texts, advance)


def embed_document(encoder: Encoder, document: Document, config: AlignerConfig) -> SideInput:
    """The sentence vectors, and the encoder's vectors of joined sentences where the aligner composes them."""
    texts = document.sentence_texts
    if config.joins != "tokens":
        return SideInput(texts, embed_texts(encoder, texts, f"embedding {document.path}"))
    with progress_bar(f"embedding {document.path}", len(texts)) as advance:
        vectors, joined = encoder.encode_document(texts, advance)
    return SideInput(texts, vectors, joined)


def align_documents(
    source: Document,
    target: Document,
    encoder: Encoder,
    config: AlignerConfig,
    presplit: bool,
    word_aligner: WordAligner | None = None,
) -> SentenceAlignment:
    """Sentence alignment; with `config.word_boundaries` the word aligner (the shared one unless given) settles
    bead boundaries."""
    source_input, target_input = embed_document(encoder, source, config), embed_document(encoder, target, config)
    config = effective_config(config, source_input, target_input)

    def token_vectors(texts: Sequence[str]) -> list[np.ndarray]:
        # The word aligner is loaded only when some bead boundary is worth settling.
        return (word_aligner or shared_word_aligner(status)).token_vectors(texts)

    beads = align_sentences(
        source_input,
        target_input,
        config,
        embed=lambda texts: embed_texts(encoder, texts, "embedding joined sentences"),
        on_stage=status,
        token_vectors=token_vectors if config.word_boundaries else None,
        pair_evidence=_pair_evidence(config, source.lang, target.lang),
    )
    # A TMX/XLIFF brings its own segments: no splitter ran on it, with or without --presplit.
    presplit = presplit or (source.presplit and target.presplit)
    signature = make_signature(encoder, config, presplit, source.lang, target.lang)
    return SentenceAlignment(source, target, beads, signature, pair_relatedness(source, target, beads, encoder))


def _pair_evidence(config: AlignerConfig, source_lang: str, target_lang: str) -> PairEvidence | None:
    """What the translation model settling bead boundaries reads. The model is loaded at the first bead it judges
    (once per process), as the word aligner is: a pair with no doubtful boundary never needs it."""
    name = config.translation_boundaries
    if name is None:
        return None

    def evidence(source: str, target: str) -> float:
        from align.encoders.translation_lm import load_translation_lm

        return load_translation_lm(status, name).mutual_information(source, target, source_lang, target_lang)

    return evidence


def make_signature(
    encoder: Encoder, config: AlignerConfig, presplit: bool, source_lang: str, target_lang: str
) -> dict[str, object]:
    """Everything that changes the result, so a run can be reproduced (the sacrebleu habit)."""
    return {
        "tool": "align",
        "version": __version__,
        "model": encoder.info.name,
        "model_dim": encoder.info.dim,
        "presplit": presplit,
        "sentence_splitter": None if presplit else splitter_name(),
        "source_lang": source_lang,
        "target_lang": target_lang,
        "aligner": config.signature(),
    }


def align_files(
    source_path: str,
    target_path: str,
    model: str | None = None,
    config: AlignerConfig | None = None,
    source_options: ReadOptions | None = None,
    target_options: ReadOptions | None = None,
) -> SentenceAlignment:
    """Python API: align two files with one call (model None: the default, or the fallback for languages the
    default does not cover)."""
    encoder, source, target, presplit = read_pair(source_path, target_path, model, source_options, target_options)
    return align_documents(source, target, encoder, config or AlignerConfig(), presplit)


def read_pair(
    source_path: str,
    target_path: str,
    model: str | None,
    source_options: ReadOptions | None,
    target_options: ReadOptions | None,
) -> tuple[Encoder, Document, Document, bool]:
    """An original and its translation read with one encoder (options default to plain text, the translation's
    memory side for a TMX/XLIFF), and whether both were given presplit."""
    source_options = source_options or ReadOptions()
    target_options = target_options or ReadOptions()
    encoder, (source, target) = read_documents([(source_path, source_options), (target_path, target_options)], model)
    return encoder, source, target, source_options.presplit and target_options.presplit
