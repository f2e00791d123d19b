"""One exception type for everything a user can get wrong, so the CLI prints one line instead of a traceback."""


class AlignError(Exception):
    """A problem with the user's input or setup; its message is shown as is, on one line."""
