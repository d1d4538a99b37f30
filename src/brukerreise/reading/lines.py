"""Line breaks as YAML reads them, shared by the reader and the syntax explanations."""

from __future__ import annotations

import re

# What YAML counts as a line break (as the parsers and most editors do): CR LF, a lone CR or LF, NEL and
# the Unicode line and paragraph separators.
# (Compiled on first use, by re's own cache: a run without problems splits no file into lines.)
LINE_BREAK = "\r\n|[\r\n\x85\u2028\u2029]"


def split_lines(text: str) -> list[str]:
    return re.split(LINE_BREAK, text)
