"""Future events reported as done: a source verb in the future rendered by an English verb in the past
("El presidente visitará Francia" / "The president visited France", "Der Vertrag wird unterzeichnen" / "signed",
"峰会将于五月举行" / "The summit was held in May"). The event has not taken place, yet the translation says it has;
the word aligner links the two verbs gladly (they mean the same), so no omission shows it. Future forms are read
from their endings and auxiliaries, English pasts from "-ed" and a list, as data (models/tenses.json); a past with
"will", "would", "be", "to" or "is" before it is none ("will be held", "said he would visit", "is held"), nor a
participle that says a plan ("scheduled", "expected")."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from align.alignment.words import Word, WordAlignment
from align.detectors.lexicon import MODELS_DIR, is_content_word

TENSES = "tenses.json"
_CLAUSE_BREAK = re.compile(r"^[,;:.!?()\[\]\"“”«»—–…，；：。！？]+$")


@dataclass(frozen=True)
class TenseChange:
    """A source verb in the future and the target verb in the past that renders it."""

    source: Word
    target: Word


def futures_said_as_past(words: WordAlignment, lang: str, target_lang: str) -> list[TenseChange]:
    """Source verbs in the future whose linked target word is an English past ("visitará" / "visited", "wird …
    unterzeichnen" / "has signed"); none for a target in another language or a source language without a list."""
    future = _future(lang)
    if target_lang != "en" or future is None:
        return []
    if _historical(words.source):
        return []
    found = []
    for i in _future_verbs(words.source, future):
        renderings = sorted(_renderings(words, i, lang), key=lambda j: not is_content_word(words.target[j].text, "en"))
        past = next((j for j in renderings if _past(words.target, j)), None)
        if past is not None:
            found.append(TenseChange(words.source[i], words.target[past]))
    return found


def _historical(side: list[Word]) -> bool:
    """Whether the source names years and all of them long past: a biography's historical future ("En 1904 se
    trasladará a París" / "In 1904 he moved to Paris")."""
    years = [int(w.text) for w in side if len(w.text) == 4 and w.text.isdigit() and w.text[:2] in ("18", "19", "20")]
    return bool(years) and max(years) < _data()["historical_before_year"]


def _renderings(words: WordAlignment, i: int, lang: str) -> list[int]:
    """The target words that render source word i: those linked to it; for an unlinked one, the unlinked target
    words in the gap its linked neighbours leave and those linked to a function word beside it ("se tiendra" /
    "was held": "se" is linked to "was", "held" to nothing)."""
    linked = sorted(j for k, j in words.links if k == i)
    if linked:
        return linked
    left = [j for k, j in words.links if k < i]
    right = [j for k, j in words.links if k > i]
    low, high = max(left, default=-1), min(right, default=len(words.target))
    taken = {j for _, j in words.links}
    gap = [j for j in range(low + 1, high) if j not in taken]
    beside = [j for k, j in words.links if k in (i - 1, i + 1) and not is_content_word(words.source[k].text, lang)]
    return sorted(set(gap + beside))


def _future_verbs(side: list[Word], future: dict) -> list[int]:  # type: ignore[type-arg]
    """Indexes of the source's verbs in the future: one-word futures, the infinitive after a future auxiliary, or
    (Chinese) the word after a future marker."""
    if "markers" in future:
        return _after_markers(side, future)
    found = [k for k, w in enumerate(side) if _one_word_future(w.text, future, k == 0 or _opens(side, k))]
    auxiliary = frozenset(future.get("auxiliary_futures", ()))
    found += [m for k in found if side[k].text.lower() in auxiliary for m in _governed(side, k)]
    first_words = {a.split()[0] for a in future["auxiliaries"]}
    refused = frozenset(future.get("not_after_auxiliary", ()))
    for k, w in enumerate(side):
        if w.text.lower() not in first_words or (k > 0 and side[k - 1].text.lower() in refused):
            continue  # "em vão": in vain
        auxiliary = _auxiliary_words(side, k, future["auxiliaries"])
        verb = _infinitive_after(side, k + len(auxiliary), future) if auxiliary else None
        if verb is not None:
            found.append(verb)
    return sorted(set(found))


def _governed(side: list[Word], k: int) -> list[int]:
    """The verb a future of "be", "have" or a modal governs, a word or two on ("sarà inaugurata", "tendrá que
    pagar", "devra sans doute payer")."""
    data = _data()
    skipped = frozenset(data["auxiliary_skipped"])
    for m in range(k + 1, min(len(side), k + data["auxiliary_reach"] + 2)):
        if side[m].text.lower() not in skipped:
            return [m] if side[m].text.isalpha() else []
    return []


def _opens(side: list[Word], k: int) -> bool:
    """Whether word k opens a sentence (after a full stop, a quote or a dash)."""
    return k > 0 and side[k - 1].text in (".", "!", "?", "«", '"', "“", "—", "–", "-", ":")


def _one_word_future(word: str, future: dict, opening: bool = False) -> bool:  # type: ignore[type-arg]
    lowered = word.lower()
    if (word != lowered and not (opening and word[1:] == lowered[1:])) or lowered in future["not_words"]:
        return False  # a name ("Sahara", "Elvira"); a capital that opens a sentence is none ("Llegarán")
    if lowered in future["words"]:
        return True
    return len(lowered) >= future["min_letters"] and lowered.endswith(tuple(future["endings"]))


def _auxiliary_words(side: list[Word], k: int, auxiliaries: list[str]) -> list[str]:
    """The words of the auxiliary phrase that starts at word k ("va a"), or none."""
    for phrase in sorted(auxiliaries, key=len, reverse=True):
        parts = phrase.split()
        if [w.text.lower() for w in side[k : k + len(parts)]] == parts:
            return parts
    return []


def _infinitive_after(side: list[Word], start: int, future: dict) -> int | None:  # type: ignore[type-arg]
    """The infinitive a future auxiliary governs: the next word for "va a presentar" (reach 1), or, where the
    infinitive ends the clause (German "wird … unterzeichnen"), the last word before the clause's end, if it is an
    infinitive and no participle ("wird … unterzeichnet", "wird … wiederaufgenommen": a passive)."""
    endings = tuple(future["infinitive_endings"])
    reach = future["reach"]
    if future.get("clause_final"):
        end = start
        while end < len(side) and end - start <= reach and not _clause_ends(side, end):
            end += 1
        if end == start or end - start > reach:
            return None
        verb = end - 1
        if side[verb].text in future.get("passive_infinitive", ()) and verb > start:
            verb -= 1  # "wird … eröffnet werden": the participle
            return verb if side[verb].text.islower() else None
        if any(w.text.lower() in future["habitual"] for w in side[start:end]):
            return None  # "wird seit 1950 verliehen": a present passive
        last = side[verb].text
        participle = re.match(future["participle"], last) or re.match(future["strong_participle"], last)
        if last.islower() and last.endswith(endings) and not participle:
            return verb
        return None
    for k in range(start, min(len(side), start + reach)):
        if side[k].text.islower() and side[k].text.endswith(endings):
            elapsed = side[k].text in future.get("elapsed", ()) and k + 1 < len(side)
            if elapsed and side[k + 1].text.lower() in _data()["time_nouns"]:
                return None  # "va a hacer un año": time gone by
            return k
    return None


def _clause_ends(side: list[Word], k: int) -> bool:
    """Whether word k ends a clause: punctuation, but not a full stop after a number ("am 13. Februar")."""
    if not _CLAUSE_BREAK.match(side[k].text):
        return False
    return not (side[k].text == "." and k > 0 and side[k - 1].text.isdigit())


def _after_markers(side: list[Word], future: dict) -> list[int]:  # type: ignore[type-arg]
    """Chinese: the content words after a future marker (which the segmenter may split, "将" "于"), a few, up to the
    clause's end or a "的" ("将于五月在北京举行": the date and place too, which no English past renders), or the word
    holding the marker's end where segmentation glued the verb to it ("即将访问")."""
    markers = sorted(future["markers"], key=len, reverse=True)
    refused = tuple(future["not_markers"])
    found = []
    for k in range(len(side)):
        joined = "".join(w.text for w in side[k : k + 3])
        marker = next((m for m in markers if joined.startswith(m)), None)
        if marker is None or joined.startswith(refused):
            continue
        if k > 0 and side[k - 1].text in future["not_after"]:
            continue  # "已将", "按照计划于": an object marker, a plan carried out
        last, length = k, len(side[k].text)
        while length < len(marker):
            last += 1
            length += len(side[last].text)
        if length > len(marker):
            found.append(last)  # "将访问": the verb is in the marker's last word
            continue
        after = "".join(w.text for w in side[last + 1 : last + future["reach"] + 1])
        if any(time in after for time in future["past_times"]):
            continue  # "将在上月宣布的": last month
        verbs: list[int] = []
        skipping_until = ""
        for m in range(last + 1, min(len(side), last + future["reach"] + 1)):
            text = side[m].text
            if skipping_until:
                skipping_until = "" if text == skipping_until else skipping_until
                continue
            frame = next((end for begin, end in future["frames"] if text == begin), None)
            if frame is not None:
                skipping_until = frame  # "应朔尔茨邀请": at Scholz's invitation
                continue
            if _CLAUSE_BREAK.match(text):
                break
            if text in future["stop"]:
                if verbs and verbs[-1] == m - 1:
                    verbs.pop()  # "巴西主办的", "即将暴发之际": the clause's own verb
                break
            if m + 1 < len(side) and side[m + 1].text in ("了", "过"):
                break  # a verb marked as done
            if is_content_word(text, "zh"):
                verbs.append(m)
        found += verbs
    return found


def _past(side: list[Word], j: int) -> bool:
    """Whether target word j is an English past: "-ed" or a listed form, with nothing in its verb group that makes
    it a future, an infinitive, a passive or a present ("will be held", "to sign", "is held", "will remain closed"),
    no participle of a plan ("scheduled") nor one right after "once", "if" ("once adopted"), nor a guess ("was
    probably": "Habrá sido un error" is one about the past); a perfect counts ("has signed", "has cut"), but not a
    future perfect ("will by then have halved") nor one in a clause "until", "when" or "if" opens ("until the ash
    cloud has cleared")."""
    past = _data()["english_past"]
    word = side[j].text.lower()
    if word in past["planned"] or word in past["not_past"]:
        return False
    regular = len(word) > 3 and word.endswith("ed") and side[j].text.islower()  # not "United"; "used", "died"
    before = _verb_group_before(side, j, past)
    if before and before[-1] in past["clause_openers"]:
        return False  # "once adopted", "if approved"
    after = side[j + 1].text.lower() if j + 1 < len(side) else ""
    if after in past["conjecture"] or any(w in past["conjecture"] for w in before):
        return False  # "Habrá sido un error" / "It was probably a mistake": a guess about the past
    for k, earlier in enumerate(reversed(before)):
        if earlier in past["perfect_before"]:  # "has cut", "have sought"; not "will have invested"
            further = before[: len(before) - 1 - k]
            future = any(w in past["future_before_perfect"] for w in further)
            perfect = regular or word in past["participles"]
            return perfect and not future and not _in_temporal_clause(side, j, past)
        if earlier in past["future_before"]:
            return False
    return regular or word in past["irregular"]


def _verb_group_before(side: list[Word], j: int, past: dict) -> list[str]:  # type: ignore[type-arg]
    """The words before target word j in its verb group, lowercased: up to `reach` of them, adverbs not counted
    ("will be much more strictly regulated", "will, however, remain closed", "will by then have halved")."""
    found: list[str] = []
    counted, k = 0, j - 1
    while k >= 0 and counted < past["reach"]:
        text = side[k].text.lower()
        if _CLAUSE_BREAK.match(text):
            before = side[k - 1].text.lower() if k > 0 else ""
            if text != "," or not (_adverb(before, past) or (found and _adverb(found[0], past))):
                break  # a comma that brackets an adverb ("will, however, remain") leaves the group whole
        elif not _adverb(text, past):
            counted += 1
        found.insert(0, text)
        k -= 1
    return [w for w in found if not _CLAUSE_BREAK.match(w)]


def _adverb(word: str, past: dict) -> bool:  # type: ignore[type-arg]
    return word in past["adverbs"] or (len(word) > 4 and word.endswith("ly"))


def _in_temporal_clause(side: list[Word], j: int, past: dict) -> bool:  # type: ignore[type-arg]
    """Whether target word j stands in a clause that a word such as "until", "when", "once" or "if" opens a few
    words before it, where English says a future in the present or perfect ("until the ash cloud has cleared")."""
    words: list[str] = []
    for k in range(j - 1, max(-1, j - 1 - past["opener_reach"]), -1):
        if _CLAUSE_BREAK.match(side[k].text):
            break
        words.insert(0, side[k].text.lower())
    text = f" {' '.join(words)} "
    return any(f" {opener} " in text for opener in past["clause_openers"])


@lru_cache(maxsize=16)
def _future(lang: str) -> dict | None:  # type: ignore[type-arg]
    """The language's future forms, with the futures of "be" and "have" whose next word is the verb."""
    future = _data()["future"].get(lang)
    if future is None:
        return None
    return {
        **future,
        "auxiliary_futures": _data()["future_auxiliaries"].get(lang, []),
        "passive_infinitive": _data()["passive_infinitive"].get(lang, []),
    }


@lru_cache(maxsize=1)
def _data() -> dict:  # type: ignore[type-arg]
    return json.loads((MODELS_DIR / TENSES).read_text(encoding="utf-8"))


def raw_score() -> float:
    """The garbled flag's raw score of a future said as past (models/tenses.json)."""
    return float(_data()["raw"])
