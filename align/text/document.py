"""What flows out of the text stage: a document is its decoded text plus sentences that point into it."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property

_LINE_BREAKS = re.compile(r"\s*[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]\s*")
_CJK = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"  # ideographs, kana, full-width forms
_CJK_LINE_BREAKS = re.compile(f"(?<=[{_CJK}])[ \\t]*[\\n\\r]+[ \\t]*(?=[{_CJK}])")


def fold_line_breaks(text: str) -> str:
    """Text as one line: each line break (any str.splitlines() knows) becomes a space with the blanks around it, or
    nothing between two Chinese or Japanese characters (a wrapped line of text written without spaces); other
    spacing (no-break spaces before French punctuation, tabs) is the text's own and is kept, so a memory written
    from it matches the document it came from."""
    return _LINE_BREAKS.sub(" ", _CJK_LINE_BREAKS.sub("", text)).strip()


@dataclass(frozen=True)
class Cue:
    """A subtitle cue: where its words stand in the document's text, and when it is on screen (seconds)."""

    start: int
    end: int
    shown: float
    hidden: float


@dataclass(frozen=True)
class InlineCode:
    """What a translation must carry unchanged that a reader keeps aside from the text: a memory segment's inline tag
    (XLIFF <x/>, <bpt>, <g>, TMX <ph>, ...), which is no text of the segment, or Markdown's inline code and link
    target; where it stands in the document's text."""

    key: str  # what the other side's code must be: its element, its id and its native markup
    label: str  # as a translator sees it: its native markup ("<b>") or the element ('<x id="2"/>')
    offset: int
    length: int = 0  # how much of the text it is (Markdown's inline code is text too; a memory's tags are none)

    @property
    def sort(self) -> str:
        """What a translator calls it."""
        return {"code": "inline code", "link": "link target"}.get(self.key.split(":")[0], "inline tag")


@dataclass(frozen=True)
class Sentence:
    """A sentence keeps offsets into the decoded file text so every later report can point back at the source."""

    id: int
    start: int
    end: int
    text: str


@dataclass
class Document:
    path: str
    text: str
    lang: str
    sentences: list[Sentence] = field(default_factory=list)
    presplit: bool = False  # sentences as the input gave them (lines, or a TMX/XLIFF's segments), no splitter run
    # The language as the user or the file named it (en-GB, pt-BR, zh-Hant: what a memory written from it must
    # keep; `lang` is the bare language the models read), "" where only detected.
    tag: str = ""
    units: list[int] | None = None  # a TMX/XLIFF side: per sentence, the number of the unit it came from
    # Text taken out of another format (Markdown, HTML, .docx, subtitles, a memory's segments): offsets point into
    # `text`, which the file itself does not hold, so JSON outputs carry it.
    extracted: bool = False
    # Resource files paired by key: the key of each unit number, numbered alike on both sides though read from two
    # files.
    unit_keys: list[str] | None = None
    inline_codes: list[InlineCode] = field(default_factory=list)  # a memory's inline tags, Markdown's code, in order
    cues: list[Cue] = field(default_factory=list)  # subtitles: the cues, in order, their words in `text`

    @property
    def language_tag(self) -> str:
        return self.tag or self.lang

    def passage(self, ids: tuple[int, ...] | list[int]) -> str:
        """These sentences as the file writes them, one space between them and for each line break inside one: what
        a memory or a table keeps (no-break spaces and tabs included; `Sentence.text` is the encoder's folded
        form)."""
        return " ".join(fold_line_breaks(self.text[s.start : s.end]) for s in map(self.sentences.__getitem__, ids))

    @property
    def sentence_texts(self) -> list[str]:
        return [s.text for s in self.sentences]

    def sentences_within(self, span: tuple[int, int] | None) -> set[int]:
        """Ids of the sentences a span of file offsets overlaps (none for a missing or empty span)."""
        if span is None or span[1] <= span[0]:
            return set()
        return {s.id for s in self.sentences if s.start < span[1] and span[0] < s.end}

    def sentence_time(self, sentence_id: int) -> tuple[float, float] | None:
        """When a subtitle sentence is on screen: from its first cue's start to its last cue's end (None: no cues)."""
        if not self.cues:
            return None
        sentence = self.sentences[sentence_id]
        first = bisect_right(self._cue_bounds[1], sentence.start)  # the first cue ending after the sentence starts
        last = bisect_left(self._cue_bounds[0], sentence.end) - 1  # the last cue starting before it ends
        return (self.cues[first].shown, self.cues[last].hidden) if first <= last else None

    @cached_property
    def _cue_bounds(self) -> tuple[list[int], list[int]]:
        return [cue.start for cue in self.cues], [cue.end for cue in self.cues]

    def __len__(self) -> int:
        return len(self.sentences)
