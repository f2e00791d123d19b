"""Counting the negations a sentence says (negations.py): what a dropped negation is measured against."""

import re

import pytest

from align.alignment.words import Word, WordAlignment
from align.detectors.lexicon import is_negation
from align.detectors.negations import negation_count, rendered_negations


def _words(text: str, pieces: list[str] | None = None) -> list[Word]:
    """Words of a spaced text, or the given pieces of an unspaced one (Chinese), with their offsets."""
    if pieces is None:
        return [Word(m.group(), m.start(), m.end()) for m in re.finditer(r"[\w'’]+|[^\w\s]", text)]
    words, at = [], 0
    for piece in pieces:
        at = text.index(piece, at)
        words.append(Word(piece, at, at + len(piece)))
        at += len(piece)
    return words


@pytest.mark.parametrize(
    ("text", "lang", "target", "said"),
    [
        ("No dijo nada .", "es", True, 1),  # "nada" repeats the clause's "no"
        ("Nadie vino .", "es", True, 1),
        ("Casi recibían ninguna educación .", "es", True, 0),  # a postverbal "ninguna" has lost its "no"
        ("Significa que ninguno de los bandos gana .", "es", False, 1),  # the source's count errs high
        ("Sin embargo , le gustó el álbum .", "es", True, 0),  # "however"
        ("No obstante , añadió que hay cuestiones .", "es", False, 0),  # "however" too
        ("Le camp n' était pas occupé .", "fr", True, 1),  # "ne ... pas" is one negation
        ("Le camp n' était occupé .", "fr", True, 0),  # "ne" alone says none in a translation
        ("Il ne vient plus .", "fr", False, 1),  # in an original it stands for "ne ... plus"
        ("Il ne vient plus .", "fr", True, 0),
        ("Sujet à pas mal de plaisanteries .", "fr", True, 0),  # "quite a lot"
        ("Das Lager war nicht besetzt und kostete keine Menschenleben .", "de", True, 2),
        ("She wasn't a thief , nor a liar .", "en", True, 2),
        ("Þeir svara engum , ég þekki þá ekkert .", "is", True, 2),
        ("Non ho visto nessuno .", "it", True, 1),  # "nessuno" repeats "non", as "nada" does "no"
        ("Nessuno è venuto .", "it", True, 1),
        ("Não disse nada a ninguém .", "pt", True, 1),
        ("Я не знаю , нет .", "ru", False, 2),
        ("Sint citiva care nu sint decit prelungirea lor .", "ro", True, 0),  # "nu ... decât": only
        ("One of the great unsolved problems , carelessly put .", "en", True, 2),  # negated by an affix
        ("Until the union of its units under one flag .", "en", True, 0),  # "un" and "less" only before words
        ("Police uncovered a plot and unveiled the names .", "en", False, 0),  # a verb's "un" reverses, negates nothing
        # Korean inflects its negating auxiliary and verbs (않았다, 못했다, 없었다): stems; 안 and 못 are words
        ("정부는 아직 결정을 내리지 않았다 .", "ko", True, 1),
        ("경찰은 원인을 밝히지 못했다 .", "ko", True, 1),
        ("그 약은 효과가 없었다 .", "ko", True, 1),
        ("나는 안 간다 .", "ko", True, 1),
        ("안전 문제는 안보 회의에서 다룬다 .", "ko", True, 0),  # 안전 (safety), 안보 (security): no stems
        ("Ngân hàng sẽ không giảm lãi suất .", "vi", True, 1),
        # Turkish negates a verb by a suffix (-ma/-me and what follows): düş-me-yeceğ-ini, açıkla-ma-dı
        ("Başkan Yılmaz , faizlerin düşmeyeceğini söyledi .", "tr", True, 1),  # Yılmaz: a name, capitalised
        ("Başkan Yılmaz , faizlerin düşeceğini söyledi .", "tr", True, 0),
        ("Bakanlık açıklamadı ; ekipler gelmiyor , olmaz .", "tr", True, 3),
        ("Bu durum değil , sorun yok .", "tr", True, 2),
        # A verb's negation after a concord word repeats it where the language asks for both (Romanian, Catalan)
        ("Nimeni nu a venit .", "ro", True, 1),
        ("Ningú no va venir .", "ca", True, 1),
        ("Mai no vaig pensar que tindria èxit .", "ca", False, 1),
        ("No ho va dir mai .", "ca", True, 1),
        ("Nadie dijo que no .", "es", True, 2),  # "Nobody said no"
        # Languages listed in session 46 (bench/negation_words.py): words, and Slavic and Baltic "ne-" before a word
        ("Ministar nije došao , nema vijesti .", "hr", True, 2),
        ("Netko je nešto rekao .", "hr", True, 0),  # "ne" + a question word: someone, something
        ("Влада неће повећати порезе .", "sr", True, 1),
        ("Министърът не присъства .", "bg", True, 1),
        ("Нешто се случи .", "mk", True, 0),
        ("Požadovaný soubor neexistuje .", "cs", True, 1),
        ("Valitsus ei tõsta makse .", "et", True, 1),
        ("Kerajaan tidak akan menaikkan cukai .", "ms", True, 1),
        ("Valdība nepaaugstinās nodokļus .", "lv", True, 1),
    ],
)
def test_negations_said(text, lang, target, said):
    assert negation_count(_words(text), text, lang, as_translation=target) == said


@pytest.mark.parametrize(
    ("word", "lang", "negated"),
    [
        ("nezvýší", "cs", True),  # "will not raise": rarer than zvýší
        ("Nelze", "cs", True),  # a capital where it opens the sentence
        ("nezávislý", "cs", False),  # "independent": as common as závislý, a word of its own
        ("nebezpečí", "cs", False),  # "danger"
        ("několik", "cs", False),  # "several": ne + kolik (how many) is no negation
        ("nepaaugstinās", "lv", True),
        ("nepouzdan", "hr", False),  # Croatian negates verbs by a separate "ne": its prefix words are not verbs
    ],
)
def test_a_verb_negated_by_its_prefix(word, lang, negated):
    from align.detectors.lexicon import is_negated_verb

    assert is_negated_verb(word, lang) is negated


@pytest.mark.parametrize(
    ("text", "pieces", "said"),
    [
        ("你要不要喝茶？", ["你", "要", "不要", "喝茶", "？"], 0),  # a yes-no question, no negation
        ("你去不去？", ["你", "去", "不", "去", "？"], 0),
        ("你不要喝茶。", ["你", "不要", "喝茶", "。"], 1),
        ("既无钱，又无权。", ["既", "无", "钱", "，", "又", "无", "权", "。"], 2),
        ("不是你就是我。", ["不是", "你", "就是", "我", "。"], 0),  # either ... or
        ("非去不可。", ["非", "去", "不可", "。"], 0),  # must
        (
            "他不是医生，就是这样。",
            ["他", "不是", "医生", "，", "就是", "这样", "。"],
            1,
        ),  # a frame keeps to its clause
    ],
)
def test_chinese_questions_and_frames_say_no_negation(text, pieces, said):
    assert negation_count(_words(text, pieces), text, "zh", as_translation=False) == said


def _alignment(source: list[Word], target: list[Word]) -> WordAlignment:
    import numpy as np

    return WordAlignment(source, target, [], np.zeros((len(source), len(target))))


def test_a_negation_counts_as_rendered_only_where_the_target_says_as_many():
    source = "El ministro no firmó el tratado ni la carta ."
    kept, dropped = (
        "The minister did not sign the treaty nor the letter .",
        "The minister did sign the treaty nor the letter .",
    )
    words = _words(source)
    negations = [i for i, w in enumerate(words) if w.text in ("no", "ni")]
    assert rendered_negations(_alignment(words, _words(kept)), source, kept, "es", "en") == negations
    assert rendered_negations(_alignment(words, _words(dropped)), source, dropped, "es", "en") == []


def test_a_question_s_not_is_rendered_whatever_the_target_says():
    source = "你要不要喝茶？"
    words = _words(source, ["你", "要", "不要", "喝茶", "？"])
    target = "Tea ?"
    assert rendered_negations(_alignment(words, _words(target)), source, target, "zh", "en") == [2]


def _linked(source: str, target: str, pairs: list[tuple[str, str]]) -> tuple[list[Word], WordAlignment]:
    import numpy as np

    src, tgt = _words(source), _words(target)
    at = {w.text: i for i, w in enumerate(src)}, {w.text: j for j, w in enumerate(tgt)}
    links = [(at[0][s], at[1][t]) for s, t in pairs]
    return src, WordAlignment(src, tgt, links, np.zeros((len(src), len(tgt))))


def test_a_word_negated_by_an_affix_renders_only_the_negation_it_is_linked_to():
    source = "El caso no resuelto preocupa ."
    src, words = _linked(source, "The unsolved case worries .", [("resuelto", "unsolved"), ("caso", "case")])
    assert rendered_negations(words, source, "The unsolved case worries .", "es", "en") == [2]
    # "unemployment" renders "desempleo": it cannot stand in for the "no" the translation dropped
    source = "El Gobierno no subirá los impuestos pese al desempleo ."
    target = "The Government will raise taxes despite unemployment ."
    src, words = _linked(source, target, [("desempleo", "unemployment"), ("impuestos", "taxes")])
    assert rendered_negations(words, source, target, "es", "en") == []


@pytest.mark.parametrize(
    ("source", "lang", "target", "rendered", "links"),
    [
        # a negation with a conjunction of its clause says "until", where the other side has a word for it
        (
            "Les négociations continueront tant que la direction n' aura pas fait d' offre .",
            "fr",
            "Talks will continue until management makes an offer .",
            True,
            [("direction", "management")],
        ),
        (
            "Les négociations continueront tant que la direction n' aura pas fait d' offre .",
            "fr",
            "Talks will continue as long as management makes an offer .",
            False,
            [("direction", "management")],
        ),
        (
            "The results will not be known until Monday .",
            "en",
            "Die Ergebnisse werden erst am Montag feststehen .",
            True,
            [("Monday", "Montag")],
        ),
        (
            "Переговоры продолжатся , пока стороны не достигнут соглашения .",
            "ru",
            "Talks will continue until the sides reach an agreement .",
            True,
            [("стороны", "sides")],
        ),
        # "jamais" after a superlative is "ever"; after "ne ... plus" it is "never"
        (
            "C' est la température la plus élevée jamais mesurée .",
            "fr",
            "It is the highest temperature on record .",
            True,
            [],
        ),
        ("Il ne viendra plus jamais .", "fr", "He will come again .", False, []),
        ("Es la cifra más alta jamás registrada .", "es", "It is the highest figure on record .", True, []),
        # an expletive "ne" after a comparison negates nothing
        (
            "Les prix ont augmenté plus vite qu' on ne le prévoyait .",
            "fr",
            "Prices rose faster than expected .",
            True,
            [],
        ),
        # litotes: a negation beside a word of negative meaning says a positive
        ("Le navire a coulé non loin des côtes .", "fr", "The ship sank near the coast .", True, []),
        ("O impacto não é pequeno .", "pt", "The impact is considerable .", True, []),
        # a negated verb rendered by a verb of negative meaning
        (
            "Un portavoz no quiso hacer comentarios .",
            "es",
            "A spokesman declined to comment .",
            True,
            [("quiso", "declined")],
        ),
        ("Un portavoz no quiso hacer comentarios .", "es", "A spokesman wanted to comment .", False, []),
        # and where they do not apply (bench/faithful_flags.py --defects): a "más" far before "nunca", "bis" (by),
        # a "rejected" that renders a positive verb
        (
            "El Gobierno gastó más en defensa y nunca explicó el motivo .",
            "es",
            "The government spent more on defence and explained why .",
            False,
            [],
        ),
        (
            "Die Regierung will bis 2030 keine neuen Kohlekraftwerke genehmigen .",
            "de",
            "The government wants to approve new coal plants until 2030 .",
            False,
            [("2030", "2030")],
        ),
        (
            "La oposición rechazó el plan y el ministro no dimitió .",
            "es",
            "The opposition rejected the plan and the minister resigned .",
            False,
            [("rechazó", "rejected")],
        ),
    ],
)
def test_negations_said_in_other_words(source, lang, target, rendered, links):
    """Faithful translations got a dropped-negation flag at .9 and more ("tant que … n'aura pas" / "until", "la plus
    élevée jamais mesurée" / "the highest on record", "no quiso" / "declined"): bench/faithful_flags.py. An "until"
    or a "declined" counts only where linked to the negation's clause or verb."""
    words, alignment = _linked(source, target, links)
    negations = [i for i, w in enumerate(words) if is_negation(w.text, lang)]
    target_lang = "de" if lang == "en" else "en"
    found = rendered_negations(alignment, source, target, lang, target_lang)
    assert (found == negations) is rendered


def test_a_litotes_says_a_positive_unless_the_translation_renders_its_word():
    source = "El ministro no dudó en criticar la decisión ."
    quick = "The minister was quick to criticise the decision ."
    src, words = _linked(source, quick, [("ministro", "minister"), ("criticar", "criticise")])
    assert rendered_negations(words, source, quick, "es", "en") == [2]
    hesitated = "The minister hesitated to criticise the decision ."
    src, words = _linked(source, hesitated, [("dudó", "hesitated"), ("criticar", "criticise")])
    assert rendered_negations(words, source, hesitated, "es", "en") == []
    source = "O impacto não é pequeno ."
    small = "The impact is small ."
    src, words = _linked(source, small, [("impacto", "impact"), ("pequeno", "small")])
    assert rendered_negations(words, source, small, "pt", "en") == []


@pytest.mark.parametrize(
    ("source", "lang", "target", "links"),
    [
        # a word of negative meaning the negation does not bear on: no litotes (the review's cases)
        ("Los menores no pueden votar .", "es", "Minors can vote .", [("menores", "Minors")]),
        ("Los niños pequeños no comen .", "es", "Young children eat .", [("niños", "children")]),
        # "bis" is no "erst": "wird bis 2030 schließen" says the opposite of "will not close until 2030"
        ("The plant will not close until 2030 .", "en", "Das Werk wird bis 2030 schließen .", [("2030", "2030")]),
        # "did not fail" says one negation: the second dropped "no" is missing
        ("No falló y no vino .", "es", "He did not fail and came .", [("falló", "fail")]),
        # "Une autre question" holds no "que": the "ne" is a negation
        ("Une autre question ne peut attendre .", "fr", "Another question can wait .", []),
    ],
)
def test_the_rules_for_negations_said_otherwise_do_not_hide_a_dropped_one(source, lang, target, links):
    words, alignment = _linked(source, target, links)
    negations = [i for i, w in enumerate(words) if is_negation(w.text, lang)]
    target_lang = "de" if lang == "en" else "en"
    assert rendered_negations(alignment, source, target, lang, target_lang) != negations


@pytest.fixture(scope="module")
def word_aligner():
    from align.alignment.words import WordAligner

    return WordAligner()


def _added(word_aligner, source: str, target: str, source_lang: str = "es", target_lang: str = "en") -> list[str]:
    from align.detectors.negations import added_negations

    words = word_aligner.align(source, target)
    return [words.target[j].text for j in added_negations(words, source, target, source_lang, target_lang)]


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang", "expected"),
    [
        ("El Gobierno aprobó la reforma.", "The government did not approve the reform.", "es", "en", ["not"]),
        ("El acusado fue declarado culpable.", "The defendant was found not guilty.", "es", "en", ["not"]),
        ("Todos los pasajeros resultaron heridos.", "None of the passengers were injured.", "es", "en", ["None"]),
        ("Die Polizei nahm zwei Verdächtige fest.", "Police did not arrest two suspects.", "de", "en", ["not"]),
        ("The council approved the plan.", "El consejo no aprobó el plan.", "en", "es", ["no"]),
        # Said in other words, no negation added.
        ("El Gobierno aprobó la reforma.", "The government approved the reform.", "es", "en", []),
        ("El portavoz se negó a comentar.", "The spokesman would not comment.", "es", "en", []),
        ("Faltan médicos en el hospital.", "There are not enough doctors in the hospital.", "es", "en", []),
        ("Es frecuente que los turistas se pierdan.", "It is not uncommon for tourists to get lost.", "es", "en", []),
        ("Todavía quedan por evaluar los daños.", "The damage has not yet been assessed.", "es", "en", []),
        (
            "El puerto permanecerá cerrado hasta el lunes.",
            "The port will not reopen until Monday.",
            "es",
            "en",
            [],
        ),
        ("假如不乐意可以早说。", "If she didn't like it, she could have said so.", "zh", "en", []),  # 不 inside a word
        ("Ils virent trois empreintes.", "Ils virent trois empreintes de pas.", "fr", "fr", []),  # "pas": steps
        ("Das ist eine Selbstverständlichkeit.", "That goes without saying.", "de", "en", []),
        ("No ho va dir mai.", "He never said it.", "ca", "en", []),  # "no … mai" says one negation
        ("El Govern va aprovar el pressupost.", "The Government did not approve the budget.", "ca", "en", ["not"]),
        # A word of negative meaning linked elsewhere hides nothing ("dejó": left); one inside a word only in its list.
        (
            "El temporal dejó tres muertos y el Gobierno aprobó ayudas.",
            "The storm left three dead and the government did not approve aid.",
            "es",
            "en",
            ["not"],
        ),
        (
            "中国未来将加大对非洲的投资。",
            "In the future China will not increase its investment in Africa.",
            "zh",
            "en",
            ["not"],
        ),
        ("Pocos creen en el acuerdo.", "Not many believe in the deal.", "es", "en", []),  # a quantity
        ("Es una buena noticia, ¿verdad?", "It's good news, isn't it?", "es", "en", []),  # a tag question
        ("He only ate bread.", "No comió más que pan.", "en", "es", []),  # "no … más que": only
        ("Le procureur a constaté l'absence de preuves.", "The prosecutor found no evidence.", "fr", "en", []),
        # Korean words of negative meaning that a translation says with "not": 몰랐다 (did not know), 불가능 (not
        # possible), 말라 (told not to); a Korean original's count reads them since its negations are listed.
        ("그는 그 사실을 몰랐다고 말했다.", "He said he did not know the fact.", "ko", "en", []),
        ("이 계획은 실현 불가능하다.", "This plan is not feasible.", "ko", "en", []),
        ("학생들은 숙제를 하지 말라는 말을 들었다.", "The students were told not to do homework.", "ko", "en", []),
        ("정부는 결정을 내렸다.", "The government did not make a decision.", "ko", "en", ["not"]),
        # Software strings: a Spanish interface says "invalid" and "offline" with a negation
        ("Invalid file name.", "Nombre de archivo no válido.", "en", "es", []),
        ("You are offline.", "Estás sin conexión.", "en", "es", []),
        ("Valid file name.", "Nombre de archivo no válido.", "en", "es", ["no"]),
        # Correlatives repeat a negation the original says once: "neither ... nor" against "ni ... ni ... ni".
        (
            "No one, neither workers nor doctors nor children, wants war.",
            "Nadie, ni obreros ni médicos ni niños ni ancianos, quiere la guerra.",
            "en",
            "es",
            [],
        ),
    ],
)
def test_a_negation_the_source_does_not_say(word_aligner, source, target, source_lang, target_lang, expected):
    assert _added(word_aligner, source, target, source_lang, target_lang) == expected
