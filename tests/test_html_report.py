"""The HTML report of `align check`, opened in a real browser (headless Debian Chromium).

What an editor sees must match the public JSON contract: every flag is drawn where its spans point, gaps sit at
the omission positions, and the page script (filters, keyboard navigation) works after load. The DOM is read back
with `--dump-dom`, i.e. after the page's JavaScript ran. tests/install_browser.sh installs Chromium in CI; the
browser tests skip only when it is absent. A few checks on the markup itself need no browser.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import CHROMIUM, VOID_TAGS, assert_screenshot, assert_self_contained, chromium, needs_chromium

from align.alignment.beads import Bead
from align.check import CheckResult
from align.detectors.base import Flag
from align.pipeline import SentenceAlignment
from align.reports import check_html, check_json
from align.text.document import Document, Sentence

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


# --- a browser and a reader for what it shows -------------------------------------------------------------------


@dataclass
class _Piece:
    index: int
    kind: str
    side: str
    start: int  # data-start / data-end: the flag's whole span
    end: int
    offset: int  # where this piece really sits in the document, counted from its cell's data-start
    classes: set[str]
    text: str = ""


@dataclass
class _Dom:
    """What the report's DOM says: cells with their text, highlight pieces, gap markers, and states."""

    cells: list[tuple[str, int, int, str]] = field(default_factory=list)  # side, start, end, text
    pieces: list[_Piece] = field(default_factory=list)
    gaps: list[_Piece] = field(default_factory=list)
    flagged: list[tuple[str, int, str, set[str]]] = field(default_factory=list)  # tag, index, kind, classes
    body: dict[str, str] = field(default_factory=dict)
    test_out: str = ""


class _DomReader(HTMLParser):
    """Walks the serialized DOM keeping document offsets: a cell's text starts at its data-start, so the text seen
    before an element inside it says exactly which character of the input file that element sits at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.dom = _Dom()
        self.stack: list[str] = []
        self.cell: dict[str, object] | None = None
        self.cell_depth = 0
        self.open_pieces: list[tuple[int, _Piece]] = []
        self.in_test_out = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = set(a.get("class", "").split())
        if tag == "body":
            self.dom.body = a
        if tag == "pre" and a.get("id") == "test-out":
            self.in_test_out = True
        if "data-flag-index" in a:
            self.dom.flagged.append((tag, int(a["data-flag-index"]), a.get("data-kind", ""), classes))
        if tag == "div" and "cell" in classes:
            self.cell = {"side": a["data-side"], "start": int(a["data-start"]), "end": int(a["data-end"]), "text": ""}
            self.cell_depth = len(self.stack) + 1
        if self.cell is not None and ("hl" in classes or "gap" in classes):
            piece = _Piece(
                int(a["data-flag-index"]),
                a["data-kind"],
                a["data-side"],
                int(a["data-start"]),
                int(a["data-end"]),
                int(self.cell["start"]) + len(str(self.cell["text"])),  # type: ignore[call-overload]
                classes,
            )
            assert piece.side == self.cell["side"], "a highlight sits in the other side's column"
            if "gap" in classes:
                self.dom.gaps.append(piece)
            else:
                self.dom.pieces.append(piece)
                self.open_pieces.append((len(self.stack) + 1, piece))
        if tag not in VOID_TAGS:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        depth = len(self.stack)
        self.stack.pop()
        self.open_pieces = [(d, p) for d, p in self.open_pieces if d != depth]
        if self.cell is not None and depth == self.cell_depth:
            c = self.cell
            self.dom.cells.append((str(c["side"]), int(c["start"]), int(c["end"]), str(c["text"])))  # type: ignore[call-overload]
            self.cell = None
        if tag == "pre":
            self.in_test_out = False

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell["text"] = str(self.cell["text"]) + data
            for _, piece in self.open_pieces:
                piece.text += data
        if self.in_test_out:
            self.dom.test_out += data


def _read_dom(html: str) -> _Dom:
    reader = _DomReader()
    reader.feed(html)
    reader.close()
    return reader.dom


def _squash(text: str) -> str:
    """Flag texts join a bead's sentences with single spaces; the file may have line breaks there."""
    return " ".join(text.split())


def _assert_flags_drawn_as_json_says(dom: _Dom, payload: dict, source_text: str, target_text: str) -> None:
    """Every flag of the JSON report is on the page, on each side it has a span, at exactly that span."""
    texts = {"source": source_text, "target": target_text}
    for side, start, end, text in dom.cells:
        assert text == texts[side][start:end], f"{side} cell {start}-{end} does not show the file's text"
    for index, flag in enumerate(payload["flags"]):
        for side in ("source", "target"):
            span = flag[f"{side}_span"]
            pieces = [p for p in dom.pieces if p.index == index and p.side == side]
            gaps = [g for g in dom.gaps if g.index == index and g.side == side]
            if span is None:
                assert not pieces and not gaps, f"flag {index} drawn on the {side} side it has no span on"
                continue
            start, end = span
            if start == end:
                assert not pieces and len(gaps) == 1, f"flag {index} ({flag['kind']}): want one {side} gap marker"
                gap = gaps[0]
                assert (gap.start, gap.end, gap.kind) == (start, end, flag["kind"])
                assert gap.offset == start, f"flag {index}: gap drawn at {gap.offset}, JSON says {start}"
                continue
            assert pieces and not gaps, f"flag {index} ({flag['kind']}) has no {side} highlight"
            for piece in pieces:
                assert (piece.start, piece.end, piece.kind) == (start, end, flag["kind"])
                assert start <= piece.offset and piece.offset + len(piece.text) <= end
            assert pieces[0].offset == start and pieces[-1].offset + len(pieces[-1].text) == end
            drawn = "".join(p.text for p in pieces)
            assert _squash(drawn) == _squash(texts[side][start:end])
            assert _squash(drawn) == _squash(flag[f"{side}_text"]), f"flag {index}: drawn text differs from JSON"
    drawn_flags = {p.index for p in dom.pieces} | {g.index for g in dom.gaps}
    assert drawn_flags == set(range(len(payload["flags"])))


# --- the seed story through the real pipeline -------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_result(default_encoder) -> CheckResult:
    """The seed story checked exactly as `align check` does it (default model, min confidence 0.5).

    `default_encoder` is conftest's session-wide load_encoder(DEFAULT_MODEL), shared with the other test modules.
    """
    from align.alignment.sentence_aligner import AlignerConfig
    from align.alignment.words import WordAligner
    from align.check import check_documents
    from align.pipeline import ReadOptions, read_document

    encoder = default_encoder
    source = read_document(str(SEEDS / "efe_coalition_es.txt"), ReadOptions(), encoder)
    target = read_document(str(SEEDS / "efe_coalition_en.txt"), ReadOptions(), encoder)
    return check_documents(source, target, encoder, WordAligner(), AlignerConfig(), False, min_confidence=0.5)


@pytest.fixture(scope="module")
def seed_page(seed_result: CheckResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    page = tmp_path_factory.mktemp("report") / "seed_check.html"
    page.write_text(check_html.render(seed_result), encoding="utf-8")
    return page


def test_seed_report_is_self_contained(seed_page: Path) -> None:
    html = seed_page.read_text(encoding="utf-8")
    assert_self_contained(html)
    printed = html[html.index("@media print{") :]
    assert ".controls" in printed and "break-inside:avoid" in printed, "print: no filters/buttons, beads kept whole"


@needs_chromium
def test_every_seed_flag_is_drawn_where_the_json_says(
    seed_result: CheckResult, seed_page: Path, tmp_path: Path
) -> None:
    payload = json.loads(check_json.render(seed_result))
    assert payload["related"] and payload["flags"], "the seed story should be related and flagged"
    dom = _read_dom(chromium(seed_page, tmp_path / "profile", "--dump-dom"))
    assert len(dom.cells) == 2 * len(payload["beads"])
    _assert_flags_drawn_as_json_says(dom, payload, seed_result.source.text, seed_result.target.text)
    # Gap markers: one per empty span, at that very offset (omissions put theirs where the words belong).
    empty_spans = {
        (i, side, f[f"{side}_span"][0])
        for i, f in enumerate(payload["flags"])
        for side in ("source", "target")
        if f[f"{side}_span"] and f[f"{side}_span"][0] == f[f"{side}_span"][1]
    }
    assert {(g.index, g.side, g.offset) for g in dom.gaps} == empty_spans
    for index, flag in enumerate(payload["flags"]):
        if flag["kind"] == "omission":
            assert any(p.index == index and p.side == "source" for p in dom.pieces), "missing words not marked"
    # After load the script shows every kind and selects nothing.
    assert dom.body.get("data-hidden-kinds") == "" and dom.body.get("data-current") == ""
    assert all("off" not in classes for _, _, _, classes in dom.flagged)


@needs_chromium
def test_filter_in_the_url_fragment_hides_the_other_kinds(
    seed_result: CheckResult, seed_page: Path, tmp_path: Path
) -> None:
    kinds = sorted({f.kind for f in seed_result.flags})
    keep = seed_result.flags[0].kind
    dom = _read_dom(chromium(seed_page, tmp_path / "profile", "--dump-dom", fragment=f"#filter={keep}"))
    assert dom.body["data-hidden-kinds"] == " ".join(k for k in kinds if k != keep)
    assert dom.flagged, "no flag elements in the page"
    for tag, index, kind, classes in dom.flagged:
        assert ("off" in classes) == (kind != keep), f"<{tag}> of flag {index} ({kind})"
    items = [(kind, classes) for tag, _, kind, classes in dom.flagged if tag == "li"]
    assert len(items) == len(seed_result.flags)


# Runs after the report's own script: presses keys and clicks a filter box the way a reader would, and writes what
# the page did into <pre id="test-out"> for --dump-dom to carry back.
_INTERACTION = """
<pre id="test-out"></pre>
<script>
(() => {
  const log = [];
  const press = (key) => document.dispatchEvent(new KeyboardEvent("keydown", {key, bubbles: true}));
  const state = (what) => {
    const outlined = Array.from(document.querySelectorAll(".hl.current, .gap.current"));
    log.push({what, current: document.body.dataset.current, position: document.getElementById("nav-pos").textContent,
              outlined: outlined.map((el) => el.dataset.flagIndex)});
  };
  press("j"); state("j");
  press("n"); state("n");
  press("k"); state("k");
  press("p"); state("p");
  document.getElementById("next-flag").click(); state("next button");
  document.getElementById("prev-flag").click(); state("prev button");
  press("Escape"); state("escape");
  const box = document.querySelector("input.kind-filter");
  box.click();
  state("hide " + box.value);
  press("j"); state("j after hiding");
  document.getElementById("test-out").textContent = JSON.stringify({hidden: box.value, log});
})();
</script>
"""


@needs_chromium
def test_keyboard_buttons_and_filter_boxes_work(seed_result: CheckResult, seed_page: Path, tmp_path: Path) -> None:
    page = tmp_path / "interactive.html"
    page.write_text(seed_page.read_text(encoding="utf-8").replace("</body>", _INTERACTION + "</body>"), "utf-8")
    dom = _read_dom(chromium(page, tmp_path / "profile", "--dump-dom"))
    out = json.loads(dom.test_out)
    steps = {entry["what"]: entry for entry in out["log"]}
    n = len(seed_result.flags)
    last = str(n - 1)
    expected = {"j": "0", "n": str(1 % n), "k": "0", "p": last, "next button": "0", "prev button": last}
    for what, current in expected.items():
        assert steps[what]["current"] == current, what
        assert steps[what]["outlined"] and set(steps[what]["outlined"]) == {current}, f"{what}: outline"
    assert steps["j"]["position"] == f"flag 1 of {n}"
    assert steps["escape"]["current"] == "" and not steps["escape"]["outlined"]
    hidden = out["hidden"]
    shown = [i for i, f in enumerate(seed_result.flags) if f.kind != hidden]
    after = steps["j after hiding"]
    assert after["current"] == (str(shown[0]) if shown else "")
    for tag, index, kind, classes in dom.flagged:
        assert ("off" in classes) == (kind == hidden), f"<{tag}> of flag {index} after unticking {hidden}"
    assert dom.body["data-hidden-kinds"] == hidden


@needs_chromium
def test_screenshot_is_a_png(seed_page: Path, tmp_path: Path) -> None:
    assert_screenshot(seed_page, tmp_path, "seed_check.png", 1400, 3000)


# --- hand-made results: overlaps, gaps in null beads, hostile text, unrelated texts -----------------------------


def _document(path: str, lang: str, sentences: list[str], separator: str) -> Document:
    text = separator.join(sentences)
    parts, position = [], 0
    for i, sentence in enumerate(sentences):
        parts.append(Sentence(i, position, position + len(sentence), sentence))
        position += len(sentence) + len(separator)
    return Document(path=path, text=text, lang=lang, sentences=parts)


def _flag(
    kind: str, bead: int, doc_s: Document, doc_t: Document, s: tuple[int, int] | None, t: tuple[int, int] | None
) -> Flag:
    source_text = doc_s.text[s[0] : s[1]] if s else ""
    target_text = doc_t.text[t[0] : t[1]] if t else ""
    return Flag(kind, 0.75, bead, s, t, source_text, target_text, f'{kind} <b>here</b> & "there"')


def _crafted_result() -> CheckResult:
    """Small hand-made documents with every awkward case the renderer must survive."""
    source = _document(
        "src <1>.txt",
        "es",
        [
            "El <script>alert(1)</script> & «Ana» tiene 3 gatos.",
            "Frase que falta por completo aquí.",
            "Segunda línea\ncon salto.",
        ],
        "\n\n",
    )
    target = _document(
        "tgt.txt", "en", ['The <script>alert(1)</script> & "Ana" has 4 cats.', "Second line\nwith a break."], " "
    )
    beads = [Bead((0,), (0,), 0.8), Bead((1,), (), 0.0), Bead((2,), (1,), 0.7)]
    s0 = source.text.index("«Ana» tiene 3")
    t0 = target.text.index('"Ana" has 4')
    t_end = target.sentences[0].end
    missing = (source.sentences[1].start, source.sentences[1].end)
    flags = [
        # Two crossing spans on the target and a third nested inside both.
        _flag("name_mismatch", 0, source, target, (s0, s0 + 5), (t0, t0 + 9)),
        _flag("number_mismatch", 0, source, target, (s0 + 12, s0 + 13), (t0 + 4, t0 + 15)),
        _flag("untranslated", 0, source, target, None, (t0 + 6, t0 + 8)),
        # An omission: source words marked, a gap in the target before the full stop.
        _flag("omission", 0, source, target, (s0 + 14, s0 + 19), (t_end - 1, t_end - 1)),
        # A whole sentence missing: its gap falls at the end of the previous bead's target.
        _flag("missing_sentence", 1, source, target, missing, (t_end, t_end)),
        # A span across a line break inside a sentence.
        _flag("garbled", 2, source, target, (source.text.index("línea"), source.text.index("con") + 3), None),
    ]
    alignment = SentenceAlignment(source, target, beads, {"model": "test", "version": "0"})
    return CheckResult(alignment, flags, True, 0.75, dict(alignment.signature))


@pytest.fixture
def crafted() -> CheckResult:
    return _crafted_result()


def test_text_is_escaped_and_markup_is_well_formed(crafted: CheckResult) -> None:
    html = check_html.render(crafted)
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>here</b>" not in html and "src &lt;1&gt;.txt" in html
    dom = _read_dom(html)  # asserts every end tag closes the element it should
    overlapping = [p for p in dom.pieces if "overlap" in p.classes]
    assert {p.index for p in overlapping} == {0, 1, 2}
    # Segments inside several flags are nested marks, one per flag, so each flag still reads back whole.
    payload = json.loads(check_json.render(crafted))
    _assert_flags_drawn_as_json_says(dom, payload, crafted.source.text, crafted.target.text)


def test_unrelated_texts_get_a_banner(crafted: CheckResult) -> None:
    unrelated = CheckResult(crafted.alignment, [], False, 0.05, crafted.signature)
    html = check_html.render(unrelated)
    assert 'class="banner"' in html and "do not look like versions of each other" in html
    assert 'class="banner"' not in check_html.render(crafted)


@needs_chromium
def test_crafted_overlaps_and_gaps_in_the_browser(crafted: CheckResult, tmp_path: Path) -> None:
    page = tmp_path / "crafted.html"
    page.write_text(check_html.render(crafted), encoding="utf-8")
    dom = _read_dom(chromium(page, tmp_path / "profile", "--dump-dom"))
    payload = json.loads(check_json.render(crafted))
    _assert_flags_drawn_as_json_says(dom, payload, crafted.source.text, crafted.target.text)
    # The missing sentence's gap is drawn in its own (empty) target cell, not in the previous bead.
    gap = next(g for g in dom.gaps if g.kind == "missing_sentence")
    empty_cells = [c for c in dom.cells if c[0] == "target" and c[1] == c[2]]
    assert empty_cells == [("target", gap.offset, gap.offset, "")]
    pieces_of_omission = [p for p in dom.pieces if p.index == 3]
    assert [p.side for p in pieces_of_omission] == ["source"]


def test_chromium_path_matches_the_installer() -> None:
    """The installer and these tests must agree on where the browser lives, or CI silently skips."""
    script = (ROOT / "tests" / "install_browser.sh").read_text(encoding="utf-8")
    assert str(CHROMIUM) in script and "apt-get install" in script
    assert os.access(ROOT / "tests" / "install_browser.sh", os.X_OK), "run by .ci/run only when executable"


def test_right_to_left_text_gets_its_direction(crafted: CheckResult) -> None:
    """Arabic and Hebrew cells carried lang only and rendered left-aligned with the full stop at the wrong end."""
    arabic = _document("ar.txt", "ar", ["أعلنت الحكومة خطة جديدة.", "قال الوزير إن الاقتصاد سينمو."], "\n")
    english = _document("en.txt", "en", ["The government announced a plan.", "The minister said it grows."], "\n")
    flag = _flag("untranslated", 1, english, arabic, None, (arabic.sentences[1].start, arabic.sentences[1].end))
    alignment = SentenceAlignment(english, arabic, [Bead((0,), (0,), 0.8), Bead((1,), (1,), 0.7)], {"model": "t"})
    html = check_html.render(CheckResult(alignment, [flag], True, 0.75, {"model": "t"}))
    cells = re.findall(r'<div class="cell [^"]*" lang="(\w+)" dir="(\w+)"', html)
    assert cells and all(direction == "auto" for _, direction in cells) and {lang for lang, _ in cells} == {"en", "ar"}
    assert '<q lang="ar" dir="auto">قال الوزير' in html


@needs_chromium
def test_a_moved_passage_is_drawn_in_both_places(default_encoder, word_aligner, tmp_path: Path) -> None:
    """A moved flag's two spans lie in different beads' cells (the source sentence's and, elsewhere, its
    translation's): both are drawn, each where the JSON says."""
    from align.alignment.sentence_aligner import AlignerConfig
    from align.check import check_documents
    from align.pipeline import ReadOptions, read_document

    english = (SEEDS / "efe_coalition_en.sentences.txt").read_text(encoding="utf-8").splitlines()
    moved = english[:3] + english[5:12] + english[3:5] + english[12:]
    (tmp_path / "en.txt").write_text("\n".join(moved) + "\n", encoding="utf-8")
    source = read_document(str(SEEDS / "efe_coalition_es.sentences.txt"), ReadOptions(True, "es"), default_encoder)
    target = read_document(str(tmp_path / "en.txt"), ReadOptions(True, "en"), default_encoder)
    result = check_documents(source, target, default_encoder, word_aligner, AlignerConfig(), presplit=True)
    payload = json.loads(check_json.render(result))
    assert [f["kind"] for f in payload["flags"]].count("moved") == 2
    page = tmp_path / "moved.html"
    page.write_text(check_html.render(result), encoding="utf-8")
    dom = _read_dom(chromium(page, tmp_path / "profile", "--dump-dom"))
    _assert_flags_drawn_as_json_says(dom, payload, result.source.text, result.target.text)
