"""Atomic output: write beside the destination, then rename, so a crash never leaves half a file or eats an input."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from align.errors import AlignError


def check_destination(destination: str | None, inputs: list[str] = ()) -> None:  # type: ignore[assignment]
    """Commands call this before their work too, so a mistyped -o fails at once, not after a long check."""
    if destination is None or destination == "-":
        return
    target = Path(destination)
    for path in inputs:
        if path != "-" and Path(path).exists() and target.exists() and target.resolve() == Path(path).resolve():
            raise AlignError(f"{destination}: refusing to overwrite an input file")
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
    # A link is written through (its file replaced, the link kept); a device or pipe (`-o /dev/null`, a FIFO)
    # cannot be replaced by a rename without destroying it, so it is written to as it is.
    target = Path(destination).resolve() if Path(destination).is_symlink() else Path(destination)
    try:
        if target.exists() and not target.is_file():
            with open(target, "w", encoding="utf-8") as stream:
                stream.write(content)
            return
        _replace_atomically(target, content)
    except OSError as exc:
        raise AlignError(f"{destination}: cannot write: {exc.strerror or exc}") from None


def _replace_atomically(target: Path, content: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(content)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes 0600; an output should read like any new file
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
