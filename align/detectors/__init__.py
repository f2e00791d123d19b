"""Detectors: one module per kind of flag, all behind `Detector`; `ALL_DETECTORS` is the registry."""
