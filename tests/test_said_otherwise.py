"""Source words a faithful translation says otherwise (said_otherwise.py): no omission however they align."""

import pytest

from align.alignment.words import split_words
from align.detectors.said_otherwise import said_otherwise


def _said(source: str, target: str, lang: str) -> list[str]:
    words = split_words(source, lang)
    return [words[i].text for i in said_otherwise(words, source, target, lang)]


@pytest.mark.parametrize(
    ("source", "lang", "target", "said"),
    [
        ("Llegó a las 8 de la mañana.", "es", "He arrived at 8 a.m.", ["mañana"]),
        ("Le conseil se réunira à 10 heures.", "fr", "The cabinet will meet at 10 a.m.", ["heures"]),
        ("Der Zug fuhr um 8 Uhr morgens ab.", "de", "The train left at 8 a.m.", ["Uhr", "morgens", "ab"]),
        ("会议于上午10点开始。", "zh", "The meeting began at 10 a.m.", ["上午", "点"]),
        # a duration is no clock time: "2 hours" dropped to "2" loses a word
        ("Sus beneficios duran unas 2 horas.", "es", "Its benefits last about 2.", []),
        ("Die Opposition lehnt den Entwurf ab.", "de", "The opposition rejects the draft.", ["ab"]),
        ("Ab Montag gilt die Regel.", "de", "The rule applies from Monday.", []),  # a preposition, not a particle
        ("Die Wählerinnen und Wähler haben entschieden.", "de", "Voters have decided.", ["Wählerinnen"]),
        ("Les Françaises et les Français", "fr", "The French", []),  # an article between: each is judged alone
        ("Françaises et Français ont voté.", "fr", "The French voted.", ["Françaises"]),
        ("Los ciudadanos y ciudadanas votaron.", "es", "Citizens voted.", ["ciudadanos"]),
        ("Lo social y lo socialista.", "es", "x", []),
        ("展会将持续至11月10日。", "zh", "The fair runs until Nov. 10.", ["月", "日"]),
        ("比上月下降0.2个百分点。", "zh", "down 0.2 percentage points", ["个", "百分点"]),
        ("Viele Städte, z. B. München, d. h. Bayern.", "de", "Many cities, such as Munich", ["z", "B", "d", "h"]),
        ("Der Plan B ist fertig.", "de", "Plan B is ready.", []),
        ("M. Macron a reçu Mme Meloni.", "fr", "Macron hosted Meloni.", ["M", "Mme"]),
        ("Eine Frau wurde verletzt.", "de", "A woman was injured.", []),  # no title before a name
        ("Die Ärzt*innen fordern mehr Personal.", "de", "Doctors demand more staff.", ["innen"]),
        ("Il a gagné au second tour.", "fr", "He won the runoff.", ["second", "tour"]),
        ("Il a gagné au second tour.", "fr", "He won the second round.", []),
    ],
)
def test_words_said_otherwise(source, lang, target, said):
    assert _said(source, target, lang) == said
