"""Roles swapped: the translation keeps both parties of an event and its verb but exchanges who does it and who
undergoes it ("El Barcelona venció al Real Madrid" / "Real Madrid beat Barcelona", "La policía detuvo al
sospechoso" / "The suspect arrested the police"). Every word has its partner, so no omission shows it, and no value
or name differs.

Each side's parties are read around a verb the word aligner links across: the nearest party before it and after it
in its clause. A party is a name or a noun after a determiner ("the suspect"), not one inside a prepositional phrase
("in Seville", "los diseños del arquitecto italiano Andrea Palladio"). The one before does it, unless words say
otherwise: an agent's preposition after a passive's auxiliary ("was beaten by Real Madrid", "fue detenido por la
policía"), an object's marker and pronoun ("Al ministro lo sustituyó García"), a German accusative or dative ("Den
Pokal gewann Bayern"), a German or Dutch verb after both parties (the first does it), a relative pronoun that can
only stand for the doer ("Inter, who beat Milan"), Chinese 被 and 把 between two parties before the verb. Where the
words leave the roles open, nothing is read: an object's pronoun without a marker ("El primer gol lo marcó Morata"),
a German or Dutch clause opening with a phrase of unsaid case ("Die Wahl gewann die CDU"), a passive without its
doer, a verb relating its parties either way ("met with", "empató con") or whose converse no list holds ("pertenece
a" / "owns"), parties joined ("Sánchez y Feijóo"), another clause between party and verb. A verb rendered by its
converse ("perdió" / "beat", "compró" / "sold": opposites.json's converse sets) exchanges the roles in a faithful
translation. Which parties correspond is read from the word vectors, the links and names (a place of the CLDR
lists, a name spelt alike), since in context a name takes on its place in the sentence ("Ucrania" sits nearer
"Russia" than "Ukraine" when the two changed places).

Only pairs with an English or Chinese side are read: there a word's part of speech is known (lemminflect's English
lexicon, jieba's tags), and a noun or an adjective between two nouns ("power stations", "schwarze Bären") is no
verb. The word lists are data (models/roles.json)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from rapidfuzz.fuzz import ratio

from align.alignment.words import Word, WordAlignment
from align.detectors.closed_sets import find_named, named_words
from align.detectors.lexicon import (
    ELIDED,
    MODELS_DIR,
    english_readings,
    folded,
    is_auxiliary,
    is_content_word,
    word_list,
)
from align.detectors.opposites import OPPOSITES, converse_sets
from align.detectors.places import find_places
from align.text.word_segmentation import SEGMENTED_LANGUAGES, chinese_word_tag

ROLES = "roles.json"
_DECISIVE = 0.5  # how much better one pairing of the parties must match than the other (a link counts 1)
_ALIKE = 80  # spelling ratio (0-100) of two names read as one ("Rusia" / "Russia")
_REACH = 8  # words from the verb within which its parties are looked for
_ADJECTIVES_BEFORE = 2  # words between a determiner and its noun ("the Spanish riot police")
_TAGGED = frozenset({"en", "zh"})  # languages whose verbs are told from other words
_VERB_LAST = frozenset({"de", "nl"})  # languages whose verb may follow both its parties
_NOT_EVENTS = frozenset({"be", "have", "do", "say", "tell"})  # English verbs whose parties are no doer and undergoer
_SENTENCE_END = frozenset(".!?;:\"“”«»'()[]—–-")


@dataclass(frozen=True)
class Party:
    first: int  # word indexes of the party's phrase, determiner included
    last: int
    named_from: int  # its first word after the determiner

    @property
    def words(self) -> range:
        return range(self.first, self.last + 1)

    def named(self, side: list[Word]) -> str:
        """The party's words after its determiner ("Real Madrid", "sospechoso")."""
        return " ".join(side[k].text for k in range(self.named_from, self.last + 1))


@dataclass(frozen=True)
class Roles:
    verb: int
    agent: Party
    undergoer: Party
    passive: bool

    def extent(self) -> tuple[int, int]:
        """The first and last word of the two parties, determiners aside (what a flag spans)."""
        return min(self.agent.named_from, self.undergoer.named_from), max(self.agent.last, self.undergoer.last)


@dataclass(frozen=True)
class RoleSwap:
    source: Roles
    target: Roles


def swapped_roles(
    words: WordAlignment, source_text: str, target_text: str, lang: str, target_lang: str
) -> list[RoleSwap]:
    """Source verbs whose parties the target gives each other's role (or keeps, where the target says the verb's
    converse)."""
    return _role_pairs(words, source_text, target_text, lang, target_lang, swapped=True)


def kept_roles(words: WordAlignment, source_text: str, target_text: str, lang: str, target_lang: str) -> list[RoleSwap]:
    """The reverse: verbs whose parties the target reads in the same roles (what a benchmark may exchange)."""
    return _role_pairs(words, source_text, target_text, lang, target_lang, swapped=False)


def _role_pairs(
    words: WordAlignment, source_text: str, target_text: str, lang: str, target_lang: str, swapped: bool
) -> list[RoleSwap]:
    if not {lang, target_lang} & _TAGGED or not _known(lang) or not _known(target_lang):
        return []
    # Names, times and converse verbs are read only for a pair with a verb linked across: most pairs have none
    # whose parties both sides read, and reading them costs most of the time (every word pair's spelling).
    names = cache(lambda: _NameMatches.of(words, source_text, target_text, lang, target_lang))
    source_side = _Side(words.source, source_text, lang, words, names, target_side=False, other_lang=target_lang)
    target_side = _Side(words.target, target_text, target_lang, words, names, target_side=True, other_lang=lang)
    found: list[RoleSwap] = []
    seen: set[tuple[range, range]] = set()
    for i, j in sorted(words.links):
        if not source_side.verb_like(i) or not target_side.verb_like(j):
            continue
        source = source_side.roles(i)
        target = target_side.roles(j) if source else None
        if source is None or target is None:
            continue
        exchanged = _exchanged(words, source, target, names())
        if exchanged is None:
            continue
        converse = _converse(source_side.converse.get(i), target_side.converse.get(j), source.passive, target.passive)
        if (exchanged != converse) != swapped:
            continue
        key = (source.agent.words, source.undergoer.words)
        if key not in seen:
            seen.add(key)
            found.append(RoleSwap(source, target))
    return found


@dataclass(frozen=True)
class _NameMatches:
    """Pairs of source and target words that name the same thing: one place of the CLDR lists (places.py), or
    capitalised words spelt alike, accents aside ("Bayern München" / "Bayern Munich", "Rusia" / "Russia")."""

    pairs: frozenset[tuple[int, int]]
    source_names: frozenset[int]
    target_names: frozenset[int]

    @staticmethod
    def of(words: WordAlignment, source_text: str, target_text: str, lang: str, target_lang: str) -> _NameMatches:
        source_places = named_words(words.source, find_places(source_text, lang))
        target_places = named_words(words.target, find_places(target_text, target_lang))
        pairs = {
            (i, j)
            for i, a in enumerate(words.source)
            for j, b in enumerate(words.target)
            if (i in source_places and source_places[i] == target_places.get(j)) or _spelt_alike(a.text, b.text)
        }
        return _NameMatches(frozenset(pairs), frozenset(i for i, _ in pairs), frozenset(j for _, j in pairs))


class _Side:
    """One side's words as the role reading sees them."""

    def __init__(
        self,
        side: list[Word],
        text: str,
        lang: str,
        words: WordAlignment,
        names: Callable[[], _NameMatches],
        target_side: bool,
        other_lang: str,
    ) -> None:
        self.side, self.lang = side, lang
        self.other = words.source if target_side else words.target
        self.other_lang = other_lang
        self.text, self.target_side, self.names = text, target_side, names
        self.partners: dict[int, list[int]] = {}
        for i, j in words.links:
            a, b = (j, i) if target_side else (i, j)
            self.partners.setdefault(a, []).append(b)
        self.words = words
        self.party = cache(self._party)

    @cached_property
    def nearest(self) -> list[int]:
        """Per word, the other side's word most similar to it (only segmented languages ask)."""
        return self.words.similarity.argmax(axis=0 if self.target_side else 1).tolist()

    @cached_property
    def times(self) -> frozenset[int]:
        return _time_words(self.side, self.text, self.lang)

    @cached_property
    def named(self) -> frozenset[int]:
        """Words of this side that name what a word of the other side names."""
        names = self.names()
        return names.target_names if self.target_side else names.source_names

    @cached_property
    def converse(self) -> dict[int, tuple[str, int]]:
        return _converse_members(self.text, self.side, self.lang)

    def verb_like(self, k: int) -> bool:
        """A word that may be the verb of two parties: content, not capitalised, not right after a determiner or a
        preposition ("the access", "to express"), and a verb where the language's tags tell ("beat", "击败")."""
        text = self.side[k].text
        if not _letters(text) or not is_content_word(text, self.lang) or _capitalised(text, self.lang):
            return False
        if _kind_of(text, self.lang) is not None or self._ends_clause(k):
            return False
        if k > 0 and _kind_of(self.side[k - 1].text, self.lang) in ("determiners", "prepositions", "agent_markers"):
            return False
        if self.lang == "en":
            before = self.side[k - 1].text if k > 0 else ""
            after_verb = _only_verb(before) and before.islower() and not is_auxiliary(before, "en")
            # "power stations", "nuclear plants", "The Inditex group owns": a noun after a word of its phrase, not a
            # verb after its subject, unless a past tense says a verb ("Sporting beat Benfica", "The union accused")
            after_word = is_content_word(before, "en") and not _adverb(before) and _english_noun(text)
            compound = after_word and not _english_past(text)
            return _english_verb(text) and not after_verb and not compound
        if self.lang == "zh":  # not a verb of being, happening or having ("花莲县海域发生地震": the earthquake struck)
            return chinese_word_tag(text).startswith("v") and text not in _words("unread_verbs", "zh")
        return True

    def roles(self, verb: int) -> Roles | None:
        """Who does and who undergoes the verb, or None where the words do not say."""
        before = self._party_before(verb)
        if before is None:
            return None
        party, marker = before
        if marker in ("agent_before_verb", "undergoer_before_verb"):  # Chinese: 甲被乙击败 / 甲把乙击败
            other = self._party_before(party.first)
            if other is None or other[1] is not None:
                return None
            if marker == "agent_before_verb":
                return Roles(verb, party, other[0], passive=True)
            return Roles(verb, other[0], party, passive=False)
        after = self._party_after(verb)
        if after is None:
            return self._verb_last(verb) if self.lang in _VERB_LAST else None
        other, other_marker = after
        passive = self._passive(verb)
        if other_marker == "agent_markers":
            return None if marker == "fronted_object" else Roles(verb, other, party, passive=True)
        if passive:
            return None  # a passive without its doer ("was awarded the prize"): the parties are no doer and undergoer
        if marker == "relative_either" and other_marker != "object_markers":
            return None  # "la reforma que ha aprobado el Congreso": the pronoun may stand for either party
        if marker == "fronted_object":
            return Roles(verb, other, party, passive=False)
        if self._object_first_possible(party, other, verb):
            return None
        return Roles(verb, party, other, passive=False)

    def _passive(self, verb: int) -> bool:
        """A passive's auxiliary within a few words before the verb (anywhere before it in its clause where the verb
        may come last), the verb no English "-ing" form ("is beating" is no passive)."""
        if self.lang == "en" and self.side[verb].text.lower().endswith("ing"):
            return False
        reach = 2 * _REACH if self.lang in _VERB_LAST else 3
        for k in range(verb - 1, max(-1, verb - 1 - reach), -1):
            if self._ends_clause(k):
                return False
            if _stem(self.side[k].text).lower() in _words("passive_auxiliaries", self.lang):
                return True
        return False

    def _object_first_possible(self, party: Party, other: Party, verb: int) -> bool:
        """Whether the party before the verb may be its object put first: an object's pronoun before the verb
        ("El primer gol lo marcó Morata", "l'ha comprato"), or, in German and Dutch, a clause that opens with a
        phrase whose determiner does not say its case ("Das Finale gewann Bayern", "Die wedstrijd won Ajax")."""
        if self._clitic_before(verb) or self._enclitic(verb):
            return True
        determiner = self.side[party.first].text.lower()
        opens = self._opens_clause(party.first)
        if self.lang not in _VERB_LAST or not opens or _kind_of(determiner, self.lang) != "determiners":
            return False
        said = _words("subject_determiners", self.lang)
        return determiner not in said and self.side[other.first].text.lower() not in _words(
            "object_determiners", self.lang
        )

    def _party_before(self, verb: int) -> tuple[Party, str | None] | None:
        """The nearest party before the verb in its clause, with what marks it (fronted_object, agent_before_verb,
        undergoer_before_verb, or None)."""
        k = verb - 1
        while k >= 0 and verb - k <= _REACH:
            if self._ends_clause(k):
                return self._antecedent(k)
            if not self.party(k) and not (k == verb - 1 and self._bare_noun(k)):
                k -= 1
                continue
            party = self._phrase(k, limit=verb)
            marker = self._marker_before(party, verb)
            if marker in ("coordinators", "comitatives"):
                return None
            if marker in ("prepositions", "agent_markers"):
                k = party.first - 1
                continue
            if marker == "object_markers" or self._object_case(party):
                return (party, "fronted_object") if self._fronted(party, verb) else None
            return party, marker
        return None

    def _antecedent(self, opener: int) -> tuple[Party, str | None] | None:
        """Where a relative pronoun stands between the verb and the parties before it ("El Osasuna, que eliminó al
        Getafe", "Inter, who were knocked out"): the party it stands for, the one right before it, which does the
        verb, or undergoes it after an object's marker ("el equipo al que venció el Bayern")."""
        pronoun = self.side[opener].text.lower()
        if pronoun in _words("relative_subjects", self.lang):
            marker: str | None = None
        elif pronoun in _words("relative_either", self.lang):
            marker = "relative_either"
        else:
            return None
        k = opener - 1
        if k >= 0 and _kind_of(self.side[k].text, self.lang) == "determiners":
            k -= 1
        if k >= 0 and _kind_of(self.side[k].text, self.lang) == "object_markers":
            k, marker = k - 1, "fronted_object"
        if k >= 0 and self.side[k].text == ",":
            k -= 1
        if k < 0 or not self.party(k):
            return None
        party = self._phrase(k, limit=k + 1)
        if self._marker_before(party, opener) in ("prepositions", "coordinators", "comitatives"):
            return None
        return party, marker

    def _verb_last(self, verb: int) -> Roles | None:
        """German and Dutch put a participle or a subordinate clause's verb after both parties ("hat Finanzminister
        Lindner entlassen", "dass die Gewerkschaft die Post verklagt hat"): the first does it, unless a passive's
        agent preposition opens either ("von Russland angegriffen", "Von einem Gericht wurde Birdal verurteilt") or
        the first is in the accusative or dative; a passive without its doer says nothing."""
        parties = self._parties_before(verb)
        if len(parties) != 2:
            return None
        (first, first_marker), (second, second_marker) = parties
        passive = self._passive(verb)
        if "agent_markers" in (first_marker, second_marker):  # "Von einem solchen Gericht wurde Birdal verurteilt"
            if not passive or first_marker == second_marker:
                return None
            agent, undergoer = (first, second) if first_marker == "agent_markers" else (second, first)
            return Roles(verb, agent, undergoer, passive=True)
        if passive:
            return None
        if self._object_case(first):
            return Roles(verb, second, first, passive=False)
        return Roles(verb, first, second, passive=False)

    def _parties_before(self, verb: int) -> list[tuple[Party, str | None]]:
        """The parties of the verb's clause before it, in order, those inside a prepositional phrase left out (an
        agent's kept); none where parties are joined or a verb relates them either way."""
        found: list[tuple[Party, str | None]] = []
        k = verb - 1
        while k >= 0 and verb - k <= 2 * _REACH:
            if self._ends_clause(k):
                break
            if not self.party(k):
                k -= 1
                continue
            party = self._phrase(k, limit=verb)
            marker = self._marker_before(party, verb)
            if marker in ("coordinators", "comitatives"):
                return []
            if marker != "prepositions":
                found.append((party, marker))
            k = party.first - 1
        return found[::-1]

    def _party_after(self, verb: int) -> tuple[Party, str | None] | None:
        """The nearest party after the verb in its clause, past those inside a prepositional phrase, with what marks
        it (agent_markers, object_markers or None)."""
        k = verb + 1
        while k < len(self.side) and k - verb <= _REACH:
            if self._ends_clause(k):
                return None
            if not self.party(k) and not (k == verb + 1 and self._bare_noun(k)):
                k += 1
                continue
            party = self._phrase(k, limit=len(self.side))
            marker = self._marker_before(party, verb)
            if marker in ("coordinators", "comitatives"):
                return None
            if marker == "prepositions" or (marker == "agent_markers" and not self._passive(verb)):
                k = party.last + 1  # "fichó por el Barcelona", "stood by": no passive, so no doer
                continue
            return party, marker
        return None

    def _phrase(self, k: int, limit: int) -> Party:
        """The party's words: a run of names with it, and the determiner before it (past a few adjectives)."""
        side, lang = self.side, self.lang
        first = last = k
        if lang in SEGMENTED_LANGUAGES:  # "吉利 汽车": nouns side by side make one name
            while first - 1 >= 0 and self.party(first - 1):
                first -= 1
            while last + 1 < limit and self.party(last + 1):
                last += 1
        else:
            while first - 1 >= 0 and (self._name_word(first - 1) or self._particle(first - 1, first - 2)):
                first -= 1
            while last + 1 < limit and (self._name_word(last + 1) or self._particle(last + 1, last + 2, limit)):
                last += 1
            while last + 1 < limit and self._goes_on(last + 1, limit):
                last += 1
        named_from = first
        for back in range(1, _ADJECTIVES_BEFORE + 2):
            at = named_from - back
            if at < 0 or self._ends_clause(at):
                break
            kind = _kind_of(side[at].text, lang)
            if kind == "determiners":
                first = at
                break
            if kind is not None or not is_content_word(side[at].text, lang) or self.party(at):
                break
        return Party(first, last, named_from)

    def _particle(self, k: int, beyond: int, limit: int | None = None) -> bool:
        """A name's particle between two of its capitalised words ("Olympique de Marseille", "Atlético de Madrid")."""
        inside = 0 <= beyond < (len(self.side) if limit is None else limit)
        particle = self.side[k].text in _words("name_particles", self.lang)
        return particle and inside and self._name_word(beyond)

    def _goes_on(self, k: int, limit: int) -> bool:
        """Whether word k goes on the phrase before it ("the finance minister", "army positions"): content, no number
        and on no list; up to the verb before it, and not a word that can only be a verb after it."""
        text = self.side[k].text
        if not _letters(text) or any(ch.isdigit() for ch in text) or not is_content_word(text, self.lang):
            return False
        if _kind_of(text, self.lang) is not None or self._ends_clause(k) or k in self.times:
            return False
        return limit < len(self.side) or self.lang != "en" or not _only_verb(text)

    def _name_word(self, k: int) -> bool:
        text = self.side[k].text
        return _capitalised(text, self.lang) and _kind_of(text, self.lang) is None and k not in self.times

    def _marker_before(self, party: Party, verb: int) -> str | None:
        """Which list's word stands before the party's phrase (an elided one first: "d'Al-Shifa", "dall'Inter"),
        past the words of a phrase it goes on ("el arquitecto italiano Andrea Palladio" is in "del arquitecto"); None
        for the verb, an auxiliary or the clause's start."""
        elided = _elided(self.side[party.first].text)
        if elided:
            return _kind_of(elided, self.lang)
        at = party.first - 1
        if at < 0 or at == verb or self._ends_clause(at):
            return None
        opens = _kind_of(self.side[party.first].text, self.lang) == "determiners"
        if opens and _kind_of(self.side[at].text, self.lang) is None:
            return None  # a determiner opens a phrase of its own
        while at >= 0 and at != verb and not self._ends_clause(at) and at not in self.times:
            kind = _kind_of(self.side[at].text, self.lang)
            told = self.lang in _TAGGED and self.verb_like(at)  # elsewhere a verb is not told from an adjective
            if kind is None and (not is_content_word(self.side[at].text, self.lang) or told):
                return None  # an auxiliary, a pronoun, another verb: the party stands right after it
            if kind not in (None, "determiners"):
                return kind
            # A word of the phrase before ("the designs of the architect Palladio", "US company WK Kellogg"):
            # what stands before that phrase decides.
            at -= 1
        return None

    def _party(self, k: int) -> bool:
        """Whether word k may name a party: a name, or a noun after a determiner or an object's marker."""
        text, lang = self.side[k].text, self.lang
        if not _letters(_stem(text)) or _kind_of(text, lang) is not None:
            return False
        if not is_content_word(text, lang) and not _capitalised(text, lang):  # "PSV" where no list is kept
            return False
        if k in self.times:
            return False
        if lang == "zh":
            return chinese_word_tag(text).startswith("n") or self._partner_named(k, anywhere=True)
        if lang in SEGMENTED_LANGUAGES:
            return self._partner_named(k, anywhere=True)
        before = _elided(text) or (self.side[k - 1].text if k > 0 else "")
        if _kind_of(before, lang) in ("determiners", "object_markers"):
            return True
        if not _capitalised(text, lang):
            return False
        # A capital starts every sentence, and every German noun: there it takes a name the other side shares.
        if lang == "de" or k == 0 or self.side[k - 1].text in _SENTENCE_END:
            return k in self.named or self._partner_named(k, anywhere=False)
        return True

    def _bare_noun(self, k: int) -> bool:
        """An English noun right beside the verb, with no determiner ("Police arrested", "bombed army positions")."""
        text = self.side[k].text
        if self.lang != "en" or k in self.times or _kind_of(text, "en") is not None or _adverb(text):
            return False  # "knocked out", "now"
        return is_content_word(text, "en") and _english_noun(text)

    def _partner_named(self, k: int, anywhere: bool) -> bool:
        """Whether the word's partner on the other side (linked, or nearest where `anywhere`) is a capitalised word
        that does not start its sentence."""
        partners = self.partners.get(k, []) + ([self.nearest[k]] if anywhere else [])
        return any(
            _capitalised(self.other[b].text, self.other_lang)
            and b > 0
            and self.other[b - 1].text not in _SENTENCE_END
            and self.other_lang != "de"
            for b in partners
        )

    def _object_case(self, party: Party) -> bool:
        """A German determiner in the accusative or dative opens the party ("den Pokal", "dem Minister")."""
        return self.side[party.first].text.lower() in _words("object_determiners", self.lang)

    def _fronted(self, party: Party, verb: int) -> bool:
        """An object put first, as the language marks it: the clause's first words right before the verb (German
        "Den Pokal gewann Bayern"), or with its pronoun before the verb (Spanish "Al ministro lo sustituyó")."""
        first = (
            party.first - 1
            if party.first > 0 and _kind_of(self.side[party.first - 1].text, self.lang) == "object_markers"
            else party.first
        )
        if _words("object_clitics", self.lang):
            return self._opens_clause(first) and self._clitic_before(verb)
        return self._opens_clause(first) and party.last + 1 == verb

    def _enclitic(self, verb: int) -> bool:
        """An object pronoun written onto the verb after a hyphen ("marcou-o")."""
        text = self.side[verb].text.lower()
        return "-" in text and text.rsplit("-", 1)[1] in _words("enclitics", self.lang)

    def _clitic_before(self, verb: int) -> bool:
        """An object pronoun right before the verb, or elided onto its auxiliary ("lo sustituyó", "l'ha comprato")."""
        clitics = _words("object_clitics", self.lang)
        for k in (verb - 1, verb - 2):
            if k < 0:
                return False
            text = self.side[k].text.lower()
            auxiliary = _auxiliary(text, self.lang)
            if text in clitics or (_elided(text) in clitics and auxiliary):  # "l'ha", not "l'Inter"
                return True
            if not auxiliary:
                return False
        return False

    def _opens_clause(self, k: int) -> bool:
        return k == 0 or self._ends_clause(k - 1)

    def _ends_clause(self, k: int) -> bool:
        """Punctuation, or a word that opens another clause ("que", "which", "的")."""
        text = self.side[k].text
        word = (_elided(text) or text).lower()
        return not any(ch.isalnum() for ch in text) or word in _words("clause_openers", self.lang)


def _exchanged(words: WordAlignment, source: Roles, target: Roles, names: _NameMatches) -> bool | None:
    """Whether the target gives the source's parties each other's role (True) or keeps them (False): the pairing
    whose parties match better by their words' similarity, links and names, by a clear margin, and with a link or
    a name behind each of its two pairs (None where the words do not say)."""

    # A word both parties of a side share ("Ana Botín" and her father "Emilio Botín") tells neither apart.
    shared_source = _shared(words.source, source)
    shared_target = _shared(words.target, target)
    links = set(words.links)

    def match(one: Party, other: Party) -> tuple[float, bool]:
        cells = [(i, j) for i in one.words for j in other.words if i not in shared_source and j not in shared_target]
        if not cells:
            return 0.0, False
        similarity = max(float(words.similarity[i, j]) for i, j in cells)
        linked = any(cell in links for cell in cells)
        named = any(cell in names.pairs for cell in cells)
        return similarity + linked + named, linked or named

    crossed = (match(source.agent, target.undergoer), match(source.undergoer, target.agent))
    straight = (match(source.agent, target.agent), match(source.undergoer, target.undergoer))
    margin = sum(score for score, _ in crossed) - sum(score for score, _ in straight)
    if margin >= _DECISIVE and all(held for _, held in crossed):
        return True
    if margin <= -_DECISIVE and all(held for _, held in straight):
        return False
    return None


def _shared(side: list[Word], roles: Roles) -> frozenset[int]:
    """Words of either party whose text the other party has too."""
    agent = {side[k].text.lower() for k in roles.agent.words}
    undergoer = {side[k].text.lower() for k in roles.undergoer.words}
    common = agent & undergoer
    return frozenset(k for k in (*roles.agent.words, *roles.undergoer.words) if side[k].text.lower() in common)


def _converse(source_member: tuple[str, int] | None, target_member: tuple[str, int] | None, *passive: bool) -> bool:
    """Whether the target says the source verb's converse ("perdió" / "beat"): a member of the same converse set's
    other half. A passive's participle names its own verb ("were beaten by" is "beat", not "lost")."""
    if source_member is None or target_member is None or any(passive):
        return False
    return source_member[0] == target_member[0] and source_member[1] != target_member[1]


def _converse_members(text: str, side: list[Word], lang: str) -> dict[int, tuple[str, int]]:
    """Word index -> (converse set, member) for the words of a side that name a member of one."""
    members = named_words(side, [n for n in find_named(text, lang, data=OPPOSITES) if n.kind in converse_sets()])
    if lang == "en":
        return {k: _english_member(side[k].text, member) for k, member in members.items()}
    return members


def _english_member(word: str, listed: tuple[str, int]) -> tuple[str, int]:
    """The member an English verb form names by its base form: "have beaten" says "beat" (the sets list "beaten"
    with "lost", for its passive)."""
    for lemma in _english_lemmas(word):
        for named in find_named(lemma, "en", data=OPPOSITES):
            if named.kind == listed[0]:
                return named.kind, named.member
    return listed


_TIME_SETS = frozenset({"weekday", "relative_day", "relative_period", "season", "part_of_day", "noon_midnight"})


def _time_words(side: list[Word], text: str, lang: str) -> frozenset[int]:
    """Words that name a time ("el sábado", "la madrugada"): no party, whatever stands before them."""
    return frozenset(named_words(side, [n for n in find_named(text, lang) if n.kind in _TIME_SETS]))


def _auxiliary(word: str, lang: str) -> bool:
    """An auxiliary or copula of the language (the lexicon's lists), its elided pronoun aside ("l'ha")."""
    stem = _stem(word)
    return is_auxiliary(stem, lang) or stem.lower() in word_list("copulas", lang)


def _spelt_alike(one: str, other: str) -> bool:
    """Two capitalised words spelt (nearly) alike, accents aside: a name carried over or barely adapted."""
    if not (one[:1].isupper() and other[:1].isupper()) or len(one) < 3 or len(other) < 3:
        return False
    a, b = _plain(one), _plain(other)
    return a == b or ratio(a, b) >= _ALIKE


def _english_lemmas(word: str) -> tuple[str, ...]:
    return english_readings(word).get("VERB", ())


@lru_cache(maxsize=65536)
def _english_verb(word: str) -> bool:
    """An English word with a verb reading in lemminflect's lexicon, not a copula or a verb of saying, nor one whose
    parties may stand either way round or that has a converse no list holds (models/roles.json unread_verbs)."""
    lemmas = set(_english_lemmas(word))
    return bool(lemmas) and not lemmas & _NOT_EVENTS and not lemmas & _words("unread_verbs", "en")


@lru_cache(maxsize=65536)
def _english_past(word: str) -> bool:
    """A past tense of its verb ("beat", "arrested"), by lemminflect's inflections."""
    from lemminflect import getAllInflections

    lower = word.lower()
    return any(lower in getAllInflections(lemma, upos="VERB").get("VBD", ()) for lemma in _english_lemmas(word))


def _english_noun(word: str) -> bool:
    return not english_readings(word).keys().isdisjoint({"NOUN", "PROPN"})


def _adverb(word: str) -> bool:
    return "ADV" in english_readings(word)


def _only_verb(word: str) -> bool:
    """An English word lemminflect reads as a verb and as nothing else ("fined", "arrested")."""
    readings = english_readings(word)
    return "VERB" in readings and not readings.keys() - {"VERB", "AUX"}


def _capitalised(text: str, lang: str) -> bool:
    stem = _stem(text)
    return lang not in SEGMENTED_LANGUAGES and stem[:1].isupper() and _letters(stem)


def _stem(text: str) -> str:
    """The word after an elided one ("armée" of "l'armée")."""
    elided = ELIDED.match(text)
    return text[elided.end() :] if elided else text


def _elided(text: str) -> str | None:
    """The elided word written onto the next ("l" of "l'armée", "qu" of "qu'il"), or None."""
    elided = ELIDED.match(text)
    return elided.group(1) if elided else None


def _plain(text: str) -> str:
    return folded(_stem(text))


def _letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


_KINDS = (
    "agent_before_verb",
    "undergoer_before_verb",
    "object_markers",
    "agent_markers",
    "comitatives",
    "coordinators",
    "determiners",
    "prepositions",
)


@lru_cache(maxsize=65536)
def _kind_of(word: str, lang: str) -> str | None:
    """Which of the lists the word is on (the first, in _KINDS' order), or None."""
    lower = word.lower()
    return next((kind for kind in _KINDS if lower in _words(kind, lang)), None)


@lru_cache(maxsize=1)
def _data() -> dict:  # type: ignore[type-arg]
    return json.loads((MODELS_DIR / ROLES).read_text(encoding="utf-8"))


def _known(lang: str) -> bool:
    return lang in _data()["determiners"]


@lru_cache(maxsize=256)
def _words(table: str, lang: str) -> frozenset[str]:
    return frozenset(word.lower() for word in _data()[table].get(lang, []))
