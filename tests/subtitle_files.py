"""SubRip text from cues, so subtitle tests read as what is said, not as timings."""


def srt(*cues: str) -> str:
    """Numbered cues two seconds apart; a cue's "\\n" is a line break on screen."""
    return "\n".join(
        f"{n}\n00:00:{2 * n:02d},000 --> 00:00:{2 * n + 1:02d},500\n{cue}\n" for n, cue in enumerate(cues, 1)
    )
