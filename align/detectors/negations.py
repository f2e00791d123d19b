"""Whether a translation keeps the source's negations, by counting them on both sides.

The word aligner often leaves a negation unlinked where the target plainly has one ("他们村里没有一所学校" /
"their village had no school"), and a negation flag is the loudest an omission can be. A dropped negation leaves the
target with fewer negations than the source; where it has as many, the source's negations count as rendered. What
counts is a negation said, not a negation word (the lists and rules in models/lexicon.json):
- French "ne" is half of "ne ... pas": with "pas" it is one negation, alone none in a translation ("ne ... plus" in
  an original: negation_particles);
- Spanish "nada" after "no" repeats the clause's negation, and in a translation a postverbal "nada" with no "no"
  before it says none (negative_concord, negative_concord_reach);
- "sin embargo" (however), "pas mal" (quite a lot), Chinese "不是 … 就是" (either ... or) and "非 … 不可" (must)
  negate nothing (not_negations), nor does the "not" of a Chinese yes-no question "A not A" (要不要, 答应不答应;
  a_not_a_negations);
- an English word negated by an affix counts ("unsolved", "carelessly": negation_affixes), in a pair only where it
  renders a negation of the other side: linked to it or to one of the two words after it ("no resuelto" /
  "unsolved"); "unemployment" for "desempleo" says no "no" the source has (it hid a dropped one);
- some negations a faithful translation says in other words (until_frames, until_words, litotes, negative_verbs):
  "tant que … n'aura pas", "solange keine", "not … until" where the other side says "until" or "erst"; a negation
  beside a word of negative meaning ("no dudó": was quick to, "non loin": near) unless the other side renders that
  word by one of negative meaning too; and in a translation a verb of negative meaning counts ("declined to
  comment" for "no quiso comentar"); "jamais", "nunca", "mai" right after a superlative ("la plus élevée jamais
  mesurée": ever; superlatives, ever_words), unless a "ne" comes before ("il ne viendra plus jamais"), and the
  expletive "ne" after a "que" that follows a comparison ("plus vite qu'on ne le prévoyait"; expletive_ne_after)
  negate nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Sequence

from align.alignment.words import Word, WordAlignment
from align.detectors.lexicon import (
    a_not_a_negations,
    concord_reach,
    is_affixed_negation,
    is_concord_negation,
    is_litotes_word,
    is_negation,
    is_negation_particle,
    is_negative_meaning,
    is_negative_verb,
    is_prefix_negated,
    is_until_word,
    not_negations,
    until_frames,
    word_list,
)
from align.text.word_segmentation import SEGMENTED_LANGUAGES, alternation

_CONJUNCTIONS = frozenset({"et", "ou", "y", "o", "e", "and", "or", "und", "oder"})
_NEAR = 3  # words either side of a target negation where a source word of negative meaning may render it
_CONCORD_BEFORE = 2  # words a concord word stands at most before the negation it brings ("Ningú d'ells no")
_EN_BEFORE = re.compile(r"(?<![^\W\d_])en\s+$", re.IGNORECASE)
# What ends a clause: punctuation, in Latin and CJK scripts.
_CLAUSE_BREAK = re.compile(r"[,;:.!?¿¡()\[\]\"“”«»—–…，；：。！？、（）]")


def rendered_negations(
    words: WordAlignment, source_text: str, target_text: str, source_lang: str, target_lang: str
) -> list[int]:
    """Indexes of the source's negation words the target renders: all of them where the target says at least as
    many negations as the source, and always those that negate nothing ("A not A", "sin embargo")."""
    negations = [i for i, w in enumerate(words.source) if is_negation(w.text, source_lang)]
    if not negations:
        return []
    source = _Sentence(words.source, source_text, source_lang)
    target = _Sentence(words.target, target_text, target_lang)
    links = set(words.links) | set(words.cosine_links or ())
    backwards = {(j, i) for i, j in links}
    source_affixed = _rendering_negation(source, target, links, is_affixed_negation, (1, 2))
    target_affixed = _rendering_negation(target, source, backwards, is_affixed_negation, (1, 2))
    target_verbs = _rendering_negation(target, source, backwards, is_negative_verb, (-2, -1, 1, 2, 3))
    source_free = source.saying_until(target, links) | source.in_litotes(target, links)
    target_free = target.saying_until(source, backwards) | target.in_litotes(source, backwards)
    said = target.negations(True, target_affixed, target_free, target_verbs)
    if said >= source.negations(False, source_affixed, source_free):
        return negations
    return [i for i in negations if i in source.negating_nothing or i in source_free]


def added_negations(
    words: WordAlignment, source_text: str, target_text: str, source_lang: str, target_lang: str
) -> list[int]:
    """Indexes of target negation words the source does not say, where the target says more negations than the
    source ("aprobó" / "did not approve"). Counted the other way round from rendered_negations: the target low (no
    word negated by an affix, no verb of negative meaning), the source high (its words of negative meaning count:
    "se negó a comentar" / "would not comment", "faltan médicos" / "there are not enough doctors")."""
    if not word_list("negations", source_lang):
        return []  # a source whose negations are not listed cannot be counted ("Mai no vaig pensar")
    target = _Sentence(words.target, target_text, target_lang)
    # A verb negated by its prefix counts low too: a Czech or Latvian interface says with one what English says in
    # other words ("wrong type" / "nepodporuje", does not support; "Undetermined" / "Nezināma").
    prefixed = {j for j, w in enumerate(words.target) if is_prefix_negated(w.text, target_lang)}
    candidates = [
        j
        for j, w in enumerate(words.target)
        if is_negation(w.text, target_lang) and not is_negation_particle(w.text, target_lang) and j not in prefixed
    ]
    if not candidates:
        return []
    source = _Sentence(words.source, source_text, source_lang)
    links = set(words.links) | set(words.cosine_links or ())
    backwards = {(j, i) for i, j in links}
    target_free = target.saying_until(source, backwards, any_until=True) | target.in_litotes(source, backwards)
    target_free |= prefixed | target.without_particle() | target.before_affixed_negation() | target.not_yet(source)
    target_free |= target.in_phrases(word_list("negation_idioms", target_lang))  # "not many", "isn't it?"
    source_said = source.negations(False)
    if source_said:  # "neither workers nor doctors" / "ni trabajadores, ni ... ni médicos"
        correlatives = word_list("correlatives", target_lang)
        target_free |= {j for j, w in enumerate(words.target) if w.text.lower() in correlatives}
    said = target.negations(True, set(), target_free)
    # A word of negative meaning counts where it may render the target's negation: linked to it or to a word near
    # it ("se negó a comentar" / "would not comment"), or to nothing ("l'absence de preuves" / "no evidence"); not
    # where it is linked only to words elsewhere ("El temporal dejó tres muertos" / "The storm left three dead").
    near = {j + step for j in candidates for step in range(-_NEAR, _NEAR + 1)}
    elsewhere = {i for i, j in links if j not in near} - {i for i, j in links if j in near}
    meaning = {
        i for i, word in enumerate(words.source) if i not in elsewhere and is_negative_meaning(word.text, source_lang)
    }
    if said <= max(source_said, _written_inside_words(source_text, source_lang)) + len(meaning):
        return []
    rendering = {j for i, j in links if i in meaning or is_negation(words.source[i].text, source_lang)}
    return [j for j in candidates if j not in target_free and j not in target.negating_nothing and j not in rendering]


def _written_inside_words(text: str, lang: str) -> int:
    """Chinese and Japanese negations counted wherever they are written, inside a word too ("不乐意", "見えない"),
    where the segmenter's words would hide them: an original counted high."""
    entries = word_list("negations", lang)
    if lang not in SEGMENTED_LANGUAGES or not entries:
        return 0
    for word in word_list("negation_inside_no_negation", lang):  # "未来", "非洲", "莫斯科", "まず"
        text = text.replace(word, "")
    return len(re.findall(alternation(entries), text))


def _rendering_negation(
    side: _Sentence,
    other: _Sentence,
    links: set[tuple[int, int]],
    of_kind: Callable[[str, str], bool],
    steps: tuple[int, ...],
) -> set[int]:
    """The words of `side` of a kind (negated by an affix: "unsolved"; a verb of negative meaning: "declined") that
    render a negation of `other`: linked to one of its negation words, or to a word `steps` from it in its clause
    ("no resuelto" / "unsolved", "no quiso" / "declined", "wollte … nicht" / "declined"). "unemployment" for
    "desempleo", "rejected" for "rechazó" render no negation of the source."""
    negating = {
        k
        for k, word in enumerate(other.words)
        if is_negation(word.text, other.lang) and k not in other.negating_nothing
    }
    rendering = negating | {
        k + step
        for k in negating
        for step in steps
        if 0 <= k + step < len(other.words) and other.clause_of[k + step] == other.clause_of[k]
    }
    return {
        i
        for i, word in enumerate(side.words)
        if of_kind(word.text, side.lang) and any((i, k) in links for k in rendering)
    }


def negation_count(words: Sequence[Word], text: str, lang: str, as_translation: bool) -> int:
    """How many negations the text says (see the module's docstring for what counts). Where a word's part is in
    doubt, a translation is counted low and an original high, so a negation is taken as rendered only where the count
    says so clearly: in a translation a concord word with no negation before it counts only among its clause's first
    words ("había ninguna institución" has lost its "no"), in an original always ("que ninguno de los bandos pierde");
    a particle with no other negation in its clause counts in an original only ("il ne vient plus": "plus" is no
    negation word, being "more" as often)."""
    return _Sentence(words, text, lang).negations(as_translation)


class _Sentence:
    """The words of one side with the clause each sits in, and which of its negation words negate nothing."""

    def __init__(self, words: Sequence[Word], text: str, lang: str) -> None:
        self.words, self.lang, self.text = words, lang, text
        self.breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text)]
        self.clause_of = [self._clause_at(w.start) for w in words]
        self.negating_nothing = {i for i in range(len(words)) if _a_not_a(words, i, lang)}
        self.negating_nothing |= self.in_phrases(not_negations(lang))
        self.negating_nothing |= self._superlative_ever() | self._expletive_ne()

    def negations(
        self,
        as_translation: bool,
        affixed: set[int] | None = None,
        free: set[int] | None = None,
        negative_verbs: set[int] | None = None,
    ) -> int:
        """`affixed`: the words negated by an affix that count (None: every one); `free`: negation words whose sense
        the other side says in other words (saying_until, in_litotes), which do not count; `negative_verbs`: in a
        translation, the verbs of negative meaning that render a negated verb ("declined to comment" for "no quiso
        comentar"), which count."""
        words, lang, count = self.words, self.lang, 0
        for i, word in enumerate(words):
            if is_affixed_negation(word.text, lang) and not is_prefix_negated(word.text, lang):
                count += affixed is None or i in affixed
                continue
            if as_translation and i in (negative_verbs or ()):
                # "did not fail" says one negation, the "not": the verb counts only where none bears on it
                count += not any(is_negation(words[k].text, lang) for k in self._clause(i) if i - 3 <= k < i)
                continue
            if not is_negation(word.text, lang) or i in self.negating_nothing or i in (free or ()):
                continue
            if is_negation_particle(word.text, lang):
                if as_translation or any(
                    is_negation(words[k].text, lang) and not is_negation_particle(words[k].text, lang)
                    for k in self._clause(i)
                ):
                    continue
            elif is_concord_negation(word.text, lang):
                before = [k for k in self._clause(i) if k < i]
                if any(is_negation(words[k].text, lang) for k in before):
                    continue
                if as_translation and len(before) >= concord_reach(lang):
                    continue
            elif any(is_concord_negation(words[k].text, lang) for k in self._clause(i) if i - _CONCORD_BEFORE <= k < i):
                continue  # "Nimeni nu a venit", "Ningú no va venir": the verb's negation repeats the concord word's
            count += 1
        return count

    def not_yet(self, other: _Sentence) -> set[int]:
        """Negations beside "yet" or "still" ("has not yet been assessed", "still not built"), where the other side
        says "still" ("todavía quedan por evaluar", "ancora da fissare", "ainda está por construir")."""
        if not any(w.text.lower() in word_list("still_words", other.lang) for w in other.words):
            return set()
        beside = word_list("not_yet", self.lang)
        return {
            i
            for i, word in enumerate(self.words)
            if is_negation(word.text, self.lang)
            and any(self.words[k].text.lower() in beside for k in self._clause(i) if abs(k - i) <= 2)
        }

    def before_affixed_negation(self) -> set[int]:
        """Negations bearing on a word negated by an affix ("not uncommon", "not unlike"): the two say a positive."""
        return {
            i
            for i, word in enumerate(self.words)
            if is_negation(word.text, self.lang)
            and any(is_affixed_negation(self.words[k].text, self.lang) for k in self._negated_word(i))
        }

    def without_particle(self) -> set[int]:
        """Words that say a negation only with their particle in the clause (French "pas", "plus", "rien" without a
        "ne": "trois empreintes de pas", "plus haut"), in a translation, where an added negation is looked for."""
        needing = word_list("negations_with_particle", self.lang)
        return {
            i
            for i, word in enumerate(self.words)
            if word.text.lower() in needing
            and not any(_particle_form(self.words[k].text, self.lang) for k in self._clause(i))
        }

    def saying_until(self, other: _Sentence, links: set[tuple[int, int]], any_until: bool = False) -> set[int]:
        """Negation words that with a conjunction of their clause say "until" ("tant que … n'aura pas", "solange
        keine", "not … until"), where the other side says "until" ("until", "erst", "bis") by words linked to that
        clause (an "until" elsewhere in the sentence renders something else). `any_until`: every word for "until"
        renders "not … until", as in an original against a translation's added negation ("cerrado hasta el lunes" /
        "will not reopen until Monday"), not only those a dropped one could hide behind."""
        found: set[int] = set()
        negations = [i for i, w in enumerate(self.words) if is_negation(w.text, self.lang)]
        untils: set[int] = set()
        for frame in until_frames(self.lang):
            conjunction_first = frame.endswith("…")
            after_negation = not conjunction_first and not any_until
            said = [j for j, w in enumerate(other.words) if is_until_word(w.text, other.lang, after_negation)]
            if not said:
                continue
            untils.update(said)
            conjunction = frame.replace("…", "").strip()
            for match in re.finditer(rf"(?<!\w){re.escape(conjunction)}(?!\w)", self.text, re.IGNORECASE):
                if _EN_BEFORE.search(self.text, 0, match.start()):  # "en tant que": as (not "reopen until")
                    continue
                clause = self._clause_at(match.start())
                found.update(
                    i
                    for i in negations
                    if self.clause_of[i] == clause
                    and (
                        self.words[i].start >= match.end() if conjunction_first else self.words[i].end <= match.start()
                    )
                )
        near = {j + step for j in untils for step in range(-3, 4)}
        rendered = {self.clause_of[mine] for mine, j in links if j in near}
        return {i for i in found if self.clause_of[i] in rendered}

    def in_litotes(self, other: _Sentence, links: set[tuple[int, int]]) -> set[int]:
        """Negation words bearing on a word of negative meaning ("no dudó", "zögerte nicht", "non loin", "pas
        négligeable"; _negated_word): the two say a positive ("was quick to", "near"), where the other side renders
        that word by one of positive meaning, or leaves it unrendered and has no word of negative meaning at all
        ("did not hesitate", "is small": there the negation is needed)."""
        negative_there = any(is_litotes_word(w.text, other.lang) for w in other.words)
        found = set()
        for i, word in enumerate(self.words):
            if not is_negation(word.text, self.lang) or i in self.negating_nothing:
                continue
            for k in self._negated_word(i):
                if not is_litotes_word(self.words[k].text, self.lang):
                    continue
                partners = [j for mine, j in links if mine == k]
                if partners:
                    positive = not any(is_litotes_word(other.words[j].text, other.lang) for j in partners)
                else:
                    positive = not negative_there
                if positive:
                    found.add(i)
        return found

    def _negated_word(self, i: int) -> list[int]:
        """The word negation i bears on, where a litotes would stand: the next one ("no dudó", "non loin"), the one
        after a copula ("n'est pas négligeable", "não é pequeno"), in German also the verb before ("zögerte nicht")."""
        found = []
        if i + 1 < len(self.words) and self.clause_of[i + 1] == self.clause_of[i]:
            found.append(i + 1)
            copula = self.words[i + 1].text.lower() in word_list("copulas", self.lang)
            if copula and i + 2 < len(self.words) and self.clause_of[i + 2] == self.clause_of[i]:
                found.append(i + 2)
        if self.lang == "de" and i > 0 and self.clause_of[i - 1] == self.clause_of[i]:
            found.append(i - 1)
        return found

    def _superlative_ever(self) -> set[int]:
        """ "jamais", "nunca", "mai" right after a superlative (up to three words on, no conjunction or "ne" between:
        "la plus élevée jamais mesurée", "la cifra más alta jamás registrada"): "ever", no negation."""
        ever, superlatives = word_list("ever_words", self.lang), word_list("superlatives", self.lang)
        found = set()
        for i, word in enumerate(self.words):
            if word.text.lower() not in ever:
                continue
            for k in range(max(0, i - 3), i):
                between = self.words[k + 1 : i]
                if (
                    self.words[k].text.lower() in superlatives
                    and self.clause_of[k] == self.clause_of[i]
                    and not self._particle_before(k)
                    and not any(w.text.lower() in _CONJUNCTIONS or _particle_form(w.text, self.lang) for w in between)
                ):
                    found.add(i)
        return found

    def _expletive_ne(self) -> set[int]:
        """A French "ne" with no other negation in its clause, after a "que" that follows a comparison or "avant",
        "de peur" ("plus vite qu'on ne le prévoyait", "avant qu'il ne soit trop tard"): no negation."""
        triggers = word_list("expletive_ne_after", self.lang)
        found = set()
        for i, word in enumerate(self.words):
            if not _particle_form(word.text, self.lang):
                continue
            clause = self._clause(i)
            others = [k for k in clause if not _particle_form(self.words[k].text, self.lang)]
            if any(is_negation(self.words[k].text, self.lang) for k in others):
                continue
            que = [
                k
                for k in clause
                if i - 4 <= k < i
                and (self.words[k].text.lower() == "que" or self.words[k].text.lower().startswith(("qu'", "qu’")))
            ]
            if que and any(self.words[k].text.lower() in triggers for k in clause if k < que[0]):
                found.add(i)
        return found

    def _clause_at(self, offset: int) -> int:
        return bisect_left(self.breaks, offset)  # the clause breaks before the offset

    def _clause(self, i: int) -> list[int]:
        """The other words of word i's clause."""
        return [k for k in range(len(self.words)) if k != i and self.clause_of[k] == self.clause_of[i]]

    def in_phrases(self, phrases: frozenset[str]) -> set[int]:
        """Words of the phrases (not_negations, negation_idioms): adjacent words ("sin embargo"), or a frame whose
        second part comes later in the same clause ("不是 … 就是": either ... or; "非 … 不可": must)."""
        texts = [w.text.lower() for w in self.words]
        found: set[int] = set()
        for phrase in phrases:
            first, _, second = phrase.partition(" … ")
            if second:
                for i in (i for i, text in enumerate(texts) if text == first):
                    later = [k for k in range(i + 1, len(texts)) if self.clause_of[k] == self.clause_of[i]]
                    closing_words = second.split()  # "no … más que": the second part may be words
                    closing = [k for k in later if texts[k : k + len(closing_words)] == closing_words]
                    if closing:
                        found.update((i, *range(closing[0], closing[0] + len(closing_words))))
                continue
            parts = phrase.split()
            for i in range(len(texts) - len(parts) + 1):
                if texts[i : i + len(parts)] == parts:
                    found.update(range(i, i + len(parts)))
        return found

    def _particle_before(self, i: int) -> bool:
        """A negation particle, or its elided form ("n'a"), before word i in its clause: "il ne viendra plus jamais"
        is a negation, where "la plus élevée jamais mesurée" (the highest ever) is none."""
        return any(
            self.clause_of[k] == self.clause_of[i] and _particle_form(self.words[k].text, self.lang) for k in range(i)
        )


def _particle_form(text: str, lang: str) -> bool:
    elided = len(text) > 2 and text[1] in "'’" and is_negation_particle(text[0] + "e", lang)
    return elided or is_negation_particle(text, lang)


def _a_not_a(words: Sequence[Word], i: int, lang: str) -> bool:
    """Word i is the "not" of an A-not-A question: 要/不要, 有/没有, or 答应/不/答应 written together."""
    negations = a_not_a_negations(lang)
    if not negations or i == 0:
        return False
    word, before = words[i], words[i - 1]
    if before.end != word.start or not word.text.startswith(negations):
        return False
    if word.text[1:] == before.text:
        return True
    if len(word.text) == 1 and i + 1 < len(words):
        after = words[i + 1]
        return after.start == word.end and after.text == before.text
    return False
