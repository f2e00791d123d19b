"""A person's sex said otherwise (align/detectors/genders.py): "La portavoz" / "The spokesman", "她说" / "He said",
"La ministra presentó su dimisión" / "The minister presented his resignation" are flagged; grammatical gender, two
persons of either sex, a man named by his surname, a possessor the source does not name and set phrases are not."""

import pytest
from bead_flags import bead_flags

from align.alignment.words import Word
from align.detectors.genders import marked_words


def _gender_flags(word_aligner, source: str, target: str, source_lang: str, target_lang: str = "en") -> list[str]:
    flags = bead_flags(word_aligner, source, target, source_lang=source_lang, target_lang=target_lang)
    return [f.message for f in flags if f.kind == "garbled" and ("(a man)" in f.message or "(a woman)" in f.message)]


@pytest.mark.parametrize(
    ("source", "target", "lang", "target_lang"),
    [
        # A noun that says a sex, linked to one that says the other.
        (
            "La portavoz del Gobierno dijo que la medida entrará en vigor.",
            "The government spokesman said the measure will take effect.",
            "es",
            "en",
        ),
        ("Die Sprecherin sagte, das Projekt sei fertig.", "The spokesman said the project was ready.", "de", "en"),
        ("她的女儿明天回来。", "His son will return tomorrow.", "zh", "en"),
        (
            "The businesswoman said the deal was closed.",
            "El empresario dijo que el acuerdo estaba cerrado.",
            "en",
            "es",
        ),
        (
            "A spokeswoman for the airline said all passengers were safe.",
            "Ein Sprecher der Fluggesellschaft sagte, alle Passagiere seien sicher.",
            "en",
            "de",
        ),
        # A pronoun linked to a pronoun of the other sex.
        ("Elle a déclaré que le projet était prêt.", "He said the project was ready.", "fr", "en"),
        ("The nurse said she was tired.", "La enfermera dijo que él estaba cansado.", "en", "es"),
        # Read off the whole sentence: the source names a woman only, the target's "his" has no one else to be.
        ("La ministra presentó ayer su dimisión.", "The minister presented his resignation yesterday.", "es", "en"),
        (
            "La ministra de Defensa, Margarita Robles, presentó su dimisión.",
            "Defence Minister Margarita Robles presented his resignation.",
            "es",
            "en",
        ),
        # A sentence without a subject says its sex in the participle.
        ("Fue detenida el jueves en Marbella.", "He was arrested on Thursday in Marbella.", "es", "en"),
        ("È stata arrestata martedì a Fiumicino.", "He was arrested on Tuesday at Fiumicino.", "it", "en"),
        # From English: the one person before "she" is rendered as a man.
        ("The prosecutor said she would appeal the ruling.", "El fiscal dijo que recurrirá el fallo.", "en", "es"),
    ],
)
def test_a_sex_said_otherwise_is_flagged(word_aligner, source, target, lang, target_lang):
    assert len(_gender_flags(word_aligner, source, target, lang, target_lang)) == 1


@pytest.mark.parametrize(
    ("source", "target", "lang", "target_lang"),
    [
        ("La ministra y su marido llegaron juntos.", "The minister and her husband arrived together.", "es", "en"),
        # A man named by his surname beside a woman: "his" is his.
        ("Sánchez defendió a su ministra.", "Sánchez defended his minister.", "es", "en"),
        # The possessor of "su madre" is someone the sentence does not name.
        ("En 1683 su madre murió.", "In 1683 his mother died.", "es", "en"),
        # Grammatical gender of things.
        (
            "La ley entró en vigor y ella prevé multas.",
            "The law came into force and it provides for fines.",
            "es",
            "en",
        ),
        ("Der Vertrag ist gültig, er läuft bis 2030.", "The treaty is valid; it runs until 2030.", "de", "en"),
        # A noun of either sex rendered by a neutral word, and a man said to be one.
        ("La abogada presentó el recurso.", "The lawyer filed the appeal.", "es", "en"),
        ("El portavoz dijo que la medida es urgente.", "The spokesman said the measure is urgent.", "es", "en"),
        # Older Chinese writes 他 for a woman too: only 她 says a sex.
        ("他说明天回来。", "She said she would return tomorrow.", "zh", "en"),
        # A set phrase that names both sexes.
        ("Frau Präsidentin, liebe Kolleginnen und Kollegen!", "Madam President, ladies and gentlemen.", "de", "en"),
        ("Herr Präsident, meine Damen und Herren!", "Mr President, ladies and gentlemen.", "de", "en"),
        # "she" stands for no one the sentence names before it: the minister may be a man.
        ("She said the minister had resigned.", "Dijo que el ministro había dimitido.", "en", "es"),
        # Someone else the target names, whom "his" may stand for.
        (
            "La jueza condenó al acusado y a su abogado.",
            "The judge sentenced the defendant and his lawyer.",
            "es",
            "en",
        ),
    ],
)
def test_faithful_renderings_are_not_flagged(word_aligner, source, target, lang, target_lang):
    assert _gender_flags(word_aligner, source, target, lang, target_lang) == []


def _words(text: str) -> list[Word]:
    words, at = [], 0
    for token in text.split():
        at = text.index(token, at)
        words.append(Word(token, at, at + len(token)))
        at += len(token)
    return words


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("la portavoz dijo", "es", [("portavoz", "f", 1)]),
        ("el portavoz dijo", "es", [("portavoz", "m", 1)]),
        ("La Première ministre a dit", "fr", [("ministre", "f", 2)]),
        ("la skieuse a gagné", "fr", [("skieuse", "f", 1)]),
        # A museum, not a queen; a title only as written.
        ("el Museo Reina Sofía", "es", []),
        ("Miss Smith will miss the train", "en", [("Miss", "f", 0)]),
        (
            "Die Pressesprecherin und der Regierungssprecher",
            "de",
            [("Pressesprecherin", "f", 0), ("Regierungssprecher", "m", 0)],
        ),
    ],
)
def test_marked_words(text, lang, expected):
    side = _words(text)
    found = [
        (side[m.index].text, m.gender, m.index - m.first) for m in marked_words(side, lang) if m.strength != "weak"
    ]
    assert found == expected
