"""Atomic output: write beside the destination, then rename, so a crash never leaves half a file or eats an input."""

from __future__ import annotations

import os
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import TypeVar

from align.errors import AlignError

FormatT = TypeVar("FormatT", bound=Enum)
# What an -o file's extension says it holds, where --format is not given.
_FORMAT_OF_SUFFIX = {
    ".json": "json",
    ".tsv": "tsv",
    ".html": "html",
    ".htm": "html",
    ".tmx": "tmx",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".vecalign": "vecalign",
}


def output_format(given: FormatT | None, destination: str | None, formats: type[FormatT], default: FormatT) -> FormatT:
    """--format as given, else the one the -o file's extension names among the command's formats ("-o report.html"
    wrote a text table into report.html), else the default."""
    if given is not None:
        return given
    suffix = Path(destination).suffix.lower() if destination and destination != "-" else ""
    named = _FORMAT_OF_SUFFIX.get(suffix)
    chosen = next((f for f in formats if f.value == named), default)
    if named is not None and chosen.value != named:
        from align.progress import warning

        warning(f"{destination}: this command writes no {named}; writing {default.value} (choose one with --format)")
    return chosen


def check_destination(destination: str | None, inputs: list[str] = ()) -> None:  # type: ignore[assignment]
    """Commands call this before their work too, so a mistyped -o fails at once, not after a long check."""
    if destination is None or destination == "-":
        return
    target = Path(destination)
    try:
        for path in inputs:
            if path != "-" and Path(path).exists() and target.exists() and target.resolve() == Path(path).resolve():
                raise AlignError(f"{destination}: refusing to overwrite an input file")
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop (Python 3.11's resolve)
        raise AlignError(f"{destination}: cannot write: {exc}") from None
    if target.parent and not target.parent.exists():
        raise AlignError(f"{destination}: folder {target.parent} does not exist")
    if target.is_dir():
        raise AlignError(f"{destination}: is a folder, expected a file name")


def write_output(content: str, destination: str | None, inputs: list[str] = ()) -> None:  # type: ignore[assignment]
    check_destination(destination, inputs)
    if destination is None or destination == "-":
        sys.stdout.write(content)
        sys.stdout.flush()
        return
    # A link is written through (its file replaced, the link kept). A device or pipe (`-o /dev/null`, a FIFO) cannot
    # be replaced by a rename without destroying it, nor can what a process has open (`-o /dev/stdout` behind a
    # pipe, or behind `>> run.log`, which a rename would empty): those are written to in place, appending.
    try:
        target, open_elsewhere = _link_target(destination)
        if open_elsewhere or (target.exists() and not target.is_file()):
            with open(destination, "a", encoding="utf-8") as stream:
                stream.write(content)
            return
        _replace_atomically(target, content)
    except OSError as exc:
        raise AlignError(f"{destination}: cannot write: {exc.strerror or exc}") from None


def _link_target(destination: str) -> tuple[Path, bool]:
    """Where the destination's links lead, and whether they pass through a process's open files (/dev/stdout,
    /dev/fd/N, /proc/self/fd/N)."""
    path = Path(destination)
    for _ in range(_MAX_LINKS):
        if str(path).startswith(("/proc/", "/dev/fd/")):
            return path, True
        if not path.is_symlink():
            return path, False
        link = Path(os.readlink(path))
        path = link if link.is_absolute() else path.parent / link
    raise AlignError(f"{destination}: cannot write: too many levels of symbolic links")


_MAX_LINKS = 40  # as the kernel's limit on a path's symbolic links


def _replace_atomically(target: Path, content: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(content)
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    """The replaced file's own permissions (a client's file kept private stays private); a new file reads like any
    other the user makes (mkstemp's 0600 otherwise)."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
