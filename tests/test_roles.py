"""Roles swapped between two parties (align/detectors/roles.py): "El Barcelona venció al Real Madrid" / "Real Madrid
beat Barcelona" is flagged; the same event said in the passive, with the verb's converse, with a verb that relates
its parties either way, or with a fronted object is not."""

import pytest
from bead_flags import bead_flags

from align.detectors.roles import kept_roles, swapped_roles


def _role_flags(word_aligner, source: str, target: str, source_lang: str, target_lang: str = "en") -> list[str]:
    flags = bead_flags(word_aligner, source, target, source_lang=source_lang, target_lang=target_lang)
    return [f.message for f in flags if f.kind == "garbled" and f.message.startswith("roles swapped")]


@pytest.mark.parametrize(
    ("source", "target", "lang"),
    [
        ("El Barcelona venció al Real Madrid por 3-1.", "Real Madrid beat Barcelona 3-1.", "es"),
        ("La policía detuvo al sospechoso en Sevilla.", "The suspect arrested the police in Seville.", "es"),
        # Which name is which comes from the names themselves, not only from the word vectors in context.
        ("Rusia atacó Ucrania con drones durante la noche.", "Ukraine attacked Russia with drones overnight.", "es"),
        ("Bayern München besiegte Borussia Dortmund mit 2:0.", "Borussia Dortmund beat Bayern Munich 2-0.", "de"),
        ("Microsoft a racheté Activision.", "Activision bought Microsoft.", "fr"),
        # German puts a participle after both parties: the first does it.
        ("Die Gewerkschaft Verdi hat die Deutsche Post verklagt.", "Deutsche Post has sued the Verdi union.", "de"),
        # A relative pronoun stands for the party before it.
        (
            "El Osasuna, que eliminó al Getafe, jugará la final.",
            "Getafe, which eliminated Osasuna, will play the final.",
            "es",
        ),
        # A fronted object with its pronoun: the minister is the one replaced.
        (
            "Al ministro de Hacienda lo sustituyó la secretaria de Estado.",
            "The finance minister replaced the Secretary of State.",
            "es",
        ),
    ],
)
def test_parties_given_each_others_role_are_flagged(word_aligner, source, target, lang):
    assert len(_role_flags(word_aligner, source, target, lang)) == 1


@pytest.mark.parametrize(
    ("source", "target", "lang"),
    [
        ("El Barcelona venció al Real Madrid por 3-1.", "Barcelona beat Real Madrid 3-1.", "es"),
        ("El Barcelona venció al Real Madrid por 3-1.", "Real Madrid were beaten 3-1 by Barcelona.", "es"),
        ("El sospechoso fue detenido por la policía en Sevilla.", "Police arrested the suspect in Seville.", "es"),
        # The converse verb exchanges the roles of a faithful translation.
        ("El Barcelona perdió ante el Real Madrid por 3-1.", "Real Madrid beat Barcelona 3-1.", "es"),
        ("Borussia Dortmund unterlag dem VfL Wolfsburg mit 0:2.", "VfL Wolfsburg beat Borussia Dortmund 2-0.", "de"),
        # A verb relating its parties either way.
        ("Sánchez se reunió con Macron en París.", "Macron met Sánchez in Paris.", "es"),
        (
            "Al ministro de Hacienda lo sustituyó la secretaria de Estado.",
            "The Secretary of State replaced the finance minister.",
            "es",
        ),
        ("Il Monza l'ha comprato Berlusconi nel 2018.", "Berlusconi bought Monza in 2018.", "it"),
        # An object put first that only its pronoun marks, or a relative pronoun that may stand for either party.
        ("El primer gol lo marcó Morata de cabeza.", "Morata scored the first goal with a header.", "es"),
        (
            "La ley que aprobó el Parlamento entra hoy en vigor.",
            "The law passed by Parliament comes into force today.",
            "es",
        ),
        # A German phrase whose determiner does not say its case may open the clause as the object.
        ("Die Wahl gewann die CDU deutlich.", "The CDU clearly won the election.", "de"),
        # "da" after a verb of motion, no passive; a converse and a verb of two parties either way no list holds.
        (
            "Le famiglie sono fuggite da Kherson dopo i bombardamenti.",
            "The families fled Kherson after the shelling.",
            "it",
        ),
        ("La marca Zara pertenece al grupo Inditex.", "The Inditex group owns the Zara brand.", "es"),
        ("Alcaraz se enfrentará a Sinner en la final.", "Sinner will face Alcaraz in the final.", "es"),
        # A surname both parties share tells neither apart.
        (
            "Ana Botín sucedió a su padre, Emilio Botín, al frente del Banco Santander.",
            "Emilio Botín was succeeded as head of Banco Santander by his daughter Ana Botín.",
            "es",
        ),
        # "des" after a noun is "of the": the cabinet is no party of "examiné" in the source.
        (
            "Le projet de loi doit être examiné en conseil des ministres.",
            "The bill is due to be examined by the cabinet.",
            "fr",
        ),
        # Words the aligner links but that are no verb of two parties ("tear" of "tear gas", "power stations").
        (
            "La fermeture de trois centrales à charbon d'ici la fin de l'année.",
            "The closure of three coal-fired power stations by the end of the year.",
            "fr",
        ),
        (
            "La policía lanzó gases lacrimógenos contra los manifestantes.",
            "Police fired tear gas at the protesters.",
            "es",
        ),
    ],
)
def test_the_same_roles_said_otherwise_are_not_flagged(word_aligner, source, target, lang):
    assert _role_flags(word_aligner, source, target, lang) == []


def test_a_swap_the_passive_says_is_flagged_once(word_aligner):
    """ "Barcelona were beaten by Real Madrid" for "El Barcelona venció al Real Madrid": the opposites' reading
    ("venció" / "beaten") and the roles' say the same, and the check keeps one flag of the two."""
    source, target = "El Barcelona venció al Real Madrid por 3-1.", "Barcelona were beaten 3-1 by Real Madrid."
    words = word_aligner.align(source, target)
    assert len(swapped_roles(words, source, target, "es", "en")) == 1
    flags = bead_flags(word_aligner, source, target, source_lang="es", target_lang="en")
    assert [f.kind for f in flags if f.confidence >= 0.5] == ["garbled"]


def test_the_flag_spans_both_parties_and_names_them(word_aligner):
    source, target = "El Barcelona venció al Real Madrid por 3-1.", "Real Madrid beat Barcelona 3-1."
    flags = bead_flags(word_aligner, source, target, source_lang="es", target_lang="en")
    (flag,) = [f for f in flags if f.message.startswith("roles swapped")]
    assert flag.source_text == "Barcelona venció al Real Madrid"
    assert flag.target_text == "Real Madrid beat Barcelona"
    assert "Barcelona does 'venció' to Real Madrid" in flag.message
    assert flag.confidence >= 0.5


def test_roles_are_read_only_where_a_side_tells_verbs(word_aligner):
    """German against French has no side whose verbs the lexicons tell: no reading, so no flag."""
    source, target = "Bayern München besiegte Borussia Dortmund.", "Le Borussia Dortmund a battu le Bayern Munich."
    words = word_aligner.align(source, target)
    assert swapped_roles(words, source, target, "de", "fr") == []
    assert kept_roles(words, source, target, "de", "fr") == []


def test_kept_roles_read_the_faithful_pair(word_aligner):
    source, target = "La policía detuvo al sospechoso en Sevilla.", "The police arrested the suspect in Seville."
    words = word_aligner.align(source, target)
    (kept,) = kept_roles(words, source, target, "es", "en")
    assert words.source[kept.source.agent.named_from].text == "policía"
    assert words.target[kept.target.undergoer.named_from].text == "suspect"
    assert swapped_roles(words, source, target, "es", "en") == []
