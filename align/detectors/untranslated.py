"""untranslated: source-language text left in the translation (shared words that are not names or loanwords)."""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

from align.alignment.beads import consecutive_runs
from align.alignment.words import split_words
from align.detectors.base import BeadView, Detector, Flag, span_of_words
from align.detectors.calibration import DetectorSettings
from align.detectors.lexicon import is_content_word
from align.text.word_frequency import foreignness

MIN_RUN_WORDS = 2
MIN_SENTENCE_CONTENT_WORDS = 3  # lowercase content words a verbatim line needs to be a sentence left over
VERBATIM_MIN_CONFIDENCE = 0.9
_NOUNS_CAPITALISED = frozenset({"de", "lb"})
_NAME_MARKS = frozenset({"von", "zu", "van", "de"})  # German particles of a name: "von der Leyen" (not "vom Tal")
_NAME_ARTICLES = frozenset({"der", "den", "dem"})  # right after one of them
_SCRIPT_SAMPLE = 4000  # characters of the translation its script is read from


class UntranslatedDetector(Detector):
    kind = "untranslated"

    def detect(self, view: BeadView) -> list[Flag]:
        words = view.words
        if not view.bead.source and left_untranslated(view):
            span = view.target.file_span(0, len(view.target.text))
            message = f"sentence left in the source language ({view.source.lang})"
            return [Flag(self.kind, 1.0, view.index, None, span, "", view.target.text, message)]
        if view.bead.is_null or words is None or view.source.lang == view.target.lang:
            return []
        verbatim = " ".join(view.source.text.split()) == " ".join(view.target.text.split())
        if verbatim and not _of_units(view) and not _sentence_left_over(view):
            return []  # a line both sides carry verbatim (signature, agency code, a name) is not a leftover
        source_words = {w.text.lower() for w in words.source if _is_word_or_number(w.text)}
        copied = [
            i for i, w in enumerate(words.target) if _is_word_or_number(w.text) and w.text.lower() in source_words
        ]
        flags = []
        settings = view.context.settings
        for ids in consecutive_runs(tuple(copied)):
            run = words.target[ids[0] : ids[-1] + 1]
            texts = [w.text for w in run]
            if view.source.lang in settings.untranslated_title_languages and _in_title_case(texts, view.source.lang):
                continue  # a name kept as it is ("University of North Carolina")
            if not _left_over(texts, view.source.lang, view.target.lang, settings):
                continue
            text = view.target.text[run[0].start : run[-1].end]
            language_agrees = _looks_like(text, view.source.lang, view.target.lang)
            raw = min(1.0, 0.45 + 0.15 * len(run) + (0.2 if language_agrees else 0.0))
            span = view.target.file_span(run[0].start, run[-1].end)
            message = f"'{text}' looks untranslated ({view.source.lang})"
            source_span, source_text = _in_source(view, texts)
            flags.append(Flag(self.kind, raw, view.index, source_span, span, source_text, text, message))
        return flags


def left_untranslated(view: BeadView) -> bool:
    """A target sentence the aligner left without a source (no bead pairs it) that is source-language text: at least
    MIN_SENTENCE_CONTENT_WORDS distinct content words of the source document, at least half of its own, read by
    lingua clearly as the source language (part of a source sentence pasted after its translation: "... on April
    25. Следующее заседание совета директоров."). The share keeps out a sentence of the target's language naming
    source things, which lingua may misread ("Lors de l' ouver de « Trumpfkönig » , dans la face nordest de la
    Kingspitz", German at .99 against French)."""
    found = view.evidence.get("left_untranslated")  # asked by this detector and the addition detector
    if found is None:
        source_lang, target_lang = view.source.lang, view.target.lang
        words = split_words(view.target.text, source_lang) if source_lang != target_lang else []
        content = {w.text.lower() for w in words if is_content_word(w.text, source_lang)}
        shared = content & view.context.source_vocabulary
        found = (
            len(shared) >= MIN_SENTENCE_CONTENT_WORDS
            and len(shared) >= len(content) / 2
            and _source_confidence(view.target.text, source_lang, target_lang) >= VERBATIM_MIN_CONFIDENCE
        )
        view.evidence["left_untranslated"] = found
    return bool(found)


def _in_source(view: BeadView, texts: list[str]) -> tuple[tuple[int, int] | None, str]:
    """The source words the leftover copies, where the source says them in a row (so a report can show both sides);
    else no span."""
    words = view.words
    assert words is not None
    wanted = [t.lower() for t in texts]
    source = [w.text.lower() for w in words.source]
    for first in range(len(source) - len(wanted) + 1):
        if source[first : first + len(wanted)] == wanted:
            return span_of_words(view.source, words.source, first, first + len(wanted) - 1)
    return None, ""


def _of_units(view: BeadView) -> bool:
    """Both sides are a memory's or an app's strings: a string whose translation is the string itself ("Settings",
    "Your changes have been saved.") was not translated (pofilter's "unchanged"), whatever its length; its words are
    then judged as any copied run's are, so "OK" or "Email", which both languages write, pass."""
    return view.context.source.units is not None and view.context.target.units is not None


def _sentence_left_over(view: BeadView) -> bool:
    """A verbatim line is a sentence left untranslated when it says something in words of the source language: a
    few lowercase content words (not a name, "Comisión Nacional de los Mercados y la Competencia", nor a dateline,
    "Agencia EFE, Madrid, 12 de marzo"), and lingua reads it clearly as the source language (not a Latin motto,
    which it gives either language at about even odds)."""
    lang = view.source.lang
    assert view.words is not None
    lowercase = [w.text for w in view.words.source if w.text[:1].islower() and any(ch.isalpha() for ch in w.text)]
    content = [w for w in lowercase if is_content_word(w, lang)]
    if _script(view.target.text) != _script(view.context.target.text[:_SCRIPT_SAMPLE]):
        # In a translation written in another script a short line stands out: "Experts are not sure." left in
        # Russian has one lowercase content word, but three lowercase words no agency code or name has.
        if len(lowercase) < MIN_SENTENCE_CONTENT_WORDS or not content:
            return False
    elif len(content) < MIN_SENTENCE_CONTENT_WORDS:
        return False
    return _source_confidence(view.target.text, lang, view.target.lang) >= VERBATIM_MIN_CONFIDENCE


def _script(text: str) -> str:
    """The script most of the text's letters are written in (LATIN, CYRILLIC, ARABIC, CJK ...)."""
    counts = Counter(unicodedata.name(ch, "?").split(" ")[0] for ch in text if ch.isalpha())
    return counts.most_common(1)[0][0] if counts else ""


def _in_title_case(run: list[str], lang: str) -> bool:
    """Two words or more, every one capitalised but the language's short function words between them."""
    words = [w for w in run if any(ch.isalpha() for ch in w)]
    if len(words) < 2 or not (words[0][:1].isupper() and words[-1][:1].isupper()):
        return False
    return all(w[:1].isupper() or (len(w) <= 4 and not is_content_word(w, lang)) for w in words)


def _is_word_or_number(text: str) -> bool:
    return any(ch.isalpha() for ch in text) or text.replace(",", "").replace(".", "").isdigit()


def _left_over(run: list[str], source_lang: str, target_lang: str, settings: DetectorSettings) -> bool:
    """Whether a run of words the target shares with its source reads as source-language text left in it.

    Numbers travel unchanged, so they join a run ("2 horas") but never make one. With word frequencies for both
    languages, a run needs a word far more common in the source language than in the target ("del", "horas";
    names and loanwords are about as common in both). A capitalised one must be much more so, since place names
    are often left as they are ("La Paz", "Buenos Aires"), and a lone lowercase word more still.
    Without them, the older rule: two or more words, one a lowercase source-language content word (a script
    without case, like Chinese, counts as lowercase; "iPhone" does not: "iPhone 15 Pro Max" is a product's name)."""
    words = [w for w in run if any(ch.isalpha() for ch in w)]
    if not words:
        return False
    gaps = [foreignness(w, source_lang, target_lang) for w in words]
    if gaps[0] is None:
        lowercase_content = [
            w for w in words if not w[:1].isupper() and not _camel_case(w) and is_content_word(w, source_lang)
        ]
        return bool(lowercase_content) and len(words) >= MIN_RUN_WORDS
    particles = _name_particles(words, source_lang)
    lowercase = [g for k, g in enumerate(gaps) if g is not None and _lowercase(words[k]) and k not in particles]
    capitalised = [g for w, g in zip(words, gaps, strict=True) if not _lowercase(w) and g is not None]
    if len(run) < MIN_RUN_WORDS:
        return bool(lowercase) and max(lowercase) >= settings.untranslated_min_foreignness_single
    return (bool(lowercase) and max(lowercase) >= settings.untranslated_min_foreignness) or (
        bool(capitalised) and max(capitalised) >= settings.untranslated_min_foreignness_capitalised
    )


def _lowercase(word: str) -> bool:
    """Lowercase, an elided article aside: "d'Italia", "l'Aquila" are capitalised."""
    head, apostrophe, rest = word.replace("\u2019", "'").partition("'")
    if apostrophe and len(head) <= 2 and rest[:1].isupper():
        return False
    return word[:1].islower()


def _name_particles(words: list[str], lang: str) -> set[int]:
    """Positions of the short function words inside a name, between two capitalised words ("Rio de Janeiro",
    "Lula da Silva", "Place de la Concorde"): they belong to the name, so they do not make it a leftover. In German,
    which capitalises every noun ("Kosten der Reise" is no name), only "von", "zu", "van", "de" and an article right
    after one ("Ursula von der Leyen")."""
    if lang in _NOUNS_CAPITALISED:
        lowered = [w.lower() for w in words]
        marks = [k for k, w in enumerate(lowered) if w in _NAME_MARKS]
        particle = [k in marks or (k - 1 in marks and w in _NAME_ARTICLES) for k, w in enumerate(lowered)]
    else:
        particle = [_lowercase(w) and not is_content_word(w, lang) for w in words]
    capitalised = [k for k, w in enumerate(words) if not _lowercase(w)]
    if len(capitalised) < 2:
        return set()
    return {k for k in range(capitalised[0] + 1, capitalised[-1]) if particle[k]}


def _camel_case(word: str) -> bool:
    """A brand or product written with an inner capital (iPhone, eBay, macOS): a name a translation keeps."""
    return any(ch.isupper() for ch in word[1:]) and not word.isupper()


def _looks_like(text: str, source_lang: str, target_lang: str) -> bool:
    """Does lingua, choosing between just the two languages at hand, say the text is in the source language?"""
    return _source_confidence(text, source_lang, target_lang) > 0.5  # of two, so also above the target's


def _source_confidence(text: str, source_lang: str, target_lang: str) -> float:
    """lingua's confidence, choosing between just the two languages at hand, that the text is in the source
    language (0 where lingua lacks one of them)."""
    detector = _pair_detector(source_lang, target_lang)
    if detector is None:
        return 0.0
    for value in detector.compute_language_confidence_values(text):
        if value.language.iso_code_639_1.name.lower() == source_lang:
            return value.value
    return 0.0


@lru_cache(maxsize=16)
def _pair_detector(source_lang: str, target_lang: str):  # type: ignore[no-untyped-def]
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    try:
        codes = [getattr(IsoCode639_1, code.upper()) for code in (source_lang, target_lang)]
        return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()
    except (AttributeError, ValueError):
        return None
