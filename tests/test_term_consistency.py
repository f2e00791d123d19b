"""Terms a document renders the same way in every bead are each other's translation, and only such terms."""

from align.alignment.beads import Bead
from align.detectors.term_consistency import TermIndex
from align.text.document import Document, Sentence


def _document(lines: list[str], lang: str) -> Document:
    sentences, position = [], 0
    for i, line in enumerate(lines):
        sentences.append(Sentence(i, position, position + len(line), line))
        position += len(line) + 1
    return Document(lang, "\n".join(lines), lang, sentences)


SPANISH = [
    "Los países hablaron de un alto el fuego con Rusia.",
    "La Comisión Europea presentó el plan en Bruselas.",
    "Un alto el fuego exige garantías de seguridad.",
    "La Comisión Europea aprobó el presupuesto.",
    "El presupuesto europeo crece este año.",
]
ENGLISH = [
    "The countries discussed a ceasefire with Russia.",
    "The European Commission presented the plan in Brussels.",
    "A ceasefire requires security guarantees.",
    "The European approved the budget.",  # "Commission" lost
    "The European budget grows this year.",
]


def _index() -> TermIndex:
    beads = [Bead((i,), (i,), 1.0) for i in range(len(SPANISH))]
    return TermIndex.of(_document(SPANISH, "es"), _document(ENGLISH, "en"), beads)


def test_a_term_rendered_alike_in_every_bead_has_its_partner():
    index = _index()
    assert index.partner("fuego", ENGLISH[2].split(), "en") == "ceasefire"
    assert index.partner("alto", ENGLISH[0].split(), "en") == "ceasefire"


def test_a_word_dropped_from_one_bead_finds_no_partner_in_it():
    # "european" sits next to "comisión" in two beads but pairs better with "europeo"/"europea" elsewhere.
    assert _index().partner("Comisión", ENGLISH[3].split(), "en") is None


def test_a_term_seen_once_says_nothing():
    assert _index().partner("Rusia", ENGLISH[0].split(), "en") is None
