"""Environment variables set for a stretch of code and restored after, for settings that must reach every layer
(and every worker process started meanwhile) without threading a parameter through each call."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping


@contextlib.contextmanager
def scoped_environment(variables: Mapping[str, str | None]) -> Iterator[None]:
    """Set (or, for None, remove) the variables for the duration, then put back what was there."""
    previous = {name: os.environ.get(name) for name in variables}
    _apply(variables)
    try:
        yield
    finally:
        _apply(previous)


def _apply(variables: Mapping[str, str | None]) -> None:
    for name, value in variables.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
