"""Numbers as values, whatever the locale writes: 3,2 % = 3.2%, 73.000 = 73,000, 27ª = 27th, 2 millones = 2 million,
7.3万 = 73,000, 2억 5천만 = 250 million, 1 ½ = 1,50, 20.30 Uhr = 20 h 30 = 8:30 p.m."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from align.detectors.lexicon import word_list
from align.detectors.magnitudes import find_magnitudes, same_order
from align.detectors.number_words import find_number_words
from align.detectors.roman_numerals import find_roman_numerals, find_spelled_centuries
from align.detectors.units import unit_end
from align.text.word_segmentation import HAN_LETTERS, HAN_MULTIPLIERS, KANA_LETTERS, alternation, segment

# Languages that write 1.234,5 (dot groups thousands, comma marks decimals).
_COMMA_DECIMAL = frozenset(
    "es de fr it pt nl pl ru tr da sv nb nn no fi cs sk sl hr sr bs sh bg ro hu el uk be ca eu gl id is fo et lv lt"
    " mk sq az kk ky uz ka hy mn vi af lb".split()
)
_KOREAN_MULTIPLIERS = {"천": 1e3, "만": 1e4, "백만": 1e6, "천만": 1e7, "억": 1e8, "조": 1e12}
# Thai, written against the words after them as often as apart ("35 ล้านคน", "2.5แสนบาท"); not พัน (a thousand, and
# the start of military ranks).
_THAI_MULTIPLIERS = {"หมื่น": 1e4, "แสน": 1e5, "ล้าน": 1e6, "พันล้าน": 1e9, "ล้านล้าน": 1e12}
_EAST_ASIAN_MULTIPLIERS = HAN_MULTIPLIERS | _KOREAN_MULTIPLIERS | _THAI_MULTIPLIERS
# Words for a thousand, a million, a billion (10^9) and a trillion (10^12) after a number, lowercase.
_MULTIPLIERS = (
    dict.fromkeys(
        ["mil", "ribu", "ألف", "آلاف", "هزار", "हज़ार", "हजार", "mila", "tausend", "tsd.", "tsd", "тыс.", "тыс"]
        + ["тысяч", "тысячи", "тысяча", "тис.", "тисяч", "тисячі", "tys.", "tysięcy"],
        1e3,
    )
    | dict.fromkeys(["lakh", "lakhs", "लाख"], 1e5)
    | dict.fromkeys(["crore", "crores", "करोड़", "करोड"], 1e7)
    | dict.fromkeys(
        "million millions millionen mio mio. mln mn millón millones milhão milhões milione milioni miljoen miljoenen"
        " miljon miljoner miljonen miljoona miljoonaa milijon milijona milijonov milijuni milyon milion miliony"
        " milionów milionu milionů milioane millió milljón milljónir milljóna milljónum miljons miljoni milijonai"
        " milijonų миллион миллиона миллионов млн мільйон мільйони мільйонів мільйона εκατομμύριο εκατομμύρια"
        " مليون ملايين میلیون מיליון juta triệu मिलियन".split(),
        1e6,
    )
    | dict.fromkeys(
        "billion billions bn milliard milliards milliarden miliardi miliardo miljard miljarden miljarder miljardia"
        " milyar miliard miliardy miliardów miliarde milijarda milijardi milliárd milljarður milljarðar milljarða"
        " milljörðum milliarde миллиард миллиарда миллиардов млрд mld mrd mrd. bilhão bilhões мільярд мільярди"
        " мільярдів δισεκατομμύριο δισεκατομμύρια مليار مليارات ملیارد میلیارد מיליארד miliar tỷ बिलियन".split()
        + ["mil millones", "mil milhões"],
        1e9,
    )
    | dict.fromkeys(
        "trillion trillions billón billones billionen трлн триллион триллиона триллионов трильйон трильйони"
        " trilhão trilhões trilione trilioni تريليون تريليونات".split(),
        1e12,
    )
)
# "Billion" is 10^12 outside English (German "Billion", French "billion"; their 10^9 is "Milliarde", "milliard").
_SHORT_SCALE = frozenset({"en"})
# Chinese and Japanese write numbers against their words ("有7.3万名", "第27次"): a Han or kana character may come
# right before one; any other letter or digit may not ("A320", "COVID19").
_FRACTIONS = "½¼¾⅓⅔⅛⅜⅝⅞"
_NUMBER = re.compile(
    rf"(?<![.,])(?<!(?![{KANA_LETTERS}{HAN_LETTERS}])\w)"
    # A date in figures ("15.08.2019", "8/15/2019"): its day, month and year, each a number as a date in words has.
    r"(?:(?<!\d)(?P<date>\d{1,2}([./])\d{1,2}\2(?:\d{4}|\d{2}))(?![\d.,]\d)"
    # A clock time or a verse, hours and minutes ("20:30", French "20 h 30", "20 h. 30", "20h30"), or a duration in
    # hours and minutes ("1 Std. 30 Min.", "1 hour 30 minutes"), reads as hours + minutes / 100: the value German
    # "20.30 Uhr" and Spanish "3,16" already have.
    r"|(?P<hours>\d{1,2})(?:(?::|\s?h\.?\s?)(?P<minutes>\d{2})(?![\d:])"
    r"|\s?(?:h\.?|std\.?|stunden?|hours?|hrs?\.?|horas?|heures?)\s(?:und\s|and\s|y\s|et\s)?"
    r"(?P<duration_minutes>\d{1,2})\s?(?:minutes?|minuten|minutos?|mins?\.?)(?!\w)"
    # Chinese and Japanese: "15时30分", "15時30分", "8小时20分钟", and the half hour, "3時半", "3点半" (3:30).
    r"|(?:[时時点點]|小时|小時|時間)(?P<cjk_minutes>\d{1,2})分|[时時点點](?P<cjk_half>半))"
    # A telephone number after its area code, written in groups ("031/43 36 11" = "031/433611").
    r"|(?<=/)(?P<phone>\d{2,}(?:\s\d{2,4})+)(?!\d)"
    # Indian grouping by lakhs ("1,00,000", "10,00,000"), then groups of three (Swiss "1'000" and "100’000" too).
    r"|(?P<digits>\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])|\d{1,3}(?:[.,'’\u00a0\u202f ]\d{3})+(?:[.,]\d+)?(?!\d)"
    r"|\d+(?:[.,]\d+)?)"
    rf"(?:\s?(?P<fraction>[{_FRACTIONS}]))?|(?P<lone>[{_FRACTIONS}]))"
    # A percent sign, or a word for it that is not the start of another ("percentage points", "Prozentpunkte").
    r"(?:\s?(?P<percent>%|٪|(?:por ciento|por cien|por cento|per cento|percent|per cent|pour cent|prozent)"
    r"(?![^\W\d_])))?"
    r"(?P<ordinal>ª|º|°|st|nd|rd|th|er|e|ème|\.(?=\s+[a-zäöü]))?"
    # A word for a thousand, a million ... after it, or a hyphen before it in an amount used as an adjective ("an
    # 18-billion-euro budget").
    rf"(?:(?:\s*|-)(?:de\s+)?(?P<word>{alternation(_MULTIPLIERS)})(?!\w)|\s?(?P<cjk>{alternation(_EAST_ASIAN_MULTIPLIERS)})(?![伏瓦米克赫焦卡帕]))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NumberMention:
    value: float
    start: int
    end: int
    text: str
    percent: bool
    # A time on twelve hours also reads as written ("11 p.m." is 23 and 11: a Chinese "晚上11时" says 11).
    twelve_hour: float | None = None
    # A month written as a word ("August 15", "in March"): beside a day or a year (dated) it matches a month in
    # figures ("8月15日"); otherwise it is compared with the months the other side names.
    month_name: bool = False
    dated: bool = False
    # A clock time whose half of the day is said ("8 p.m.", "8 de la tarde", "晚上8点"): two such compare on 24 hours.
    half_said: bool = False
    # Written in words ("cinco", "twenty-five"): idioms ("a word or two") and conversions ("zwei Wochen" / "quinze
    # jours") make a difference between such numbers less sure than one between figures.
    spelled: bool = False
    # An approximate quantity ("decenas", "un centenar", "hundreds", "数百"): it matches a number of its order of
    # magnitude ("una decena" / "a dozen", "un centenar" / "about 100").
    approximate: bool = False

    def same_value(self, other: NumberMention) -> bool:
        """The same value, or the same figures copied as they are ("98,355" in a French text that kept the English
        thousands comma: read by the French convention it is 98.355); for an approximate quantity, the same order
        of magnitude."""
        if self.approximate or other.approximate:
            return same_order(self.value, other.value)
        if self.half_said and other.half_said:  # "8 de la tarde" is not "8 a.m."
            return round(self.value, 6) == round(other.value, 6)
        if _FIGURES_ONLY.fullmatch(self.text) and self.text.replace(" ", "") == other.text.replace(" ", ""):
            return True
        mine = {round(self.value, 6)} | ({round(self.twelve_hour, 6)} if self.twelve_hour is not None else set())
        theirs = {round(other.value, 6)} | ({round(other.twelve_hour, 6)} if other.twelve_hour is not None else set())
        return bool(mine & theirs)


_FIGURES_ONLY = re.compile(r"\d[\d.,\s]*")


# Full-width forms (３．２％, ２０２５), common in Chinese and Japanese text, read as their ASCII twins, and the Arabic
# decimal and thousands separators (٣٫٢ = 3.2, ١٬٠٠٠ = 1,000); one character for one, so offsets stay those of the
# original text. The full-width comma only between full-width thousands (３２，０００): elsewhere it separates
# clauses and list items ("第1，2条", "100，200，300人").
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if code != 0xFF0C} | {
    0x3000: 0x20,
    0x066B: ord("."),
    0x066C: ord(","),
}
_FULL_WIDTH_THOUSANDS = re.compile(r"(?<=[０-９])，(?=[０-９]{3}(?![０-９]))")  # between full-width digits only


def find_numbers(text: str, lang: str) -> list[NumberMention]:
    original, text = text, _FULL_WIDTH_THOUSANDS.sub(",", text).translate(_FULL_WIDTH)
    mentions: list[NumberMention] = []
    last_unit = 0.0  # the East Asian multiplier of the mention before, for "2억 5천만" = 2.5 x 10^8
    for match in _NUMBER.finditer(text):
        if match.group("date"):
            mentions.extend(_date_parts(match, original))
            last_unit = 0.0
            continue
        percent, word_multiplier, cjk_multiplier = match.group("percent", "word", "cjk")
        read = _value(match, lang)
        if read is None:
            continue
        value, twelve_hour = read
        end = match.end()
        # A time on twelve hours spans its half of the day: "10 p. m." / "10 a.m." is what differs.
        meridiem = _MERIDIEM.match(text, end) if twelve_hour is not None else None
        end = meridiem.end() if meridiem else end
        if word_multiplier:
            value *= _multiplier(word_multiplier.lower(), lang)
        elif abbreviation := _currency_abbreviation(text, match.start(), end):
            value *= _CURRENCY_ABBREVIATIONS[abbreviation]
            end += len(abbreviation)
        unit = _EAST_ASIAN_MULTIPLIERS[cjk_multiplier] if cjk_multiplier else 0.0
        if not unit and lang == "ja" and text.startswith("兆", end):  # 10^12 in Japanese (in Chinese often 10^6)
            unit, end = 1e12, end + 1
        value *= unit or 1.0
        after_unit = bool(mentions) and last_unit > 0 and not text[mentions[-1].end : match.start()].strip()
        # The rest of a number written with an East Asian unit: a smaller unit ("2억 5천만" = 2.5 x 10^8) or, right
        # against it, a smaller bare number ("11万7015" = 117,015).
        if after_unit and (0 < unit < last_unit or (mentions[-1].end == match.start() and value < last_unit)):
            first = mentions.pop()
            value += first.value
            mentions.append(NumberMention(value, first.start, end, original[first.start : end], False))
            unit = unit or last_unit
        else:
            text_said = original[match.start() : end]
            half_said = twelve_hour is not None  # "8 p.m.": _clock read its half of the day
            mentions.append(
                NumberMention(value, match.start(), end, text_said, bool(percent), twelve_hour, half_said=half_said)
            )
        last_unit = unit
    if lang in ("zh", "ja"):
        mentions = sorted(mentions + _han_numerals(text, lang), key=lambda m: m.start)
    words = _in_words(text, original, lang)
    hours = _hours_before_minutes(text, original, lang, words)
    approximate = [
        NumberMention(m.value, m.start, m.end, original[m.start : m.end], False, spelled=True, approximate=True)
        for m in find_magnitudes(text, lang)
    ]
    mentions = sorted(mentions + words + hours + approximate + _in_roman(original, lang), key=lambda m: m.start)
    mentions = _outside_others([_with_half_of_day(_with_past_the_hour(m, text, lang), text, lang) for m in mentions])
    mentions = sorted(mentions + _months(mentions, text, lang), key=lambda m: m.start)
    return _years_in_full(_decades(mentions, text), text)


_PERCENT_WORDS = re.compile(
    r"\s(?:por ciento|por cento|per cento|percent|per cent|pour cent|prozent|procent)(?![^\W\d_])", re.IGNORECASE
)


def _in_words(text: str, original: str, lang: str) -> list[NumberMention]:
    """Numbers written in words ("cinco", "treinta y cinco", "dos millones"), with a percent word after them."""
    mentions = []
    for number in find_number_words(text, lang, lambda word: _multiplier(word, lang)):
        percent = _PERCENT_WORDS.match(text, number.end)
        end = percent.end() if percent else number.end
        said = original[number.start : end]
        mentions.append(NumberMention(number.value, number.start, end, said, bool(percent), spelled=True))
    return mentions


_LETTERS = re.compile(r"[^\W\d_]+")
_ONE_OCLOCK = {"es": "una", "pt": "uma", "it": "una", "fr": "une"}  # "a la una y diez": the article is the hour


def _hours_before_minutes(text: str, original: str, lang: str, words: list[NumberMention]) -> list[NumberMention]:
    """An hour in words after a clock cue with its minutes after it ("a las nueve y diez"): the words make no one
    number, so the number reader leaves them out; the hour is read on its own here, and _with_past_the_hour adds
    the minutes."""
    cue, rules = _CLOCK_CUES.get(lang), _AFTER_THE_HOUR.get(lang, [])
    if cue is None or not any(p.search(text) for p, _ in rules):  # most texts say no minutes: one search each
        return []
    found = []
    for word in _LETTERS.finditer(text):
        start, end = word.span()
        if any(m.start <= start < m.end for m in words) or not any(p.match(text, end) for p, _ in rules):
            continue
        if not cue.search(text[max(0, start - 20) : start]):
            continue
        read = find_number_words(word.group(), lang, lambda w: _multiplier(w, lang))
        hour = 1.0 if word.group().lower() == _ONE_OCLOCK.get(lang) else read[0].value if len(read) == 1 else 0.0
        if 1 <= hour <= 12:
            found.append(NumberMention(hour, start, end, original[start:end], False, spelled=True))
    return found


def _in_roman(original: str, lang: str) -> list[NumberMention]:
    """Centuries and regnal numbers in Roman numerals ("siglo XX", "Felipe VI") and centuries said with an ordinal
    ("the nineteenth century"), read as figures."""
    found = find_roman_numerals(original, lang) + find_spelled_centuries(original, lang)
    return [NumberMention(float(r.value), r.start, r.end, original[r.start : r.end], False) for r in found]


# Minutes said in words around the hour: German and Dutch "halb zehn" / "half tien" is 9:30, English "half past
# nine", Spanish "las nueve y media", French "neuf heures et demie" 9:30, "quarter to ten" 9:45.
_PAST_THE_HOUR_BEFORE: dict[str, list[tuple[str, float]]] = {
    "de": [(r"halb\s+$", -0.7), (r"viertel\s+nach\s+$", 0.15), (r"viertel\s+vor\s+$", -0.55)],
    "nl": [(r"half\s+$", -0.7), (r"kwart\s+over\s+$", 0.15), (r"kwart\s+voor\s+$", -0.55)],
    "en": [
        (r"half\s+past\s+$", 0.3),
        (r"(?:a\s+)?quarter\s+past\s+$", 0.15),
        (r"(?:(?<=\ba\s)|(?<=\bat\s))quarter\s+to\s+$", -0.55),  # not "the fourth quarter to 5%"
        (r"\btwenty-five\s+past\s+$", 0.25),
        (r"\btwenty\s+past\s+$", 0.2),
        (r"\bten\s+past\s+$", 0.1),
        (r"\bfive\s+past\s+$", 0.05),
    ],
}
# After the hour, only where a word before it says it is a time ("a las nueve y media", "à 22 heures trente"):
# elsewhere "y media" is a half ("dos horas y media"), and "10 heures quinze manifestants" fifteen people.
_CLOCK_CUE = {
    "es": r"\b(?:a\s+)?las?\s+$",
    "pt": r"\b(?:às|as|à|a)\s+$",
    "it": r"\b(?:alle|all['’]|le|ore)\s*$",
    "fr": r"\b(?:à|a|vers|dès|jusqu['’]à|avant|après)\s+$",
}
_FRENCH_MINUTES_END = (
    r"(?=\s*(?:$|[^\w\s]|(?:à|au|aux|de|du|des|et|le|la|les|en|dans|pour|par|avec|sur|ce|cette|pile)\b))"
)
_PAST_THE_HOUR_AFTER: dict[str, list[tuple[str, float]]] = {
    "es": [
        (r"\s+y\s+media(?![^\W\d_])", 0.3),
        (r"\s+y\s+cuarto(?![^\W\d_])", 0.15),
        (r"\s+y\s+veinte(?![^\W\d_])", 0.2),
        (r"\s+y\s+diez(?![^\W\d_])", 0.1),
        (r"\s+y\s+cinco(?![^\W\d_])", 0.05),
        (r"\s+y\s+veinticinco(?![^\W\d_])", 0.25),
        (r"\s+menos\s+cuarto(?![^\W\d_])", -0.55),
        (r"\s+menos\s+diez(?![^\W\d_])", -0.5),
        (r"\s+menos\s+cinco(?![^\W\d_])", -0.45),
        (r"\s+menos\s+veinte(?![^\W\d_])", -0.6),
        (r"\s+menos\s+veinticinco(?![^\W\d_])", -0.65),
    ],
    "pt": [
        (r"\s+e\s+meia(?![^\W\d_])", 0.3),
        (r"\s+e\s+(?:quinze|um\s+quarto)(?![^\W\d_])", 0.15),
        (r"\s+e\s+vinte\s+e\s+cinco(?![^\W\d_])", 0.25),  # before "e vinte", which it starts with
        (r"\s+e\s+vinte(?![^\W\d_])", 0.2),
        (r"\s+e\s+dez(?![^\W\d_])", 0.1),
        (r"\s+e\s+cinco(?![^\W\d_])", 0.05),
    ],
    "it": [
        (r"\s+e\s+mezz[ao](?![^\W\d_])", 0.3),
        (r"\s+e\s+(?:un\s+quarto|quindici)(?![^\W\d_])", 0.15),
        (r"\s+e\s+venticinque(?![^\W\d_])", 0.25),
        (r"\s+e\s+venti(?![^\W\d_])", 0.2),
        (r"\s+e\s+dieci(?![^\W\d_])", 0.1),
        (r"\s+e\s+cinque(?![^\W\d_])", 0.05),
        (r"\s+meno\s+un\s+quarto(?![^\W\d_])", -0.55),
        (r"\s+meno\s+dieci(?![^\W\d_])", -0.5),
        (r"\s+meno\s+cinque(?![^\W\d_])", -0.45),
    ],
    "fr": [
        (r"\s+heures?\s+(?:et\s+demie|trente)" + _FRENCH_MINUTES_END, 0.3),
        (r"\s+heures?\s+(?:et\s+quart|quinze)" + _FRENCH_MINUTES_END, 0.15),
        (r"\s+heures?\s+quarante-cinq" + _FRENCH_MINUTES_END, 0.45),
        (r"\s+heures?\s+vingt-cinq" + _FRENCH_MINUTES_END, 0.25),
        (r"\s+heures?\s+vingt" + _FRENCH_MINUTES_END, 0.2),
        (r"\s+heures?\s+dix" + _FRENCH_MINUTES_END, 0.1),
        (r"\s+heures?\s+cinq" + _FRENCH_MINUTES_END, 0.05),
        (r"\s+heures?\s+moins\s+le\s+quart" + _FRENCH_MINUTES_END, -0.55),
        (r"\s+heures?\s+moins\s+dix" + _FRENCH_MINUTES_END, -0.5),
        (r"\s+heures?\s+moins\s+cinq" + _FRENCH_MINUTES_END, -0.45),
    ],
}
# A half more, right after the number or after its unit ("cinco y medio", "dos años y medio", "five and a half
# hours", "deux heures et demie" where no clock cue stands before it).
_AND_A_HALF = {
    "en": r"\s+and\s+a\s+half(?![^\W\d_])",
    "es": r"\s+y\s+medi[oa](?![^\W\d_])",
    "pt": r"\s+e\s+mei[oa](?![^\W\d_])",
    "it": r"\s+e\s+mezz[oa](?![^\W\d_])",
    "fr": r"\s+et\s+demie?(?![^\W\d_])",
}


_BEFORE_THE_HOUR = {
    lang: [(re.compile(p, re.IGNORECASE), shift) for p, shift in rules] for lang, rules in _PAST_THE_HOUR_BEFORE.items()
}
_AFTER_THE_HOUR = {
    lang: [(re.compile(p, re.IGNORECASE), shift) for p, shift in rules] for lang, rules in _PAST_THE_HOUR_AFTER.items()
}
_CLOCK_CUES = {lang: re.compile(cue, re.IGNORECASE) for lang, cue in _CLOCK_CUE.items()}
_HALVES = {lang: re.compile(half, re.IGNORECASE) for lang, half in _AND_A_HALF.items()}


def _outside_others(mentions: list[NumberMention]) -> list[NumberMention]:
    """Without the mentions a longer one spans ("trente" in "vingt-deux heures trente"); one sweep in order of start."""
    kept, widest = [], None
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        span = (mention.start, mention.end)
        if widest is None or widest.end < mention.end or (widest.start, widest.end) == span:
            kept.append(mention)
        if widest is None or mention.end > widest.end:
            widest = mention
    return kept


def _with_past_the_hour(mention: NumberMention, text: str, lang: str) -> NumberMention:
    """An hour with its minutes said in words read as hours + minutes / 100 ("halb zehn" = 9.30, the value "9:30"
    has; "à vingt-deux heures trente" = 22.30), spanning them; elsewhere a half said after a number or its unit
    added to it ("dos años y medio" = 2.5 years)."""
    if mention.value != int(mention.value) or not 0 <= mention.value <= 24 or mention.half_said or mention.percent:
        return mention
    window = max(0, mention.start - 20)
    for pattern, shift in _BEFORE_THE_HOUR.get(lang, []) if 1 <= mention.value <= 12 else ():
        before = pattern.search(text[window : mention.start])
        if before:
            start = window + before.start()
            value = mention.value + shift + (12 if mention.value + shift < 1 else 0)  # "halb eins": 12:30
            return replace(mention, value=round(value, 2), start=start, text=text[start : mention.end])
    cue = _CLOCK_CUES.get(lang)
    if cue and cue.search(text[window : mention.start]):
        for pattern, shift in _AFTER_THE_HOUR.get(lang, []):
            after = pattern.match(text, mention.end)
            if after:
                end = after.end()
                return replace(mention, value=mention.value + shift, end=end, text=text[mention.start : end])
    half = _HALVES.get(lang)
    if half:
        at = unit_end(text, mention.end, lang) or mention.end
        if half.match(text, at):
            return replace(mention, value=mention.value + 0.5)
    return mention


# Words that say which half of the day a clock time is in, after it ("8 de la tarde", "6 heures du matin", "10 Uhr
# abends") or, in Chinese and Japanese, before it ("晚上8点", "午後3時"): am, pm, or night (before 6 the small
# hours, from 6 the evening: "2 de la noche", "11 de la noche").
_HALVES_AFTER = {
    "es": {
        "am": r"(?:horas?\s+)?de la (?:mañana|madrugada)",
        "pm": r"(?:horas?\s+)?de la tarde",
        "night": r"(?:horas?\s+)?de la noche",
    },
    "fr": {"am": r"(?:heures?\s+|h\s+)?du matin", "pm": r"(?:heures?\s+|h\s+)?(?:du soir|de l['’]après-midi)"},
    "de": {
        "am": r"(?:Uhr\s+)?(?:morgens|früh|vormittags)",
        "pm": r"(?:Uhr\s+)?(?:abends|nachmittags)",
        "night": r"(?:Uhr\s+)?nachts",
    },
    "it": {
        "am": r"(?:ore\s+)?(?:del mattino|di mattina|della mattina)",
        "pm": r"(?:ore\s+)?(?:di sera|della sera|del pomeriggio)",
        "night": r"(?:ore\s+)?di notte",
    },
    "pt": {
        "am": r"(?:horas?\s+)?da (?:manhã|madrugada)",
        "pm": r"(?:horas?\s+)?da tarde",
        "night": r"(?:horas?\s+)?da noite",
    },
    "ru": {
        "am": r"(?:час(?:а|ов)?\s+)?утра",
        "pm": r"(?:час(?:а|ов)?\s+)?(?:вечера|дня)",
        "night": r"(?:час(?:а|ов)?\s+)?ночи",
    },
}
_HALVES_BEFORE = {
    "zh": {"am": r"(?:上午|早上|早晨|凌晨)", "pm": r"(?:下午|晚上|傍晚)"},
    "ja": {"am": r"(?:午前|未明)", "pm": r"(?:午後|夕方)"},
}


def _with_half_of_day(mention: NumberMention, text: str, lang: str) -> NumberMention:
    """A clock time with the half of the day its words say, on 24 hours (the time as written beside it), its span
    and text taking in those words ("8 de la tarde", "20 heures du soir", "晚上8点"); "12" is left as it is (noon or
    midnight)."""
    hours, minutes = int(mention.value), round(mention.value % 1 * 100)
    if mention.half_said or mention.percent or not 1 <= mention.value < 24 or hours == 12 or minutes >= 60:
        return mention
    half, start, end = None, mention.start, mention.end
    for name, pattern in _HALVES_AFTER.get(lang, {}).items():
        if found := re.match(rf"\s*{pattern}(?!\w)", text[mention.end :], re.IGNORECASE):
            half, end = name, mention.end + found.end()
    clock = re.match(r"[点點时時]", text[mention.end :]) or re.search(r"[点點时時]", mention.text)
    for name, pattern in _HALVES_BEFORE.get(lang, {}).items():
        if clock and (found := re.search(rf"{pattern}$", text[: mention.start])):  # "下午3点", not "下午3名学生"
            half, start = name, found.start()
    if half is None:
        return mention
    afternoon = half == "pm" or (half == "night" and hours >= 6)
    if hours > 12 and not afternoon:
        return mention  # "20 heures du matin" reads as nothing clear
    value = hours + (12 if afternoon and hours < 12 else 0) + minutes / 100
    return replace(
        mention, value=value, start=start, end=end, text=text[start:end], twelve_hour=mention.value, half_said=True
    )


# Month names, for the languages that write them out; Chinese, Japanese and Korean write months as numbers ("8月15日"
# is "August 15"), and so do numeric dates ("15.08.2019").
_MONTH_NAMES = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
}
# Between a month and its day or year: spaces, a comma or a full stop ("5. Mai"), "de", "of".
_DATE_GLUE = re.compile(r"[\s.,]*(?:(?:de|of|del)\s+)?")
# The word before a month named without a day or year ("in May", "en junio", "im Mai", "fin mars"): without one the
# name is more often a person's or a thing's ("Theresa May", "Julio Iglesias", "Mars Express", "May I ...").
_MONTH_CUES = {
    "en": "in of since until till by from through early late mid last next this each every",
    "de": "im seit bis ab anfang ende mitte vom zum",
    "fr": "en de depuis jusqu'en d' fin début mi courant",
    "es": "en de desde hasta para a finales principios mediados",
    "it": "a di in da fino entro inizio fine metà",
    "pt": "em de desde até a final início meados",
    "nl": "in sinds tot van eind begin half",
}
_MONTH_CUE_WORDS = {lang: frozenset(words.split()) for lang, words in _MONTH_CUES.items()}


def _months(mentions: list[NumberMention], text: str, lang: str) -> list[NumberMention]:
    """Each month named, as its number; dated where a day (1-31) or a year stands beside it ("May 5", "5 de mayo",
    "am 5. Mai", "August 2019"). English and German names need their capital ("may", "march" are words)."""
    names = _MONTH_NAMES.get(lang)
    if names is None:
        return []
    pattern = _month_pattern(lang)
    ends = {m.end: m for m in mentions}
    starts = {m.start: m for m in mentions}
    found = []
    for match in pattern.finditer(text):
        before = next((m for end, m in ends.items() if _glued(text, end, match.start())), None)
        after = next((m for start, m in starts.items() if _glued(text, match.end(), start)), None)
        dated = any(m is not None and _day_or_year(m) for m in (before, after))
        if not dated and not _after_a_month_cue(text, match.start(), lang):
            continue
        number = float(_month_numbers(lang)[match.group(0).lower()])
        found.append(NumberMention(number, match.start(), match.end(), match.group(0), False, None, True, dated))
    return found


def _after_a_month_cue(text: str, start: int, lang: str) -> bool:
    before = re.search(r"([\w'’-]+)\s*$", text[max(0, start - 24) : start])
    return before is not None and before.group(1).lower().replace("’", "'") in _MONTH_CUE_WORDS.get(lang, ())


def _glued(text: str, start: int, end: int) -> bool:
    return 0 <= end - start <= 6 and _DATE_GLUE.fullmatch(text, start, end) is not None


def _day_or_year(mention: NumberMention) -> bool:
    value = mention.value
    return value == int(value) and (1 <= value <= 31 or 1000 <= value <= 2999)


@lru_cache(maxsize=16)
def _month_pattern(lang: str) -> re.Pattern[str]:
    names = _MONTH_NAMES[lang].split()
    flags = 0 if lang in ("en", "de") else re.IGNORECASE
    return re.compile(rf"\b(?:{'|'.join(names)})\b", flags)


@lru_cache(maxsize=16)
def _month_numbers(lang: str) -> dict[str, int]:
    return {name.lower(): k for k, name in enumerate(_MONTH_NAMES[lang].split(), start=1)}


def _date_parts(match: re.Match[str], original: str) -> list[NumberMention]:
    parts = []
    for part in re.finditer(r"\d+", match.group("date")):
        start, end = match.start("date") + part.start(), match.start("date") + part.end()
        parts.append(NumberMention(float(part.group()), start, end, original[start:end], False))
    return parts


# After a currency sign, English news writes a million as "m" ("£100m", "$5m"); "100m" alone is a distance.
_CURRENCY_ABBREVIATIONS = {"m": 1e6, "k": 1e3, "tn": 1e12}
_ABBREVIATED = re.compile(r"(tn|m|k)(?![^\W\d_])")


def _currency_abbreviation(text: str, start: int, end: int) -> str | None:
    if start == 0 or text[start - 1] not in "£$€¥₹":
        return None
    found = _ABBREVIATED.match(text, end)
    return found.group(1) if found else None


# Clock times on twelve hours: "8 p.m." = "20.00 horas", "8:30 pm" = "20 h 30", and in Spanish, which writes them
# too (RAE: "10 p. m."), "a las 10 p. m." = "at 10 p.m." ("de 10 a 12" and "a mediodía" have no "m" after the "a").
_MERIDIEM = re.compile(r"\s?([ap])(?:\.\s?m\.|m\b)", re.IGNORECASE)
_MERIDIEM_LANGUAGES = frozenset({"en", "es"})


def _multiplier(word: str, lang: str) -> float:
    if word in ("billion", "billions") and lang not in _SHORT_SCALE:
        return 1e12
    return _MULTIPLIERS.get(word, 1.0)


def _value(match: re.Match[str], lang: str) -> tuple[float, float | None] | None:
    """A _NUMBER match's value before any multiplier (a time, digits and the fraction after them, a fraction), and
    a time's reading on twelve hours where it has one."""
    clock = _clock(match, lang)
    if clock is not None:
        return clock
    if match.group("phone"):
        return float(re.sub(r"\s", "", match.group("phone"))), None
    if match.group("lone"):
        return unicodedata.numeric(match.group("lone")), None
    value = parse_number(match.group("digits"), lang)
    if value is None:
        return None
    fraction = match.group("fraction")
    return (value + unicodedata.numeric(fraction) if fraction else value), None


def _clock(match: re.Match[str], lang: str) -> tuple[float, float | None] | None:
    """Hours + minutes / 100 for a time ("20:30", "20 h 30"; English "8 p.m." and "8:30 pm" on 24 hours, with the
    time as written beside it)."""
    meridiem = _MERIDIEM.match(match.string, match.end()) if lang in _MERIDIEM_LANGUAGES else None
    digits = match.group("digits")
    clock = re.fullmatch(r"(\d{1,2})(?:[.:](\d{2}))?", digits or "")
    if match.group("hours"):
        minutes = match.group("minutes") or match.group("duration_minutes") or match.group("cjk_minutes")
        hours, minutes = int(match.group("hours")), 30 if match.group("cjk_half") else int(minutes)
    elif meridiem and clock:  # "8 p.m.", British "7.27 p.m."
        hours, minutes = int(clock.group(1)), int(clock.group(2) or 0)
    else:
        return None
    written = hours + minutes / 100
    if meridiem and hours <= 12:
        hours = hours % 12 + (12 if meridiem.group(1).lower() == "p" else 0)
        return hours + minutes / 100, written
    return written, None


def _decades(mentions: list[NumberMention], text: str) -> list[NumberMention]:
    """A decade named by its tens ("五十年代", "les années 60", "los años 60", "die 60er Jahre", "the '60s"), which
    another text writes as the year it starts ("the 1960s")."""
    return [
        NumberMention(1900 + m.value, m.start, m.end, m.text, m.percent)
        if m.value in _TENS and _names_decade(text, m)
        else m
        for m in mentions
    ]


_DECADE_WORD_BEFORE = re.compile(r"(?:années|años|anni|anos|jaren)\s+['’]?$", re.IGNORECASE)
_DECADE_AFTER = re.compile(r"年代|(?<=er)[\s-]?jahren?\b", re.IGNORECASE)
_ENGLISH_DECADE = re.compile(r"(?<=['’])\d0s\b")  # "the '60s", not "in their 60s"


def _names_decade(text: str, mention: NumberMention) -> bool:
    return bool(
        _DECADE_AFTER.match(text, mention.end)
        or _DECADE_WORD_BEFORE.search(text, max(0, mention.start - 12), mention.start)
        or _ENGLISH_DECADE.match(text, mention.start)
    )


_TENS = frozenset(float(tens) for tens in range(10, 100, 10))


_RANGE_DASH = re.compile(r"\s*[-–—]\s*")


def _years_in_full(mentions: list[NumberMention], text: str) -> list[NumberMention]:
    """A year range that writes its end in two digits means the full year: "1521 – 26" = 1521-1526, "1939-45"."""
    out = list(mentions)
    for k in range(1, len(out)):
        first, second = out[k - 1], out[k]
        year = int(first.value)
        if not (
            first.value == year
            and 1000 <= year <= 2999
            and len(second.text) == 2
            and second.text.isdecimal()
            and _RANGE_DASH.fullmatch(text[first.end : second.start])
        ):
            continue
        end = year // 100 * 100 + int(second.text)
        if end > year:
            out[k] = NumberMention(float(end), second.start, second.end, second.text, second.percent)
    return out


_HAN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9
}  # fmt: skip
_HAN_UNITS = {"十": 10, "百": 100, "千": 1000}
_HAN_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_HAN_NUMERAL = re.compile(f"[{''.join(_HAN_DIGITS)}{''.join(_HAN_UNITS)}{''.join(_HAN_BIG)}]{{2,}}")
_HAN_DIGIT_CLASS = "".join(_HAN_DIGITS)
_HAN_DECIMAL = re.compile(
    f"(?P<percent>百分之)?(?P<whole>[{_HAN_DIGIT_CLASS}{''.join(_HAN_UNITS)}{''.join(_HAN_BIG)}]+)[点點]"
    f"(?P<fraction>[{_HAN_DIGIT_CLASS}]+)(?P<big>[万萬亿億])?(?![{_HAN_DIGIT_CLASS}十百千分刻])"  # 三点五十分: 3:50
)
# Idioms with 点 between numerals: "bit by bit", "between two points".
_HAN_DECIMAL_IDIOMS = ("一点一滴", "两点一线", "一点一点", "一点点")
# Runs that are words, not numbers: "by all means", "in case", "very", "one by one".
_HAN_IDIOMS = ("千万", "万一", "一一", "万万", "千千万万", "百万")


def _han_numerals(text: str, lang: str) -> list[NumberMention]:
    """Numerals written in Han characters with a unit (二十 = 20, 一百五十 = 150, 七万三千 = 73,000) or a decimal point
    (三点五 = 3.5, 百分之三点二 = 3.2%); single digits ("一个", "三名") read as words ("a", "three") and are left out,
    as are idioms made of numerals."""
    out = []
    decimals = [
        m
        for m in _HAN_DECIMAL.finditer(text)
        if _han_value(m.group("whole")) is not None and not text.startswith(_HAN_DECIMAL_IDIOMS, m.start("whole"))
    ]
    for match in decimals:
        whole = _han_value(match.group("whole"))
        fraction = float("0." + "".join(str(_HAN_DIGITS[ch]) for ch in match.group("fraction")))
        if match.group("big"):  # 三点五万 = 35,000
            whole, fraction = (whole + fraction) * _HAN_BIG[match.group("big")], 0.0  # type: ignore[operator]
        start = match.start("percent") if match.group("percent") else match.start()
        out.append(
            NumberMention(whole + fraction, start, match.end(), text[start : match.end()], bool(match.group("percent")))
        )  # type: ignore[operator]
    taken = [(m.start(), m.end()) for m in decimals]
    out += _lone_han_digits(text, lang, taken)
    for match in _HAN_NUMERAL.finditer(text):
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue
        run, end = match.group(), match.end()
        if _year_digit_by_digit(run, text, end):  # 一九三九年 = 1939
            year = int("".join(str(_HAN_DIGITS[ch]) for ch in run))
            out.append(NumberMention(float(year), match.start(), end, run, False))
            continue
        if run[-1] in "两兩" and run[-2] in _HAN_UNITS.keys() | _HAN_BIG.keys():  # 五十两: fifty taels, not 52
            run, end = run[:-1], end - 1
        if run in _HAN_IDIOMS or not any(ch in _HAN_UNITS or ch in _HAN_BIG for ch in run):
            continue
        value = _han_value(run)
        if value is not None and text[end : end + 1] == "多" and text[end + 1 : end + 2] in _HAN_BIG:
            value, end = value * _HAN_BIG[text[end + 1]], end + 2  # 一百多亿: over ten billion
        clock = _HAN_CLOCK.match(text, end) if value is not None and value <= 24 else None
        if clock and clock.group(1):  # 十点半, 十一点半: half past ten, eleven
            value, end = value + 0.3, clock.end()  # type: ignore[operator]
        if value is not None:
            start = match.start()
            percent = text.endswith("百分之", 0, start)  # 百分之四十二 = 42%
            start -= 3 if percent else 0
            out.append(NumberMention(float(value), start, end, text[start:end], percent))
    return out


_HAN_NUMERAL_CHARS = "一二三四五六七八九十百千万萬亿億两兩零〇"
_LONE_HAN_DIGIT = re.compile(f"(?<![{_HAN_NUMERAL_CHARS}])[二三四五六七八九两兩十](?![{_HAN_NUMERAL_CHARS}])")
_HAN_CLOCK = re.compile(r"[点點时時](半)?(?![一二三四五六七八九十零〇两兩\d])")


def _lone_han_digits(text: str, lang: str, taken: list[tuple[int, int]]) -> list[NumberMention]:
    """A lone Han digit (not 一, which is mostly "a"; 十 too) before a unit ("三个月", "八年", "十年") or a counter
    ("两人死亡", "五名学生", "三辆车"), or as a clock's hour ("九点", "十点半" = 10:30): a number there, though most
    lone digits are words ("三心二意", "十分"). Before 成, where the segmenter makes the two one word, tenths: "三成" is
    30%."""
    out = []
    words: list[tuple[int, int]] | None = None  # the text's words, segmented where a counter needs them
    for match in _LONE_HAN_DIGIT.finditer(text):
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue
        value, end = float(_HAN_DIGITS.get(match.group()) or _HAN_UNITS[match.group()]), match.end()
        clock = _HAN_CLOCK.match(text, end)
        counted = False
        if clock:
            value += 0.3 if clock.group(1) else 0.0
            end = clock.end() if clock.group(1) else end
        elif lang == "zh" and text.startswith("成", end):  # 三成: three tenths, 30%
            words = segment(text, lang) if words is None else words
            if (match.start(), end + 1) in words:
                said = text[match.start() : end + 1]
                out.append(NumberMention(value * 10, match.start(), end + 1, said, True, spelled=True))
            continue
        elif unit_end(text, end, lang) is None:
            if not _before_counter(text, match.start(), end, lang):
                continue
            words = segment(text, lang) if words is None else words
            if not _own_word(words, match.start(), end):
                continue
            counted = True
            if text.startswith("个半", end):  # 两个半小时: two and a half hours
                value, end = value + 0.5, end + 2
        out.append(NumberMention(value, match.start(), end, text[match.start() : end], False, spelled=counted))
    return out


def _before_counter(text: str, start: int, end: int, lang: str) -> bool:
    """A lone digit before a counter ("两人", "三辆"), not an ordinal ("第二个") nor the size of a group a name opens
    ("李力世等四人": Li and three others, the translation says)."""
    return text[end : end + 1] in word_list("counters", lang) and text[start - 1 : start] not in ("第", "等")


def _own_word(words: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether the segmenter makes the digit a word of its own, alone or with its counter ("两人", "五"), not part of
    a longer word: a weekday ("周六人流量", "本周五起"), a name ("王二", "三台县"), a compound ("十项全能",
    "五人制")."""
    word = next(((a, b) for a, b in words if a <= start < b), None)
    return word is not None and word[0] == start and word[1] <= end + 1


def _year_digit_by_digit(run: str, text: str, end: int) -> bool:
    """Four Han digits and 年: a year said digit by digit (一九三九年, 二〇一九年), not a numeral with units."""
    return len(run) == 4 and all(ch in _HAN_DIGITS for ch in run) and text[end : end + 1] == "年"


def _han_value(run: str) -> int | None:
    total = section = 0
    digit: int | None = None
    for ch in run:
        if ch in _HAN_DIGITS:
            if digit is not None:
                return None  # two digits in a row: not a numeral ("三三两两"); 零 only holds a place
            digit = _HAN_DIGITS[ch] or None
        elif ch in _HAN_UNITS:
            section += (1 if digit is None else digit) * _HAN_UNITS[ch]
            digit = None
        else:
            section += digit or 0
            total += (section or 1) * _HAN_BIG[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_number(digits: str, lang: str) -> float | None:
    compact = re.sub(r"[\u00a0\u202f '’]", "", digits)
    comma_decimal = lang in _COMMA_DECIMAL
    groups = re.fullmatch(r"\d{1,3}(?:([.,])\d{3})+", compact)
    if groups and (compact.count(groups.group(1)) > 1 or (groups.group(1) == ".") == comma_decimal):
        return float(compact.replace(groups.group(1), ""))
    if comma_decimal and "," in compact:
        compact = compact.replace(".", "").replace(",", ".")
    elif compact.count(",") == 1 and "." not in compact:
        compact = compact.replace(",", ".")  # not thousands ("2,64"): a decimal comma in a text that writes dots
    else:
        compact = compact.replace(",", "")
    try:
        return float(compact)
    except ValueError:
        return None
