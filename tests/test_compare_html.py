"""The HTML report of `align compare` (with `--check`), opened in headless Chromium like the check report.

The page must say what the JSON says: every coverage cell at its place with its status and version sentences, every
link landing on an element that exists (the reference sentence and the version sentences it points at), every
fragment flag drawn, and the page script (status filters, j/k between missing and partial cells) working after load.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import VOID_TAGS, assert_screenshot, assert_self_contained, chromium, needs_chromium

from align.compare import report_html, report_json
from align.compare.model import Comparison

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


@dataclass
class _Page:
    """Every element with its attributes and the text inside it, in document order."""

    elements: list[_Element] = field(default_factory=list)

    @property
    def ids(self) -> dict[str, _Element]:
        return {e.attrs["id"]: e for e in self.elements if "id" in e.attrs}

    def having(self, attribute: str) -> list[_Element]:
        return [e for e in self.elements if attribute in e.attrs]

    def by_class(self, name: str) -> list[_Element]:
        return [e for e in self.elements if name in e.attrs.get("class", "").split()]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page()
        self.open: list[_Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, {k: v or "" for k, v in attrs})
        self.page.elements.append(element)
        if tag not in VOID_TAGS:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        assert self.open and self.open[-1].tag == tag, f"</{tag}> closes <{self.open[-1].tag if self.open else None}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text += data


def _read(html: str) -> _Page:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.page


def _squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def seed_comparison(use_encoder) -> Comparison:
    """The seed story (gold segmentation) against the three versions of coverage.gold.json, with --check."""
    from align.compare.run import compare_files
    from align.progress import set_quiet

    set_quiet(True)
    gold = json.loads((SEEDS / "coverage.gold.json").read_text(encoding="utf-8"))
    versions = [str(SEEDS / name.replace(".txt", ".sentences.txt")) for name in gold["versions"]]
    reference = str(SEEDS / "efe_coalition_es.sentences.txt")
    return compare_files(reference, versions, use_encoder.info.name, presplit=True, check=True)


@pytest.fixture(scope="module")
def seed_page(seed_comparison: Comparison, tmp_path_factory: pytest.TempPathFactory) -> Path:
    page = tmp_path_factory.mktemp("compare") / "seed_compare.html"
    page.write_text(report_html.render(seed_comparison), encoding="utf-8")
    return page


def test_page_is_self_contained_and_printable(seed_page: Path) -> None:
    html = seed_page.read_text(encoding="utf-8")
    assert_self_contained(html)
    printed = html[html.index("@media print{") :]
    assert ".toolbar{display:none}" in printed and "break-inside:avoid" in html


def test_every_link_and_cell_in_the_markup(seed_comparison: Comparison, seed_page: Path) -> None:
    """Without a browser: the markup is well formed and says what the JSON says."""
    _assert_page_matches_json(_read(seed_page.read_text(encoding="utf-8")), seed_comparison)


def _assert_page_matches_json(page: _Page, result: Comparison) -> None:
    payload = report_json.payload(result)
    ids = page.ids
    cells = {(int(e.attrs["data-ref"]), int(e.attrs["data-version"])): e for e in page.by_class("cc")}
    expected = {(row["reference_id"], c["version"]): c for row in payload["coverage"] for c in row["versions"]}
    assert cells.keys() == expected.keys()
    for (i, k), cell in expected.items():
        td = cells[(i, k)]
        assert td.attrs["id"] == f"cell-{i}-{k}"
        assert td.attrs["data-status"] == cell["status"] and f"st-{cell['status']}" in td.attrs["class"]
        assert [int(j) for j in td.attrs["data-sentences"].split()] == cell["sentences"]
        links = [e for e in page.having("data-targets") if e.attrs["href"] == f"#v{k}-r{i}"]
        if cell["status"] == "skipped":  # a line with no word: not shown in the version views, so no link
            assert not links
            continue
        # The cell's link lands on reference sentence i in version k's view; its targets are the version sentences.
        (link,) = links
        sentence = ids[f"v{k}-r{i}"]
        assert sentence.attrs["data-sentence"] == str(i)
        text = payload["reference"]["sentences"][i]
        assert _squash(sentence.text) == _squash(result.reference.text[text["start"] : text["end"]])
        targets = link.attrs["data-targets"].split()
        assert targets == [f"v{k}-s{j}" for j in cell["sentences"]]
        for target, j in zip(targets, cell["sentences"], strict=True):
            assert ids[target].attrs["data-sentence"] == str(j)
    for element in page.having("href"):
        href = element.attrs["href"]
        assert href.startswith("#") and href[1:] in ids, f"link {href} goes nowhere"
    # Every version sentence appears exactly once in its version's view (carried, or listed as added).
    for k, version in enumerate(payload["versions"]):
        for sentence in version["sentences"]:
            assert f"v{k}-s{sentence['id']}" in ids
        for j in version["added"]:
            assert [e for e in page.elements if e.attrs.get("data-status") == "added"
                    and e.attrs.get("data-sentence") == str(j)]
    # Every fragment flag is drawn (its anchor exists) with the JSON's text on the side that carries words.
    for k, version in enumerate(payload["versions"]):
        for n, flag in enumerate(version.get("flags", [])):  # present with --check only
            anchor = ids[f"v{k}-flag-{n}"]
            assert anchor.attrs["data-kind"] == flag["kind"] and anchor.attrs["data-flag-index"] == str(n)
            side = anchor.attrs["data-side"]
            span = flag["source_span"] if side == "source" else flag["target_span"]
            assert [int(anchor.attrs["data-start"]), int(anchor.attrs["data-end"])] == span
            if span[0] < span[1]:
                words = flag["source_text"] if side == "source" else flag["target_text"]
                assert _squash(words).startswith(_squash(anchor.text))


def test_a_skipped_line_has_no_link_that_goes_nowhere(use_encoder, tmp_path: Path) -> None:
    from align.compare.run import compare_files

    lines = (SEEDS / "efe_coalition_es.sentences.txt").read_text(encoding="utf-8").splitlines()[:6]
    reference = tmp_path / "ref.txt"
    reference.write_text("\n".join([*lines[:3], "* * *", *lines[3:]]) + "\n", encoding="utf-8")
    version = tmp_path / "en.txt"
    english = (SEEDS / "efe_coalition_en.sentences.txt").read_text(encoding="utf-8").splitlines()[:6]
    version.write_text("\n".join(english) + "\n", encoding="utf-8")
    result = compare_files(str(reference), [str(version)], use_encoder.info.name, presplit=True)
    assert "skipped" in {c["status"] for row in report_json.payload(result)["coverage"] for c in row["versions"]}
    _assert_page_matches_json(_read(report_html.render(result)), result)


@needs_chromium
def test_browser_shows_what_the_json_says(seed_comparison: Comparison, seed_page: Path, tmp_path: Path) -> None:
    page = _read(chromium(seed_page, tmp_path / "profile", "--dump-dom"))
    _assert_page_matches_json(page, seed_comparison)
    body = next(e for e in page.elements if e.tag == "body")
    assert body.attrs.get("data-hidden-statuses") == "" and body.attrs.get("data-current") == ""
    flags = [f for v in seed_comparison.versions for f in v.flags or []]
    assert any(f.kind == "omission" for f in flags)


_INTERACTION = """
<pre id="test-out"></pre>
<script>
(() => {
  const log = [];
  const press = (key) => document.dispatchEvent(new KeyboardEvent("keydown", {key, bubbles: true}));
  const state = (what) => log.push({what, current: document.body.dataset.current,
    outlined: Array.from(document.querySelectorAll(".current")).map((el) => el.id)});
  press("j"); state("j");
  press("j"); state("j j");
  press("k"); state("k");
  press("k"); state("k k");
  press("Escape"); state("escape");
  document.querySelector('input.status-filter[value="missing"]').click();
  press("j"); state("j without missing");
  const hiddenRows = document.querySelectorAll("#matrix tr.all-off").length;
  const hiddenMatches = document.querySelectorAll(".row.off").length;
  document.getElementById("test-out").textContent = JSON.stringify({log, hiddenRows, hiddenMatches});
})();
</script>
"""


@needs_chromium
def test_keys_and_status_filter(seed_comparison: Comparison, seed_page: Path, tmp_path: Path) -> None:
    page_file = tmp_path / "interactive.html"
    page_file.write_text(seed_page.read_text(encoding="utf-8").replace("</body>", _INTERACTION + "</body>"), "utf-8")
    page = _read(chromium(page_file, tmp_path / "profile", "--dump-dom"))
    out = json.loads(page.ids["test-out"].text)
    steps = {entry["what"]: entry for entry in out["log"]}
    # Matrix order: reference sentence by reference sentence, versions left to right.
    order = [(cell.reference_id, cell.version) for row in seed_comparison.rows for cell in row]
    status = {(c.reference_id, c.version): c for row in seed_comparison.rows for c in row}
    gaps = [f"cell-{i}-{k}" for i, k in order if status[(i, k)].status.value != "full"]
    assert steps["j"]["current"] == gaps[0] and steps["j j"]["current"] == gaps[1]
    assert steps["k"]["current"] == gaps[0] and steps["k k"]["current"] == gaps[-1]
    first = status[tuple(int(x) for x in gaps[0].split("-")[1:])]
    k, i = first.version, first.reference_id
    assert set(steps["j"]["outlined"]) == {gaps[0], f"v{k}-r{i}", *(f"v{k}-s{j}" for j in first.sentences)}
    assert steps["escape"]["current"] == "" and not steps["escape"]["outlined"]
    partial = [g for g in gaps if status[tuple(int(x) for x in g.split("-")[1:])].status.value == "partial"]
    assert steps["j without missing"]["current"] == (partial[0] if partial else "")
    missing_rows = [row for row in seed_comparison.rows if all(c.status.value == "missing" for c in row)]
    assert out["hiddenRows"] == len(missing_rows)
    assert out["hiddenMatches"] == sum(c.status.value == "missing" for row in seed_comparison.rows for c in row)


@needs_chromium
def test_screenshot(seed_page: Path, tmp_path: Path) -> None:
    assert_screenshot(seed_page, tmp_path, "seed_compare.png", 1400, 1800)
