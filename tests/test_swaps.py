"""Numbers exchanged between what they count (align/detectors/swaps.py): a number_mismatch flag on each number of
the pair, spanning it with its words on both sides, and none where the translation reorders the things but keeps
each number with its own, nor for a range, a score or a date; a change reversed ("de 2 a 3" / "from 3 to 2") is one
too, a change said in the other order ("rose to 45 from 30") none."""

import pytest
from bead_flags import bead_flags

from align.alignment.words import split_words
from align.detectors.numbers import find_numbers
from align.detectors.swaps import _owned_words, _same_values


def _swap_flags(word_aligner, source: str, target: str, source_lang: str, target_lang: str = "en"):
    flags = bead_flags(word_aligner, source, target, source_lang=source_lang, target_lang=target_lang)
    return sorted(
        (f.source_text, f.target_text) for f in flags if f.kind == "number_mismatch" and "exchanged" in f.message
    )


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "expected"),
    [
        (
            "El accidente dejó tres muertos y diez heridos en la autopista.",
            "The accident left ten dead and three injured on the motorway.",
            "es",
            [("diez heridos", "three injured"), ("tres muertos", "ten dead")],
        ),
        (
            "La empresa vendió 200 coches en enero y 350 motos en febrero.",
            "The company sold 350 cars in January and 200 motorbikes in February.",
            "es",
            [("200 coches", "350 cars"), ("350 motos", "200 motorbikes")],
        ),
        (
            "Bei dem Unfall starben 3 Menschen, 10 wurden verletzt.",
            "Ten people died in the accident and three were injured.",
            "de",
            [("10 wurden verletzt", "three were injured"), ("3 Menschen", "Ten people")],
        ),
        (
            "El precio del billete pasará de 2 euros a 3 euros en enero.",
            "The ticket price will go from 3 euros to 2 euros in January.",
            "es",
            [("a 3", "to 2"), ("de 2", "from 3")],
        ),
        (
            "事故造成3人死亡、10人受伤。",
            "The accident killed 10 people and injured 3.",
            "zh",
            [("10人受伤", "injured 3"), ("3人死亡", "killed 10")],
        ),
    ],
)
def test_exchanged_numbers_are_flagged_on_both_sides(word_aligner, source, target, source_lang, expected):
    assert _swap_flags(word_aligner, source, target, source_lang) == expected


@pytest.mark.parametrize(
    ("source", "target", "source_lang"),
    [
        # The things reordered, each number kept with its own.
        (
            "El accidente dejó diez heridos y tres muertos en la autopista.",
            "The accident left three dead and ten injured on the motorway.",
            "es",
        ),
        ("事故造成3人死亡、10人受伤。", "The accident killed 3 people and injured 10.", "zh"),
        # A change said in the other order keeps each number's role (a Chinese start marked words before it); a
        # comparison word parts two items.
        (
            "行车时间将由现在公路的6小时，缩短到2个小时。",
            "The travel time will be shortened from 6 hours on the current highway to 2 hours.",
            "zh",
        ),
        (
            "El número de víctimas pasó de 30 muertos el lunes a 45 el martes, según el Ministerio.",
            "The death toll rose to 45 on Tuesday from 30 on Monday, according to the ministry.",
            "es",
        ),
        (
            "Un café coûte en moyenne 2,50 euros à Paris, contre 1,60 euro en province.",
            "A coffee costs an average of 1.60 euros in the provinces, against 2.50 euros in Paris.",
            "fr",
        ),
        ("Juan, de 45 años, y María, de 30, fueron detenidos.", "Juan, 45, and María, 30, were arrested.", "es"),
        # A score, a range, a date: no word of their own between the numbers.
        ("El Madrid ganó 3-1 al Barcelona.", "Madrid beat Barcelona 3-1.", "es"),
        ("Entre 10 y 20 personas resultaron heridas.", "Between 10 and 20 people were injured.", "es"),
        # Clock times are left alone: the word aligner crosses the weekdays beside them.
        (
            "Der Ausstand soll am Mittwoch um 18.00 Uhr beginnen und im Personenverkehr am Donnerstag um 2.00 Uhr.",
            "The walkout is to begin at 6 p.m. on Wednesday and in passenger services at 2 a.m. on Thursday.",
            "de",
        ),
        # A year is not exchanged with an amount (German puts the verb second).
        (
            "In 2008, Tulsa funded 39.2 million to build a new ballpark.",
            "2008 finanzierte Tulsa 39,2 Mio. für den Bau eines neuen Ballparks.",
            "en",
        ),
    ],
)
def test_numbers_kept_with_their_things_are_not_flagged(word_aligner, source, target, source_lang):
    target_lang = "de" if source_lang == "en" else "en"
    assert _swap_flags(word_aligner, source, target, source_lang, target_lang) == []


def test_a_word_between_two_numbers_belongs_to_the_one_in_its_clause():
    text = "事故造成3人死亡、10人受伤。"
    side = split_words(text, "zh")
    numbers = find_numbers(text, "zh")
    owned = _owned_words(side, numbers, "zh")
    assert [sorted(side[k].text for k in owned[id(m)]) for m in numbers] == [["事故", "死亡", "造成"], ["受伤"]]


def test_a_value_said_twice_on_a_side_is_not_compared():
    source = find_numbers("Tres heridos, tres detenidos y diez evacuados.", "es")
    target = find_numbers("Three injured, ten arrested and three evacuated.", "en")
    assert [m.text for m, _ in _same_values(source, target)] == ["diez"]
