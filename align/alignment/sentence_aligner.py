"""Sentence alignment in two passes: a coarse-to-fine 1-1 path finds where the documents correspond, then a
banded search around it decides the exact bead boundaries (merges, splits, nulls)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace

import numpy as np

from align.alignment.beads import Bead, bead_types
from align.alignment.boundaries import BoundarySettings, PairEvidence, TokenVectors, settle_boundaries
from align.alignment.colons import colon_endings
from align.alignment.debris import KeptRuns, kept_sentences, with_debris
from align.alignment.search import (
    Band,
    PathStep,
    ScoreCache,
    ScoreParams,
    band_around,
    bead_score,
    full_band,
    search,
)
from align.alignment.spans import EmbedTexts, SpanTable, embed_runs_together
from align.alignment.words import DEFAULT_LAYER
from align.encoders.base import JoinedRuns
from align.encoders.translation_lm import check_model_name
from align.errors import AlignError

JOIN_MODES = ("tokens", "composed", "path", "shift", "refine", "embedded")
_MAX_BLOCK = 8  # sentences a block of the coarse first pass averages, per level
# Where a good part of one text has no counterpart, the whole documents' length ratio is wrong for every bead (see
# _paired_length_ratio): a ratio measured on what pairs replaces it where the two differ by more than this factor.
# On the 48 complete documents of the gold sets they differ by at most 1.09; a text that lacks a quarter of the other's
# sentences is off by about 1.33.
_RATIO_TOLERANCE = 1.2
_RATIO_STRETCH = 6  # first-pass pairs a stretch spans, for the first estimate
_RATIO_ROUNDS = 3  # searches again at the ratio of the path's 1-1 beads, at most
_STAGES_SAID_FROM = 4000  # sentences of both sides from which the search's stages are said on stderr
Runs = tuple[list[tuple[int, int]], list[tuple[int, int]]]  # (start, size) runs of each side


@dataclass(frozen=True)
class AlignerConfig:
    max_side: int = 4
    max_total: int = 5
    # Leaving a sentence unaligned scores `skip`; each further sentence of the same run `skip_extend` (never more
    # than `skip`): debris such as OCR'd captions comes in blocks, and at full price a long block costs more than
    # misaligning its neighbours (TB dev +.022). A complete translation leaves single sentences out rarely:
    # `skip=-0.2` there (README), the extension unchanged.
    skip: float = -0.1
    skip_extend: float = -0.05
    margin: float = 1.0
    # Taken off a bead whose last sentences do not both end with a colon (an introduction cut from what it
    # introduces), where both texts end sentences so about as often nearby (alignment/colons.py). As much as leaving
    # a sentence out, a priori; Text+Berg dev strict F1 .884 -> .891 (0.05 / 0.2: .884 / .881).
    colon_break: float = 0.1
    window: int = 8
    refine_reach: int = 4
    path_rounds: int = 3  # "path" joins: embed the runs the path uses, search again, at most this often
    # How much joined text to embed: "composed" none; "path" the runs the path uses and a null's neighbour run;
    # "shift" also the runs one boundary move away around every bead that is not 1-1 (about twice the embedding
    # work; MAC-Dev +.012); "refine" every join near such beads; "embedded" every join of the documents (as Bertalign).
    # "tokens": every join, composed by the encoder from its sentences' token states (SideInput.joined; use-m3,
    # see encoders/use_runs.py), seams estimated by the document's mean until `seam_rounds` rounds compute the
    # seams of the runs the path uses exactly; other encoders fall back to "path". Text+Berg dev / test / MAC-Dev
    # strict F1 .867 / .916 / .856 with "path" -> .878 / .915 / .870.
    joins: str = "tokens"
    seam_rounds: int = 1
    max_first_pass_cells: int = 4_000_000
    # Settle the boundaries between neighbouring beads that are not both 1-1 by word evidence (e5 token vectors;
    # alignment/boundaries.py): Text+Berg dev .867 -> .891, test .916 -> .920, MAC-Dev .856 -> .879. Off by default:
    # it joins unaligned sentences to their neighbours, which is right for complete translations (most of the gain)
    # and wrong where sentences were really dropped (`align compare`'s damaged documents: the aligner's missing-
    # sentence recall fell to .02), and a check must find dropped sentences.
    word_boundaries: bool = False
    # Settle the same doubtful boundaries by a translation model instead (its name, e.g. "gemma-3-270m"): how much a
    # bead's texts say about each other (TranslationLM.mutual_information; a move must gain min_gain, 1 nat, a
    # priori, not tuned). Unlike words it does not join a sentence with no counterpart to a neighbour. Text+Berg dev
    # strict F1 .884 -> .905, test .918 -> .919 (word boundaries .904 / .923), at a model pass per bead tried.
    translation_boundaries: str | None = None
    # Leave lines with no word and no number out of the search, unaligned (alignment/debris.py): Text+Berg dev /
    # test strict F1 .878 / .915 -> .884 / .918, with word boundaries .898 / .919 -> .904 / .923 (MAC-Dev has none).
    debris_unaligned: bool = True

    def __post_init__(self) -> None:
        """Settings the search cannot run with are refused here, for the Python API as for the CLI (max_side=0 ended
        in an IndexError deep in the search, NaN reached the JSON signature as an invalid token)."""
        whole = {"max_side": 1, "max_total": 2, "window": 1, "refine_reach": 0, "path_rounds": 0, "seam_rounds": 0}
        whole["max_first_pass_cells"] = 1
        for name, least in whole.items():
            value = getattr(self, name)
            if type(value) is not int or value < least:
                raise AlignError(f"AlignerConfig.{name} must be a whole number of at least {least}, not {value!r}")
        if self.max_total < self.max_side + 1:  # a run of max_side sentences needs one on the other side
            raise AlignError(f"AlignerConfig.max_total must be at least max_side + 1 ({self.max_side + 1})")
        for name in ("skip", "skip_extend", "margin"):
            if not isinstance(getattr(self, name), (int, float)) or not math.isfinite(getattr(self, name)):
                raise AlignError(f"AlignerConfig.{name} must be a finite number, not {getattr(self, name)!r}")
        for name in ("skip", "skip_extend"):
            if getattr(self, name) > 0:
                raise AlignError(f"AlignerConfig.{name} must be 0 or negative (a cost), not {getattr(self, name)!r}")
        if self.joins not in JOIN_MODES:
            raise AlignError(f"AlignerConfig.joins must be one of {', '.join(JOIN_MODES)}, not {self.joins!r}")
        if self.translation_boundaries is not None:
            check_model_name(self.translation_boundaries)
        if self.word_boundaries and self.translation_boundaries:
            raise AlignError("bead boundaries are settled by word evidence or by a translation model, not both")

    def signature(self) -> dict[str, object]:
        out: dict[str, object] = asdict(self)
        if self.word_boundaries:
            settings = asdict(self.boundary_settings())
            out["word_boundary_settings"] = {"words": f"e5-small layer {DEFAULT_LAYER}", **settings}
        if self.translation_boundaries:
            out["translation_boundary_settings"] = asdict(self.boundary_settings())
        return out

    def boundary_settings(self) -> BoundarySettings:
        return BoundarySettings(max_side=self.max_side, max_total=self.max_total)

    @classmethod
    def from_options(
        cls,
        max_side: int,
        skip: float,
        joins: str,
        word_boundaries: bool = False,
        translation_boundaries: str | None = None,
    ) -> AlignerConfig:
        """The settings behind `--max-side`, `--skip`, `--joins`, `--word-boundaries` and (sentences)
        `--translation-model`: beads up to max_side a side and one more sentence in all."""
        if max_side < 1:
            raise AlignError("--max-side must be at least 1")
        if not math.isfinite(skip):  # inf loses every path, NaN and -inf would reach the JSON signature
            raise AlignError("--skip must be a finite number")
        if skip > 0:  # a reward for leaving sentences out: weak beads come apart into unaligned sentences
            raise AlignError(f"--skip must be 0 or negative (a cost, e.g. -0.1 or -0.2), not {skip:g}")
        total = max(max_side + 1, 2)
        return cls(
            max_side=max_side,
            max_total=total,
            skip=skip,
            joins=joins,
            word_boundaries=word_boundaries,
            translation_boundaries=translation_boundaries,
        )


@dataclass(frozen=True)
class SideInput:
    texts: Sequence[str]
    vectors: np.ndarray
    joined: JoinedRuns | None = None  # the encoder's vectors of joined sentences, where it can compose them


def effective_config(config: AlignerConfig, source: SideInput, target: SideInput) -> AlignerConfig:
    """The settings the aligner really runs with: "tokens" joins fall back to "path" where the encoder did not
    compose joined sentences."""
    if config.joins == "tokens" and (source.joined is None or target.joined is None):
        return replace(config, joins="path")
    return config


def align_sentences(
    source: SideInput,
    target: SideInput,
    config: AlignerConfig,
    embed: EmbedTexts | None = None,
    on_stage: Callable[[str], None] | None = None,
    token_vectors: TokenVectors | None = None,
    pair_evidence: PairEvidence | None = None,
) -> list[Bead]:
    """`token_vectors` serve `config.word_boundaries`, `pair_evidence` `config.translation_boundaries`."""
    evidence = (token_vectors, pair_evidence)
    if not config.debris_unaligned:
        return _align(source, target, config, embed, on_stage, evidence)
    n, m = len(source.texts), len(target.texts)
    source_kept, target_kept = kept_sentences(source.texts), kept_sentences(target.texts)
    if len(source_kept) == n and len(target_kept) == m:
        return _align(source, target, config, embed, on_stage, evidence)
    beads = _align(_kept(source, source_kept), _kept(target, target_kept), config, embed, on_stage, evidence)
    texts = [text.strip() for text in source.texts], [text.strip() for text in target.texts]
    return with_debris(beads, source_kept, n, target_kept, m, lambda i, j: texts[0][i] == texts[1][j])


def _kept(side: SideInput, kept: np.ndarray) -> SideInput:
    joined = KeptRuns(side.joined, kept) if side.joined is not None else None
    return SideInput([side.texts[k] for k in kept.tolist()], side.vectors[kept], joined)


def _align(
    source: SideInput,
    target: SideInput,
    config: AlignerConfig,
    embed: EmbedTexts | None,
    on_stage: Callable[[str], None] | None,
    evidence: tuple[TokenVectors | None, PairEvidence | None],
) -> list[Bead]:
    n, m = len(source.texts), len(target.texts)
    if n == 0 or m == 0:
        return [Bead((i,), (), 0.0) for i in range(n)] + [Bead((), (j,), 0.0) for j in range(m)]
    src_lengths = [max(len(t), 1) for t in source.texts]
    tgt_lengths = [max(len(t), 1) for t in target.texts]
    params = ScoreParams(
        skip=config.skip,
        skip_extend=max(config.skip_extend, config.skip),  # both costs (<= 0): never dearer than opening
        margin=config.margin,
        length_ratio=sum(tgt_lengths) / sum(src_lengths),
        background=background_similarity(source.vectors, target.vectors),
        colon_break=config.colon_break,
    )
    config = effective_config(config, source, target)
    tokens = config.joins == "tokens"
    use_embed = embed if config.joins not in ("composed", "tokens") else None
    colons = colon_endings(source.texts, target.texts)  # each side's read against the other's
    src, tgt = (
        SpanTable(side.vectors, lengths, config.max_side, side.texts, use_embed, side.joined if tokens else None, ends)
        for side, lengths, ends in zip((source, target), (src_lengths, tgt_lengths), colons, strict=True)
    )

    # A long pair takes tens of seconds between its embedding bars: say which stage it is in.
    say = on_stage if on_stage is not None and n + m >= _STAGES_SAID_FROM else None
    if say:
        say(f"aligning {n:,} x {m:,} sentences: first pass over blocks")
    anchors = _first_pass(src, tgt, params, config)
    lengths = (src_lengths, tgt_lengths)
    params = replace(params, length_ratio=_paired_length_ratio(anchors, *lengths, params.length_ratio))
    band = band_around(_points(anchors), n, m, config.window)
    types = bead_types(config.max_side, config.max_total)
    if config.joins == "embedded":
        _embed_all_runs(src, tgt, band, config.max_side)
    scores = ScoreCache()  # the band stays; later searches rescore only what newly embedded runs touch
    if say:
        say("searching the band around it")
    steps = search(src, tgt, types, band, params, scores)
    steps, params, scores = _at_one_to_one_ratio(src, tgt, (types, band), params, scores, steps, lengths)
    if config.joins == "refine" and embed is not None:
        if on_stage:
            on_stage("refining bead boundaries")
        if _refine_runs(src, tgt, steps, config) > 0:
            steps = search(src, tgt, types, band, params, scores)
    if config.joins in ("path", "shift", "tokens") and (embed is not None or tokens):
        nearby = _shift_runs if config.joins == "shift" else _null_neighbour_runs
        for round_number in range(config.seam_rounds if tokens else config.path_rounds):
            if say:
                say(f"joined sentences near the path, round {round_number + 1}")
            # One request for both kinds of run: an encoder call of a few texts (or seams) leaves a thread idle.
            (src_path, tgt_path), (src_near, tgt_near) = _path_runs(steps), nearby(steps)
            if _embed_new_runs(src, tgt, (src_path + src_near, tgt_path + tgt_near), config.max_side) == 0:
                break
            steps = search(src, tgt, types, band, params, scores)
    beads = [_to_bead(step) for step in steps]
    token_vectors, pair_evidence = evidence
    if config.translation_boundaries and pair_evidence is not None:
        how, evidence = config.translation_boundaries, (None, pair_evidence)
    elif config.word_boundaries and token_vectors is not None:
        how, evidence = "word evidence", (token_vectors, None)
    else:
        return beads
    said = (lambda: on_stage(f"settling bead boundaries by {how}")) if on_stage else None
    return _settle(beads, src, tgt, (source.texts, target.texts), evidence, params, config, said)


def _paired_length_ratio(
    anchors: list[PathStep], src_lengths: list[int], tgt_lengths: list[int], whole: float
) -> float:
    """Target characters per source character: the whole documents', unless a good part of one text has no
    counterpart in the other (a translation cut short, a version that leaves paragraphs out). There the whole ratio
    says a sentence and its translation differ in length as the documents do, and the search makes up for it by
    joining the unpaired sentences to their neighbours' beads ("Es sieht Investitionen ... Umweltministerin Lemke
    sprach ..." / "It provides for investments ..."). A first estimate from the first pass's 1-1 pairs then serves:
    the median over stretches of `_RATIO_STRETCH` consecutive pairs and what lies between them, so that a sentence
    split in two on one side, where the first pass pairs one piece and leaves the other out, stays inside a stretch
    (the pairs' own lengths took MAC-Dev .870 -> .840). Unpaired sentences inside a stretch still weigh on it: the
    search corrects it (_at_one_to_one_ratio)."""
    src_ends, tgt_ends = np.cumsum([0, *src_lengths]), np.cumsum([0, *tgt_lengths])
    pairs = [s for s in anchors if s.a == 1 and s.b == 1 and s.score > 0]
    span = min(_RATIO_STRETCH, len(pairs))
    if span == 0:
        return whole
    stretches = [
        (tgt_ends[last.j] - tgt_ends[first.j - 1]) / (src_ends[last.i] - src_ends[first.i - 1])
        for first, last in zip(pairs, pairs[span - 1 :], strict=False)
    ]
    paired = float(np.median(stretches))
    return paired if _far_apart(paired, whole) else whole


def _at_one_to_one_ratio(
    src: SpanTable,
    tgt: SpanTable,
    space: tuple[list[tuple[int, int]], Band],
    params: ScoreParams,
    scores: ScoreCache,
    steps: list[PathStep],
    lengths: tuple[list[int], list[int]],
) -> tuple[list[PathStep], ScoreParams, ScoreCache]:
    """The path searched again at the length ratio of its 1-1 beads (their median), while that is far from the ratio
    it was searched at. The first estimate's stretches still hold the sentences a version drops here and there (a
    version that leaves out a quarter of its original's sentences, one at a time), and so do the beads that joined
    them to a neighbour; a 1-1 bead is one sentence and its translation, and the search makes split sentences 1-2
    beads, so the 1-1 beads' ratio is the language pair's (on the gold sets' complete documents within 1.3 of the
    whole documents', one beyond 1.2)."""
    src_lengths, tgt_lengths = lengths
    for _ in range(_RATIO_ROUNDS):
        singles = [tgt_lengths[s.j - 1] / src_lengths[s.i - 1] for s in steps if s.a == 1 and s.b == 1]
        ratio = float(np.median(singles)) if singles else params.length_ratio
        if not _far_apart(ratio, params.length_ratio):
            break
        params, scores = replace(params, length_ratio=ratio), ScoreCache()
        steps = search(src, tgt, *space, params, scores)
    return steps, params, scores


def _far_apart(ratio: float, other: float) -> bool:
    return abs(math.log(ratio / other)) > math.log(_RATIO_TOLERANCE)


def background_similarity(source: np.ndarray, target: np.ndarray, most: int = 64) -> float:
    """Mean cosine of source sentences against the target sentences they do not match (at most `most` evenly
    spaced a side; each row's and each column's best left out, as likely translations); 0 where none is left."""
    rows = source[:: max(1, -(-len(source) // most))].astype(np.float64)
    cols = target[:: max(1, -(-len(target) // most))].astype(np.float64)
    sims = rows @ cols.T
    unmatched = np.ones(sims.shape, dtype=bool)
    unmatched[np.arange(len(rows)), sims.argmax(axis=1)] = False
    unmatched[sims.argmax(axis=0), np.arange(len(cols))] = False
    return float(sims[unmatched].mean()) if unmatched.any() else 0.0


def _settle(
    beads: list[Bead],
    src: SpanTable,
    tgt: SpanTable,
    texts: tuple[Sequence[str], Sequence[str]],
    evidence: tuple[TokenVectors | None, PairEvidence | None],
    params: ScoreParams,
    config: AlignerConfig,
    on_first_doubt: Callable[[], None] | None,
) -> list[Bead]:
    """Boundary moves by word or translation evidence; a bead that changed gets its sentence-level score again
    (its joined text embedded first when the aligner embeds joins)."""
    kept = {(b.source, b.target): b for b in beads}
    scores = {runs: bead.score for runs, bead in kept.items()}
    settings = config.boundary_settings()
    settled = settle_boundaries(
        list(kept), *texts, evidence[0], settings, scores, pair_evidence=evidence[1], on_first_doubt=on_first_doubt
    )
    changed = [runs for runs in settled if runs not in kept]
    wanted = ([(s[0], len(s)) for s, _ in changed if s], [(t[0], len(t)) for _, t in changed if t])
    _embed_new_runs(src, tgt, wanted, config.max_side)
    return [kept.get(bead) or Bead(bead[0], bead[1], bead_score(src, tgt, bead, params)) for bead in settled]


def _first_pass(src: SpanTable, tgt: SpanTable, params: ScoreParams, config: AlignerConfig) -> list[PathStep]:
    """1-1 path over the whole matrix when small, else through a band found on block-averaged documents (which
    may be block-averaged again: blocks of at most _MAX_BLOCK sentences a level, because the band around a coarse
    path must be two blocks wide each side, and one level of 58-sentence blocks at 100k sentences made a band of
    about 280 cells a row)."""
    n, m = src.count, tgt.count
    types = [(1, 0), (0, 1), (1, 1)]
    cells = (n + 1) * (m + 1)
    if cells <= config.max_first_pass_cells:
        return search(_sentences_only(src), _sentences_only(tgt), types, full_band(n, m), params)
    factor = min(math.ceil(math.sqrt(cells / config.max_first_pass_cells)) + 1, _MAX_BLOCK)
    coarse_src, coarse_tgt = src.downsampled(factor), tgt.downsampled(factor)
    coarse = _first_pass(coarse_src, coarse_tgt, params, config)
    points = [(min(s.i * factor, n), min(s.j * factor, m)) for s in coarse]
    band: Band = band_around(points, n, m, 2 * factor + config.window)
    return search(_sentences_only(src), _sentences_only(tgt), types, band, params)


def _sentences_only(table: SpanTable) -> SpanTable:
    if table.max_size == 1:
        return table
    view = SpanTable.__new__(SpanTable)
    view.__dict__.update(table.__dict__)
    view.max_size = 1
    return view


def _points(steps: list[PathStep]) -> list[tuple[int, int]]:
    return [(s.i, s.j) for s in steps]


def _embed_all_runs(src: SpanTable, tgt: SpanTable, band: Band, max_side: int) -> None:
    embed_runs_together(
        [(table, [(s, k) for k in range(2, max_side + 1) for s in range(table.count - k + 1)]) for table in (src, tgt)]
    )


def _refine_runs(src: SpanTable, tgt: SpanTable, steps: list[PathStep], config: AlignerConfig) -> int:
    """Embed the joined text of runs near every place the composed-vector path merged or skipped sentences."""
    src_runs: list[tuple[int, int]] = []
    tgt_runs: list[tuple[int, int]] = []
    reach = config.refine_reach
    for step in steps:
        if step.a == 1 and step.b == 1:
            continue
        for i in range(step.i - step.a - reach, step.i + reach + 1):
            src_runs.extend((i, k) for k in range(2, config.max_side + 1))
        for j in range(step.j - step.b - reach, step.j + reach + 1):
            tgt_runs.extend((j, k) for k in range(2, config.max_side + 1))
    return embed_runs_together([(src, src_runs), (tgt, tgt_runs)])


def _path_runs(steps: list[PathStep]) -> Runs:
    """Every run the path uses (the multi-sentence ones get embedded)."""
    return [(s.i - s.a, s.a) for s in steps], [(s.j - s.b, s.b) for s in steps]


def _null_neighbour_runs(steps: list[PathStep]) -> Runs:
    """The runs a null sentence would make joined to the bead before or after it: a composed vector of a
    sentence and its continuation scores lower than the real joined text, so a split sentence's second half is
    left unaligned."""
    wanted: Runs = ([], [])
    for k, step in enumerate(steps):
        if step.a > 0 and step.b > 0:
            continue
        side = 0 if step.b == 0 else 1
        at = step.i - 1 if side == 0 else step.j - 1  # the null sentence
        for neighbour in (steps[k - 1] if k > 0 else None, steps[k + 1] if k + 1 < len(steps) else None):
            if neighbour is None or neighbour.a == 0 or neighbour.b == 0:
                continue
            if side == 0:
                start, size = neighbour.i - neighbour.a, neighbour.a
            else:
                start, size = neighbour.j - neighbour.b, neighbour.b
            run = (start, size + 1) if start + size == at else (at, size + 1)
            wanted[side].append(run)
    return wanted


def _shift_runs(steps: list[PathStep]) -> Runs:
    """Runs one boundary move away: where two neighbouring beads are not both 1-1, the runs each side would have
    if the sentence at their boundary moved to the other bead."""
    wanted: Runs = ([], [])
    for left, right in zip(steps, steps[1:], strict=False):
        if (left.a, left.b) == (1, 1) and (right.a, right.b) == (1, 1):
            continue
        for side, (l_start, l_size, r_size) in enumerate(
            ((left.i - left.a, left.a, right.a), (left.j - left.b, left.b, right.b))
        ):
            r_start = l_start + l_size
            if r_size > 0:  # the right bead's first sentence joins the left bead
                wanted[side].append((l_start, l_size + 1))
                wanted[side].append((r_start + 1, r_size - 1))
            if l_size > 0:  # the left bead's last sentence joins the right bead
                wanted[side].append((l_start, l_size - 1))
                wanted[side].append((r_start - 1, r_size + 1))
    return wanted


def _embed_new_runs(src: SpanTable, tgt: SpanTable, wanted: Runs, max_side: int) -> int:
    """Embed the wanted (start, size) runs of each side that are joins within max_side and not embedded yet."""
    src_runs = [r for r in wanted[0] if 2 <= r[1] <= max_side and not src.is_embedded(*r)]
    tgt_runs = [r for r in wanted[1] if 2 <= r[1] <= max_side and not tgt.is_embedded(*r)]
    return embed_runs_together([(src, src_runs), (tgt, tgt_runs)])


def _to_bead(step: PathStep) -> Bead:
    return Bead(tuple(range(step.i - step.a, step.i)), tuple(range(step.j - step.b, step.j)), step.score)
