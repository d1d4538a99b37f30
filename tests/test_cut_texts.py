"""The warning for a text cut short by a comment (reading/comments.py) looks only at the lines that hold a
comment after other text: it finds the same texts as looking at every text of the file (hypothesis, on
files with comments, blanks and every kind of line break)."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from brukerreise.reading.comments import TEXT_KEYS, _looks_cut, check_cut_texts
from brukerreise.reading.loading import SourceFile
from brukerreise.reading.yamlsource import YamlProblem, parse_yaml, split_lines

WORDS = st.sampled_from(["nr", "og", "Vi", "er", "#1", "#", "# note", "a,", "ø", "x:", "-", "tekst"])
BLANKS = st.sampled_from([" ", "  ", "\t", " \t"])
BREAKS = st.sampled_from(["\n", "\r\n", "\r", "\u2028"])


def _reference(file: Any) -> list[tuple[tuple, str]]:
    """Every text of the file, each looked at (the check as it was before it looked only at some lines)."""
    pattern = re.compile(r"^[^#\n\r]*\S[ \t]+#", re.M)
    text = file.document.text
    if not pattern.search(text):
        return []
    lines = split_lines(text)
    found = []

    def texts(node: Any, path: tuple, key: Any = None) -> Any:
        if isinstance(node, dict):
            for k, v in node.items():
                yield from texts(v, (*path, k), k)
        elif isinstance(node, list):
            for i, item in enumerate(node):
                yield from texts(item, (*path, i), key)
        elif isinstance(node, str) and key in TEXT_KEYS and node:
            yield path, node

    for path, value in texts(file.document.data, ()):
        line, col = file.document.position(path)
        written = lines[line - 1] if 0 < line <= len(lines) else ""
        if written[col - 1:col - 1 + len(value)] != value:
            continue
        rest = re.match(r"([ \t]+)#(.*)", written[col - 1 + len(value):])
        if rest is not None and _looks_cut(value, rest.group(1), rest.group(2)):
            found.append((path, value))
    return found


@st.composite
def commented_files(draw: Any) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 8))):
        key = draw(st.sampled_from(["title", "description", "id", "name", "short"]))
        words = " ".join(draw(st.lists(WORDS, min_size=1, max_size=4)))
        comment = draw(st.sampled_from(["", "#x", "# y"]))
        lines.append(f"- {key}: {words}{draw(BLANKS) if comment else ''}{comment}")  # a list of one-key mappings
    text = ""
    for line in lines:
        text += line + draw(BREAKS)
    return text


@settings(max_examples=400, deadline=None)
@given(commented_files())
def test_the_same_texts_are_found_as_by_looking_at_every_text(text):
    try:
        document = parse_yaml(text.encode())
    except YamlProblem:
        return
    file = SourceFile(None, "x.yaml", document)  # type: ignore[arg-type]
    found = [(issue.line, issue.col) for issue in check_cut_texts(file)]
    assert found == [file.document.position(path) for path, _ in _reference(file)]
