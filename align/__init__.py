"""align: multilingual translation alignment, offline.

The Python API under the command line (imported on first use, so `import align` stays cheap):

    from align import align_files, check_files, compare_files

`align_files(source, target)` gives a `SentenceAlignment` (documents with sentence offsets, beads with scores,
signature), `check_files(original, translation)` a `CheckResult` (the same plus flags with spans on both sides),
`compare_files(reference, [version, ...])` a `Comparison` (coverage of the reference by each version).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

_EXPORTS = {
    "align_files": "align.pipeline",
    "check_files": "align.check",
    "compare_files": "align.compare.run",
    "AlignerConfig": "align.alignment.sentence_aligner",
    "ReadOptions": "align.pipeline",
    "AlignError": "align.errors",
}
__all__ = ["AlignError", "AlignerConfig", "ReadOptions", "__version__", "align_files", "check_files", "compare_files"]

if TYPE_CHECKING:
    from align.alignment.sentence_aligner import AlignerConfig
    from align.check import check_files
    from align.compare.run import compare_files
    from align.errors import AlignError
    from align.pipeline import ReadOptions, align_files


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'align' has no attribute {name!r}")
