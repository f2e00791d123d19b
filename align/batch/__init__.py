"""Corpus-scale runs: `align batch` over a manifest on one machine (`--engine local`) or a Ray cluster
(`--engine ray`), resumable item by item, with the embedding cache (align.encoders.cache) shared by all workers.

Modules: manifest (what to run), tasks (the per-item work, the same in every engine), local and ray_engine (who
runs it), runner (outputs, resume, summary.json), command (the Typer commands `batch` and `cache`).
"""
