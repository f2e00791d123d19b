"""align: multilingual translation alignment, offline."""

__version__ = "0.1.0"
