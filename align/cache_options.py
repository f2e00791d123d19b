"""The embedding-cache options every embedding command takes (`sentences`, `check`, `compare`, `batch`).

Defined once here because the commands live in three modules (align.cli, align.compare.command,
align.batch.command) that cannot import each other's aliases without a cycle.
"""

from __future__ import annotations

from typing import Annotated

import typer

NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Do not read or write the embedding cache (same as ALIGN_NO_CACHE=1)")
]
CacheMaxMbOption = Annotated[
    float | None,
    typer.Option(
        "--cache-max-mb",
        help="Cap the embedding cache at this many MiB, dropping least recently used vectors "
        "(default: $ALIGN_CACHE_MAX_MB, else no cap)",
    ),
]
