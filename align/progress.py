"""Progress on stderr (rich), so stdout stays clean for machine-readable output."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

stderr = Console(stderr=True)
_quiet = False


def quiet_libraries() -> None:
    """Model libraries print their own loading bars and notices; ours on stderr are enough."""
    import os

    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import sys

    # transformers reads the two variables when it loads; it is only told directly when loaded already (importing it
    # here would cost a second of start-up to commands that never use it).
    if "transformers" in sys.modules:
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
        transformers_logging.set_verbosity_error()
    import logging

    logging.getLogger("sentence_transformers").setLevel(logging.ERROR)


@contextmanager
def without_library_bars() -> Iterator[None]:
    """transformers' loading bars off while a model loads: one status line says what happens."""
    from transformers.utils import logging as transformers_logging

    shown = transformers_logging.is_progress_bar_enabled()
    transformers_logging.disable_progress_bar()
    try:
        yield
    finally:
        if shown:
            transformers_logging.enable_progress_bar()


def set_quiet(quiet: bool) -> None:
    global _quiet
    _quiet = quiet


def status(message: str) -> None:
    """A short note on stderr: what stage a long run is in (skipped with --quiet)."""
    if not _quiet:
        stderr.print(f"[dim]{message}[/dim]")


def warning(message: str) -> None:
    """A line on stderr about the result itself, which --quiet does not silence (it silences progress)."""
    stderr.print(f"[bold yellow]warning:[/bold yellow] {message}", highlight=False, soft_wrap=True)


@contextmanager
def progress_bar(description: str, total: int) -> Iterator[callable]:  # type: ignore[valid-type]
    """Yields an `advance(n)` callable; shows a bar only for work long enough to be worth one."""
    if _quiet or total < 64 or not stderr.is_terminal:
        yield lambda n: None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=stderr, transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda n: bar.advance(task, n)
