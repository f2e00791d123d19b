"""Subtitles (SubRip .srt, WebVTT .vtt, SubStation .ass / .ssa): the words said, as running text.

Cues cut sentences where the screen fills up ("El Gobierno aprobó hoy" | "el nuevo presupuesto."), and a translation's
cues cut them elsewhere: read cue by cue, every fragment would be a sentence, and each side's halves would look like
omissions. So a cue's lines are joined by spaces and cues are joined until one ends a sentence; that run is one line
of the text, which segmentation splits into sentences as it does a paragraph. Subtitles that mark no sentence ends
(Chinese and Japanese ones leave the final mark out) have a line per cue. Timings, cue numbers, styling tags and
comments are dropped; offsets refer to this text. pysubs2 parses the formats.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from align.errors import AlignError
from align.text.document import Cue
from align.text.formats._common import LoadedText, clean_line, join_blocks, one_line
from align.text.reader import read_text
from align.text.word_segmentation import HAN_LETTERS, KANA_LETTERS

if TYPE_CHECKING:
    import pysubs2

FORMATS = {".srt": "srt", ".vtt": "vtt", ".ass": "ass", ".ssa": "ssa"}
_NAMES = {"srt": "SubRip file", "vtt": "WebVTT file", "ass": "SubStation file", "ssa": "SubStation file"}
# A cue that ends a sentence: its last visible character a full stop, question or exclamation mark or ellipsis,
# maybe inside closing quotes or brackets.
_ENDS_SENTENCE = re.compile(r"[.!?…。！？][\"'»”’)\]」』]*$")
# Subtitles that end fewer of their cues with a sentence mark leave sentence ends unmarked (Chinese and Japanese ones
# mostly do): there a cue's end is the only boundary there is, and joining cues would make one sentence of the file.
_PUNCTUATED_SHARE = 0.2
# A line break between Chinese or Japanese characters, which are written without spaces.
_UNSPACED = f"{HAN_LETTERS}{KANA_LETTERS}"
_UNSPACED_LINE_BREAK = re.compile(rf"(?<=[{_UNSPACED}、。，！？])\s*\n\s*(?=[{_UNSPACED}])")
# WebVTT blocks that are not cues (comments, style sheets, regions), which pysubs2 would read as a cue's text.
_VTT_NOT_CUES = re.compile(r"(?:^|\n\n)(?:NOTE|STYLE|REGION)\b.*?(?=\n\n|\Z)", re.DOTALL)


def _as_one_line(text: str) -> str:
    """Lines (of a cue, or cues of a sentence) as one: joined by a space, or by nothing between Chinese or Japanese
    characters."""
    return clean_line(_UNSPACED_LINE_BREAK.sub("", text))


def load_subtitles(path: str) -> LoadedText:
    """Read a subtitle file (UTF-8, strictly) and return its words as running text, a run of cues per line, with
    each cue's place in that text and its times, so a flag can say when on screen it is."""
    fmt = FORMATS[Path(path).suffix.lower()]
    text, cues = read_subtitles(read_text(path), fmt, path)
    return LoadedText(text, "subtitles", cues=cues)


def read_subtitles(source: str, fmt: str, name: str = "<subtitles>") -> tuple[str, list[Cue]]:
    import pysubs2

    if fmt == "vtt":
        source = _VTT_NOT_CUES.sub("", source.replace("\r\n", "\n"))
    try:
        events = pysubs2.SSAFile.from_string(source, format_=fmt).events
    except Exception as exc:  # pysubs2 raises its own errors and ValueError on malformed timings
        raise AlignError(f"{name}: cannot read this {_NAMES[fmt]} ({one_line(exc)})") from None
    timed = [(line, e) for line, e in ((_as_one_line(e.plaintext), e) for e in events if not e.is_comment) if line]
    cues = [line for line, _ in timed]
    ends = [_ENDS_SENTENCE.search(cue) is not None for cue in cues]
    if sum(ends) < _PUNCTUATED_SHARE * len(cues):
        text = join_blocks(cues, name, _NAMES[fmt])  # cue ends unmarked (Chinese, Japanese subtitles): each is one
    else:
        blocks, run = [], []
        for cue, ends_sentence in zip(cues, ends, strict=True):
            run.append(cue)
            if ends_sentence:
                blocks.append(_as_one_line("\n".join(run)))
                run = []
        blocks.append(_as_one_line("\n".join(run)))
        text = join_blocks(blocks, name, _NAMES[fmt])
    return text, _placed(text, timed)


def _placed(text: str, timed: list[tuple[str, pysubs2.SSAEvent]]) -> list[Cue]:
    """Each cue where its words stand in the text, in order (a cue's words are written there as they are)."""
    placed: list[Cue] = []
    at = 0
    for words, event in timed:
        start = text.find(words, at)
        if start < 0:
            continue
        at = start + len(words)
        placed.append(Cue(start, at, event.start / 1000, event.end / 1000))
    return placed
