"""`align compare`: how much of a reference text each of several versions carries, in any order and language.

One idea per module: `similarity` (blocked nearest neighbours), `matching` (non-monotonic many-to-many groups),
`thresholds` (calibration data), `coverage` (full / partial / missing decisions), `model` (result dataclasses),
`run` (the pipeline), `report_text` / `report_json` (writers) and `command` (the Typer command).
"""
