"""The calibrated decision thresholds of `align compare`, read from data (models/compare_thresholds.json).

They are fitted by `bench/compare.py --fit` on the benchmark's dev split only, per encoder, because every encoder has
its own similarity scale. Code holds no threshold constants, so refitting never means editing code.
"""

from __future__ import annotations

import json
from dataclasses import MISSING, dataclass, fields
from pathlib import Path

from align.compare.matching import MatchThresholds
from align.errors import AlignError

THRESHOLDS_FILE = Path(__file__).resolve().parents[2] / "models" / "compare_thresholds.json"


@dataclass(frozen=True)
class Calibration:
    """Thresholds plus where they came from, for the output's signature."""

    thresholds: MatchThresholds
    encoder: str  # the encoder they were fitted for
    exact: bool  # False when the running encoder had no entry and another's thresholds stand in
    fitted_on: str


def load_calibration(encoder_name: str, path: Path | None = None) -> Calibration:
    """Thresholds for this encoder; the file's default encoder's, marked inexact, when it has no entry of its own."""
    path = path or THRESHOLDS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        hint = "reinstall align, or run bench/compare.py --fit"
        raise AlignError(f"{path}: calibration file is missing; {hint}") from None
    except (OSError, ValueError) as exc:
        raise AlignError(f"{path}: cannot read calibration ({exc})") from None
    encoders = data.get("encoders", {})
    name = encoder_name if encoder_name in encoders else data.get("default_encoder", "")
    if name not in encoders:
        raise AlignError(f"{path}: no thresholds for encoder {encoder_name} and no usable default_encoder")
    entry = encoders[name]
    try:
        thresholds = MatchThresholds(
            **{
                f.name: float(entry[f.name] if f.default is MISSING else entry.get(f.name, f.default))
                for f in fields(MatchThresholds)
            }
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise AlignError(f"{path}: thresholds for {name} are incomplete ({exc})") from None
    return Calibration(thresholds, name, name == encoder_name, str(entry.get("fitted_on", "")))
