"""Alignment: sentence beads (monotonic, banded dynamic programming) and, later, word links."""
