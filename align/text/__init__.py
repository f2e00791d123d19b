"""Text in: reading files, detecting languages and splitting sentences with offsets into the original text."""
