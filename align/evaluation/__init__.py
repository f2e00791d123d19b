"""Scoring against gold alignments."""
