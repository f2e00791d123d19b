"""What flows out of the text stage: a document is its decoded text plus sentences that point into it."""

from __future__ import annotations

from dataclasses import dataclass, field


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

    @property
    def sentence_texts(self) -> list[str]:
        return [s.text for s in self.sentences]

    def __len__(self) -> int:
        return len(self.sentences)
