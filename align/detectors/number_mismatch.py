"""number_mismatch: a number, date, percentage or amount that is not the same value on both sides, or the same value
counting something else ("3 años" / "3 months", "5 millones de euros" / "$5 million", "10 kilómetros" / "10 miles"),
a temperature below zero said as one above it ("-7 grados" / "7 degrees", temperatures.py), or another member of a
closed set (closed_sets.py): a weekday, day, week, month or year counted from now, bound of a number, compass point,
direction of change, ordinal, multiple, fraction, season, part of the day, noon or midnight ("el lunes" / "on
Tuesday", "ayer" / "tomorrow", "el año pasado" / "next year", "más de 50" / "fewer than 50", "el norte" / "the
south", "subió" / "fell", "segunda" / "third", "se duplicó" / "tripled", "la mitad" / "a third", "en verano" / "in
winter", "esta mañana" / "this evening"); and two numbers the target gives to each other's things ("tres muertos y diez
heridos" / "ten dead and three injured", swaps.py)."""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment

from align.alignment.words import Word, WordAlignment, words_within
from align.detectors.base import BeadView, Detector, Flag
from align.detectors.closed_sets import (
    LONE_PAIRED_SETS,
    Named,
    differing,
    find_named,
    lone_unlinked,
    said_elsewhere,
)
from align.detectors.gaps import target_gap_for_source
from align.detectors.lost_bounds import LostBound, lost_bounds
from align.detectors.numbers import NumberMention, find_numbers
from align.detectors.swaps import swapped_numbers
from align.detectors.temperatures import below_zero
from align.detectors.units import Measure, Units, contradict, measures, units_of

# Raw scores of a pair that differs (calibrated: about 0.90 and 0.67): a number written in words differs less surely,
# since idioms and conversions say numbers too ("a word or two", "zwei Wochen" / "quinze jours").
FIGURES_RAW = 0.9
SPELLED_RAW = 0.8
# Raw score of two numbers exchanged between their things (calibrated about 0.81): the things are read from the
# words nearest each number and the word links, which a free word order can mislead.
SWAP_RAW = 0.85
# A change's direction is read from word lists that cover its verbs and nouns in part ("stürzen" / "chute" is not
# listed), so a leftover member may meet the other side's wrong one: flagged as a number in words is; so is a part
# of the day, whose edges each language draws where it likes ("la tarde" runs to eight in the evening).
LESS_SURE_SETS = frozenset({"change", "ordinal", "multiple", "fraction", "part_of_day"})


class NumberMismatchDetector(Detector):
    kind = "number_mismatch"

    def detect(self, view: BeadView) -> list[Flag]:
        if view.bead.is_null:
            return []
        source_units = _numbers_with_units(view.source.text, view.source.lang)
        target_units = _numbers_with_units(view.target.text, view.target.lang)
        source, target = list(source_units), list(target_units)
        read = (source, target)  # the bound set reads them too
        # A number in words the other side's number is not linked to stands for nothing there: it leaves the pairing
        # and the rest pair again ("un stade neuf de 50 000 places": "neuf" is "new", and 50 000 keeps its partner).
        aside: list[NumberMention] = []
        aside_target: list[NumberMention] = []
        while True:
            pairs, missing, extra = pair_numbers(
                source, target, len(view.source.text), len(view.target.text), (source_units, target_units)
            )
            unlinked = [
                (m, o)
                for m, o in pairs
                if _needs_link(m, o) and not spans_linked(view.words, (m.start, m.end), (o.start, o.end))
            ]
            if not unlinked:
                break
            for mention, other in unlinked:
                if mention.spelled and mention in source:
                    source = [m for m in source if m is not mention]
                    aside.append(mention)
                if other.spelled and other in target:
                    target = [m for m in target if m is not other]
                    aside_target.append(other)
        missing += aside
        extra += aside_target
        flags = []
        for mention, other in pairs:
            (src_start, src_end), src_said = _with_units(mention, source_units[mention], view.source.text)
            (tgt_start, tgt_end), tgt_said = _with_units(other, target_units[other], view.target.text)
            src_span = view.source.file_span(src_start, src_end)
            tgt_span = view.target.file_span(tgt_start, tgt_end)
            message = f"source says {src_said}, target says {tgt_said}"
            raw = SPELLED_RAW if mention.spelled or other.spelled else FIGURES_RAW
            flags.append(Flag(self.kind, raw, view.index, src_span, tgt_span, src_said, tgt_said, message))
        flags += _named_flags(view, self.kind, *read)
        flags += _swap_flags(view, self.kind, *read)
        flags += _lost_bound_flags(view, self.kind, *read)
        for mention in missing:
            src_span = view.source.file_span(mention.start, mention.end)
            gap = target_gap_for_source(view, mention.start, mention.end)
            message = f"number {mention.text} has no counterpart in the target"
            flags.append(Flag(self.kind, 0.7, view.index, src_span, (gap, gap), mention.text, "", message))
        for other in extra:
            tgt_span = view.target.file_span(other.start, other.end)
            message = f"number {other.text} in the target is not in the source"
            flags.append(Flag(self.kind, 0.6, view.index, None, tgt_span, "", other.text, message))
        return flags


def _numbers_with_units(text: str, lang: str) -> dict[NumberMention, Units]:
    """Each number with the units said beside it; a temperature below zero signed, spanning its sign or words
    (temperatures.py; read after the units, which "bajo cero" follows: "cinco grados bajo cero")."""
    return {below_zero(m, text, lang): units_of(m, text, lang) for m in find_numbers(text, lang)}


def _named_flags(
    view: BeadView, kind: str, source_numbers: list[NumberMention], target_numbers: list[NumberMention]
) -> list[Flag]:
    """Another member of a closed set than the source names ("el lunes" / "on Tuesday", "subió" / "fell", "más de
    50" / "fewer than 50"); the numbers are the bead's, as _numbers_with_units read them."""
    flags = []
    source = find_named(view.source.text, view.source.lang, source_numbers)
    target = find_named(view.target.text, view.target.lang, target_numbers)

    def linked_words(named: Named, other: Named) -> bool:
        return spans_linked(view.words, (named.start, named.end), (other.start, other.end))

    pairs = differing(source, target, linked_words)
    if view.words is not None:
        pairs += lone_unlinked(view.words, source, target, view.source.lang, view.target.lang, LONE_PAIRED_SETS)
    pairs = [p for p in pairs if p[0].kind not in LONE_PAIRED_SETS or not said_elsewhere(*p, source, target)]
    for named, other in pairs:
        src_span = view.source.file_span(named.start, named.end)
        tgt_span = view.target.file_span(other.start, other.end)
        message = f"source says {named.text}, target says {other.text}"
        raw = SPELLED_RAW if named.kind in LESS_SURE_SETS else FIGURES_RAW
        flags.append(Flag(kind, raw, view.index, src_span, tgt_span, named.text, other.text, message))
    return flags


def _lost_bound_flags(
    view: BeadView, kind: str, source_numbers: list[NumberMention], target_numbers: list[NumberMention]
) -> list[Flag]:
    """A bound one side puts on a number the other side gives bare ("Más de 2.000" / "2,000", "100多名" / "100
    students", lost_bounds.py), flagged as a number in words is: a translation may say a bound in words no list
    holds."""
    flags = []
    found = lost_bounds(
        view.source.text, view.target.text, source_numbers, target_numbers, view.source.lang, view.target.lang
    )
    for lost in found:
        bounded, bare = lost.bounded, lost.bare
        if bounded.ambiguous and _bound_rendered(view.words, lost):
            continue
        if lost.added:
            src_span, src_said = view.source.file_span(bare.start, bare.end), bare.text
            tgt_span, tgt_said = view.target.file_span(bounded.start, bounded.end), bounded.text
            what = "the target adds a bound the source does not say"
        else:
            src_span, src_said = view.source.file_span(bounded.start, bounded.end), bounded.text
            tgt_span, tgt_said = view.target.file_span(bare.start, bare.end), bare.text
            what = "the target drops its bound"
        message = f"source says {src_said}, target says {tgt_said}: {what}"
        flags.append(Flag(kind, SPELLED_RAW, view.index, src_span, tgt_span, src_said, tgt_said, message))
    return flags


def _bound_rendered(words: WordAlignment | None, lost: LostBound) -> bool:
    """Whether the word aligner links a word of the bound to a word on the other side besides the bare number: a
    word with other senses is then no bound there ("arrested over 2 murders" / "detenido por 2 asesinatos", "Fino a
    10 anni fa" / "Until 10 years ago"). Only for such words: the function words of a plain bound link by chance
    ("por encima del 3 %" / "stood at 3%")."""
    bounded, number = lost.bounded, lost.bounded.number
    bound = (bounded.start, number.start) if bounded.start < number.start else (number.end, bounded.end)
    if words is None:
        return False
    side, other = (words.target, words.source) if lost.added else (words.source, words.target)
    mine = words_within(side, bound) - words_within(side, (number.start, number.end))  # not a word holding both
    theirs = set(range(len(other))) - words_within(other, (lost.bare.start, lost.bare.end))
    links = [(j, i) for i, j in words.links] if lost.added else words.links
    return any(a in mine and b in theirs for a, b in links)


def _swap_flags(
    view: BeadView, kind: str, source_numbers: list[NumberMention], target_numbers: list[NumberMention]
) -> list[Flag]:
    """Two numbers both sides say whose things the target exchanges ("tres muertos y diez heridos" / "ten dead and
    three injured", swaps.py): a flag for each, on the source number with its words and the target number that
    stands beside their rendering."""
    words = view.compared_words
    if words is None:
        return []
    flags = []
    for swap in swapped_numbers(words, source_numbers, target_numbers, view.source.lang, view.target.lang):
        src_start, src_end = _with_nearest(swap.source, swap.counted)
        tgt_start, tgt_end = _with_nearest(swap.target, swap.rendered)
        src_said, tgt_said = view.source.text[src_start:src_end], view.target.text[tgt_start:tgt_end]
        message = (
            f"source says {src_said}, target says {tgt_said}: "
            f"{swap.source.text} and {swap.exchanged_with.text} are exchanged"
        )
        src_span = view.source.file_span(src_start, src_end)
        tgt_span = view.target.file_span(tgt_start, tgt_end)
        flags.append(Flag(kind, SWAP_RAW, view.index, src_span, tgt_span, src_said, tgt_said, message))
    return flags


def _with_nearest(mention: NumberMention, words: tuple[Word, ...]) -> tuple[int, int]:
    """The span of a number and the nearest of its words ("tres muertos", "killed 10"); at a tie the word after it,
    what it counts."""
    nearest = min(
        words, key=lambda w: (min(abs(w.start - mention.end), abs(mention.start - w.end)), w.start < mention.start)
    )
    return min(mention.start, nearest.start), max(mention.end, nearest.end)


def _needs_link(mention: NumberMention, other: NumberMention) -> bool:
    """A number in words needs the word aligner's link to its counterpart, unless both are clock times whose half of
    the day is said ("a las diez de la noche" / "at 10am": one sentence's two times are each other's)."""
    return (mention.spelled or other.spelled) and not (mention.half_said and other.half_said)


def spans_linked(words: WordAlignment | None, source_span: tuple[int, int], target_span: tuple[int, int]) -> bool:
    """Whether a source word within the one span (offsets in the bead's text) is linked to a target word within the
    other: a number written in words that differs from the other side's counts only where it stands for it
    ("cinco" / "Four"), not where both are merely left over ("茅十八", a name, and "the seven wrestlers", whose "七名"
    no reading of figures takes)."""
    if words is None:
        return False
    source, target = words_within(words.source, source_span), words_within(words.target, target_span)
    return any(i in source and j in target for i, j in words.links)


def _with_units(mention: NumberMention, units: Units, text: str) -> tuple[tuple[int, int], str]:
    """The mention's span and how it reads, with the units said beside it ("3 años", "$5 million")."""
    if not units:
        return (mention.start, mention.end), _said(mention)
    start, end = min(mention.start, *(u.start for u in units)), max(mention.end, *(u.end for u in units))
    return (start, end), text[start:end]


def _said(mention: NumberMention) -> str:
    """The mention as written, with its time on 24 hours where its half of the day is said ("8 (20:00)")."""
    if not mention.half_said:
        return mention.text
    hours, minutes = int(mention.value), round(mention.value % 1 * 100)
    return f"{mention.text} ({hours:02d}:{minutes:02d})"


def pair_numbers(
    source: list[NumberMention],
    target: list[NumberMention],
    source_chars: int,
    target_chars: int,
    units: tuple[dict[NumberMention, Units], dict[NumberMention, Units]] | None = None,
) -> tuple[list[tuple[NumberMention, NumberMention]], list[NumberMention], list[NumberMention]]:
    """(pairs whose values or units differ, source numbers with no partner, target numbers with no partner).

    One assignment over both sides: equal values pair first (a percentage with a percentage before a bare number,
    a number with one of the same unit: "3 años y 3 meses" / "3 years and 3 months"), then what is left pairs by
    where it sits in its sentence, so in "60-70 %" against "70 - 70%" it is the bare 70 that stands for 60, not the
    70% (pairing in reading order named the wrong one)."""
    source_units, target_units = units or ({}, {})  # per side: equal mentions of two texts are equal keys
    source, target, months = _months_apart(source, target)
    if not source or not target:
        return months, list(source), list(target)
    source_measures = [measures(s.value, source_units.get(s, ())) for s in source]
    target_measures = [measures(t.value, target_units.get(t, ())) for t in target]

    def converted(i: int, j: int) -> bool:  # "three decades" / "30 years", "10 km" / "6 miles"
        mine, theirs = source_measures[i], target_measures[j]
        if {m.unit for m in mine} == {m.unit for m in theirs}:
            return False  # in the same units the values themselves compare: "13 años" is not "14 years"
        return any(a.category == b.category and a.unit != b.unit and _converts(a, b) for a in mine for b in theirs)

    cost = np.empty((len(source), len(target)))
    same = np.zeros(cost.shape, dtype=bool)  # the same figures, or the same quantity converted
    differ = np.zeros(cost.shape, dtype=bool)  # units of one kind that disagree, beyond a conversion
    for i, s in enumerate(source):
        for j, t in enumerate(target):
            equal, convert = s.same_value(t), converted(i, j)
            same[i, j] = equal or convert
            differ[i, j] = contradict(source_units.get(s, ()), target_units.get(t, ())) and not convert
            value_cost = (0.0 if s.percent == t.percent else 0.5) + 0.5 * differ[i, j] if same[i, j] else 2.0
            if convert and not equal:
                # A conversion ("76 km" / "50 miles") pairs after the figures that are the same: where a text gives
                # both ("50 Meilen (76 km)" / "50 milles (78 km)"), the two crossed read as conversions and hid 78.
                value_cost += _CONVERTED
            place = s.start / max(source_chars, 1) - t.start / max(target_chars, 1)
            cost[i, j] = value_cost + place * place
    rows, cols = linear_sum_assignment(cost)
    pairs = [(source[i], target[j]) for i, j in zip(rows, cols, strict=True) if not same[i, j] or differ[i, j]]
    pairs = sorted(months + pairs, key=lambda pair: pair[0].start)
    paired_source, paired_target = set(rows.tolist()), set(cols.tolist())
    missing = [m for i, m in enumerate(source) if i not in paired_source]
    extra = [m for j, m in enumerate(target) if j not in paired_target]
    return pairs, missing, extra


# A quantity said in other units is the same within a tenth ("three decades" / "三十多年", "quince días" / "two
# weeks", "10 km" / "6 miles", "40 °C" / "104 °F"): a fortnight is fifteen days in Spanish and French, and a
# translator rounds a conversion.
_SAME_SPAN = 0.1
_SAME_TEMPERATURE = 1.0  # degrees Celsius: a tenth of a temperature near zero is no tolerance ("33 °F" / "1 °C")
_CONVERTED = 1.0  # what pairing by a conversion costs more than pairing equal figures (a differing pair costs 2)


def _converts(a: Measure, b: Measure) -> bool:
    tolerance = _SAME_SPAN * max(abs(a.value), abs(b.value))
    if a.category == "temperature":
        tolerance = max(tolerance, _SAME_TEMPERATURE)
    return abs(a.value - b.value) <= tolerance


def _months_apart(
    source: list[NumberMention], target: list[NumberMention]
) -> tuple[list[NumberMention], list[NumberMention], list[tuple[NumberMention, NumberMention]]]:
    """Both sides without their months written as words, and the pairs of named months that differ ("enero" /
    "February"). Where only one side names months, a dated one takes the other side's figure ("August 15" /
    "8月15日"); where both do, named months pair with each other (the day's figure stays a day: "am 11. September" /
    "on 11 November"): equal ones settle, the rest pair in reading order; a month one side names alone says nothing
    (left out, or written without a day, on the other)."""
    taken: set[int] = set()
    for named, other in ((source, target), (target, source)):
        if any(m.month_name for m in other):
            continue  # months named on both sides are compared with each other, not with a day's figure
        for mention in named:
            if not (mention.month_name and mention.dated):
                continue
            partner = next(
                (m for m in other if not m.month_name and id(m) not in taken and m.same_value(mention)), None
            )
            if partner is not None:
                taken.update((id(partner), id(mention)))
    source_months = [m for m in source if m.month_name and id(m) not in taken]
    target_months = [m for m in target if m.month_name and id(m) not in taken]
    for mention in list(source_months):
        same = next((m for m in target_months if m.value == mention.value), None)
        if same is not None:
            source_months.remove(mention)
            target_months.remove(same)
    return (
        [m for m in source if not m.month_name and id(m) not in taken],
        [m for m in target if not m.month_name and id(m) not in taken],
        list(zip(source_months, target_months, strict=False)),
    )
