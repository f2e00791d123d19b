"""Members of closed sets named on both sides are compared: "el lunes" / "on Tuesday" is a wrong date."""

import pytest
from bead_flags import bead_flags

from align.detectors.closed_sets import differing, find_named


@pytest.mark.parametrize(
    ("original", "lang", "translation", "target_lang", "expected"),
    [
        (
            "El presidente viajará el lunes a Bruselas.",
            "es",
            "He will travel to Brussels on Tuesday.",
            "en",
            [("lunes", "Tuesday")],
        ),
        (
            "Die Wahl findet am Sonntag statt.",
            "de",
            "The election takes place on Saturday.",
            "en",
            [("Sonntag", "Saturday")],
        ),
        ("会议将于周一举行。", "zh", "The meeting will be held on Wednesday.", "en", [("周一", "Wednesday")]),
        ("Il arrive samedi.", "fr", "Er kommt am Samstag.", "de", []),
        ("de lunes a viernes", "es", "from Monday to Friday", "en", []),
        ("El lunes 3 de marzo", "es", "On March 3", "en", []),  # one side alone says nothing
        ("Cantó Plácido Domingo el sábado.", "es", "Plácido Domingo sang on Saturday.", "en", []),  # a name
        ("Domingo de elecciones en el país.", "es", "Election Sunday in the country.", "en", []),  # sentence start
        ("El ministro dimitió ayer.", "es", "The minister resigned tomorrow.", "en", [("ayer", "tomorrow")]),
        ("Llegará mañana por la mañana.", "es", "He will arrive tomorrow morning.", "en", []),  # "la mañana": morning
        ("Llegó esta mañana.", "es", "He arrived today.", "en", []),
        ("Er kommt morgen.", "de", "He is coming today.", "en", [("morgen", "today")]),
        ("Er kam heute Morgen.", "de", "He came this morning.", "en", []),
        ("El precio subió el año pasado.", "es", "The price rose next year.", "en", [("año pasado", "next year")]),
        (
            "Le sommet aura lieu la semaine prochaine.",
            "fr",
            "The summit took place last week.",
            "en",
            [("semaine prochaine", "last week")],
        ),
        (
            "Der Umsatz stieg im vergangenen Jahr.",
            "de",
            "Sales rose this year.",
            "en",
            [("vergangenen Jahr", "this year")],
        ),
        ("去年的产量增长了。", "zh", "Output grew next year.", "en", [("去年", "next year")]),
        ("L'an dernier, il est venu.", "fr", "He came last year.", "en", []),
        # Bounds: read before a number and compared with the bound of the same number.
        (
            "La tormenta dejó más de 50 muertos.",
            "es",
            "The storm left fewer than 50 dead.",
            "en",
            [("más de 50", "fewer than 50")],
        ),
        (
            "Mehr als 100 Menschen kamen.",
            "de",
            "Fewer than 100 people came.",
            "en",
            [("Mehr als 100", "Fewer than 100")],
        ),
        (
            "超过100人参加了会议。",
            "zh",
            "Fewer than 100 people attended the meeting.",
            "en",
            [("超过100", "Fewer than 100")],
        ),
        (
            "Murieron menos de cinco personas.",
            "es",
            "More than five people died.",
            "en",
            [("menos de cinco", "More than five")],
        ),
        ("La tormenta dejó no más de 50 muertos.", "es", "The storm left at most 50 dead.", "en", []),  # negated
        ("Dejó no más de 50 muertos.", "es", "It left more than 50 dead.", "en", [("más de 50", "more than 50")]),
        ("deben no tener más de 20 alumnos", "es", "must have no more than 20 pupils", "en", []),  # a verb between
        ("控制在不超过3%的水平", "zh", "held at no more than 3%", "en", []),
        (
            "al menos un 3 % y más del 50 %",
            "es",
            "at most 3% and below 50%",
            "en",
            [("al menos un 3 %", "at most 3%"), ("más del 50 %", "below 50%")],
        ),
        (
            "产量近800万辆",
            "zh",
            "output of more than 8 million",
            "en",
            [],
        ),  # 近 is left out: 近5年来 is "the last 5 years"
        ("收入接近1500亿元", "zh", "revenue of nearly 150 billion yuan", "en", []),  # 接近: close to
        ("Es nada menos que 50 millones de euros.", "es", "It is no less than 50 million euros.", "en", []),
        ("He was never more than 3 points behind.", "en", "Er lag höchstens 3 Punkte zurück.", "de", []),
        ("近5年来，经济增长超过5%。", "zh", "Over 5 years, the economy grew by more than 5%.", "en", []),
        (
            "más de un millón de personas",
            "es",
            "fewer than a million people",
            "en",
            [("más de un millón", "fewer than a million")],
        ),
        (
            "more than $50 million",
            "en",
            "menos de 50 millones de dólares",
            "es",
            [("more than $50 million", "menos de 50 millones")],
        ),
        ("本年度我们不想再失去年轻人。", "zh", "This year we don't want to lose young people again.", "en", []),
        ("本年度他在会上说明年度预算。", "zh", "This year he explained the annual budget.", "en", []),
        (
            "El próximo mes de junio habrá elecciones.",
            "es",
            "Elections will be held next June, as last year.",
            "en",
            [],
        ),
        ("last year's budget", "en", "el presupuesto del año que viene", "es", [("last year", "año que viene")]),
        ("Ganó más de lo que esperaba.", "es", "He earned less than he expected.", "en", []),  # no number after
        ("Más de 50 muertos y menos de 10 heridos.", "es", "Fewer than 10 injured and over 50 dead.", "en", []),
        ("El 98% o más, y más de 20 granjas.", "es", "More than 98%, and more than 20 farms.", "en", []),
        ("El año pasado vino y este año volverá.", "es", "Last year he came and this year he will return.", "en", []),
        (
            "Las lluvias afectaron al norte del país.",
            "es",
            "The rains hit the south of the country.",
            "en",
            [("norte", "south")],
        ),
        ("Corea del Norte y Corea del Sur", "es", "North Korea and South Korea", "en", []),
        ("Les pluies ont touché le nord-est.", "fr", "The rains hit the north-east.", "en", []),
        (
            "Die Tista ( östlich ) , südwärts",
            "de",
            "la Tista , à l' est , vers le sud , au nord",
            "fr",
            [],
        ),  # tokenised
        ("Il est au nord.", "fr", "It is to the north.", "en", []),  # "est" is "is"
        ("暴雨袭击了该国北部。", "zh", "Storms hit the south of the country.", "en", [("北部", "south")]),
        ("El paro subió un 3 % en marzo.", "es", "Unemployment fell 3% in March.", "en", [("subió", "fell")]),
        ("Die Preise sind im März gestiegen.", "de", "Prices fell in March.", "en", [("gestiegen", "fell")]),
        ("Le chômage a baissé de 3 %.", "fr", "Unemployment rose 3%.", "en", [("baissé", "rose")]),
        ("Los precios subieron y el paro bajó.", "es", "Unemployment fell while prices rose.", "en", []),
        ("ein Sturm aus Nordwest", "de", "a north-westerly storm", "en", []),  # "north" inside a compound
        ("这家每周三次开放的诊所", "zh", "The clinic, open three times a week, closed on Monday.", "en", []),
        ("El 3 de marzo. Domingo Cavallo dimitió.", "es", "On Monday, March 3, Domingo Cavallo resigned.", "en", []),
        ("Kanye West perdió el norte.", "es", "Kanye West lost his bearings.", "en", []),  # an idiom
        ("North Africa, the Middle East", "en", "África del Norte, África del Norte, Oriente Medio", "es", []),
        ("Prices went  up 3%.", "en", "Los precios bajaron un 3 %.", "es", [("went  up", "bajaron")]),  # two spaces
        ("I prezzi sono scesi, gli affitti a salire.", "it", "Rents kept rising as prices came down.", "en", []),
        ("El consumo aumentó un 2 %.", "es", "Consumption increased by 2%.", "en", []),
        # Seasons, parts of the day, noon and midnight.
        ("La cosecha se hará en verano.", "es", "The harvest will take place in winter.", "en", [("verano", "winter")]),
        ("dès l'automne prochain", "fr", "from next spring", "en", [("l'automne", "spring")]),
        ("Il a été élu cet été.", "fr", "He was elected this summer.", "en", []),  # "a été": the verb
        ("La Primavera Árabe llegó en invierno.", "es", "The Arab Spring came in winter.", "en", []),  # a name
        ("Llegó esta mañana.", "es", "He arrived this evening.", "en", [("esta mañana", "evening")]),
        ("Llegará mañana por la tarde.", "es", "He will arrive tomorrow afternoon.", "en", []),  # tomorrow
        ("a las ocho de la tarde", "es", "at eight in the evening", "en", []),  # evening and afternoon are one
        ("am Mittwochabend in Brüssel", "de", "in Brussels on Wednesday morning", "en", [("Mittwochabend", "morning")]),
        ("El tren salió a mediodía.", "es", "The train left at midnight.", "en", [("mediodía", "midnight")]),
        ("Il est parti à midi, dans le Midi.", "fr", "He left at noon for the south of France.", "en", []),
    ],
)
def test_members_each_side_names_are_compared(original, lang, translation, target_lang, expected):
    pairs = differing(find_named(original, lang), find_named(translation, target_lang))
    assert [(a.text, b.text) for a, b in pairs] == expected


def _closed_set_flags(word_aligner, source: str, target: str, source_lang: str) -> list[tuple[str, str]]:
    flags = bead_flags(word_aligner, source, target, source_lang=source_lang)
    # Pairs said on both sides ("alle 24" / "midnight" leaves a number unpaired, another flag).
    return [(f.source_text, f.target_text) for f in flags if f.kind == "number_mismatch" and f.target_text]


@pytest.mark.parametrize(
    ("source", "lang", "target", "expected"),
    [
        ("La cosecha se hará en verano.", "es", "The harvest will take place in winter.", [("verano", "winter")]),
        # Seasons, parts of the day, noon and midnight pair only where the word aligner links them.
        (
            "Innenminister Winter will das Gesetz nach der Sommerpause einbringen.",
            "de",
            "Interior minister Winter wants to bring in the bill after the summer recess.",
            [],
        ),
        (
            "Il governo ha presentato il piano per il mezzogiorno, in vigore alle 24 di domenica.",
            "it",
            "The government has presented its plan for southern Italy, in force at midnight on Sunday.",
            [],
        ),
        (
            "Un incendie s'est déclaré dans la nuit de samedi à dimanche à Marseille.",
            "fr",
            "A fire broke out early on Sunday morning in Marseille.",
            [],
        ),
    ],
)
def test_seasons_and_parts_of_the_day_pair_where_linked(word_aligner, source, lang, target, expected):
    assert _closed_set_flags(word_aligner, source, target, lang) == expected
