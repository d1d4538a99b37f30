"""Read one YAML file into plain data plus the line and column of every key and value.

Built for hostile input: it stops at the composed node tree (no constructor runs, so no tag can execute
anything), refuses aliases before anything could expand them, caps size and nesting depth, and turns
every failure into a `YamlProblem` with a position.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64

DataPath = tuple[str | int, ...]
_CORE = "tag:yaml.org,2002:"


class YamlProblem(Exception):
    """Input that cannot be read as plain YAML; line and col are 0-based."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.col = col
        self.message = message


@attrs.frozen
class YamlDocument:
    """Plain data (dict, list, str, int, float, bool, None) and where each part of it stands."""

    data: Any
    value_positions: dict[DataPath, tuple[int, int]]
    key_positions: dict[DataPath, tuple[int, int]]

    def position(self, path: DataPath, *, key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the value at `path` (or of its key), else of its nearest ancestor."""
        if key and path in self.key_positions:
            line, col = self.key_positions[path]
            return line + 1, col + 1
        while path not in self.value_positions and path:
            path = path[:-1]
        line, col = self.value_positions.get(path, (0, 0))
        return line + 1, col + 1


class _RefusingComposer(Composer):
    """Refuses aliases (they expand exponentially when walked) and nesting deeper than MAX_DEPTH."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            mark = self.parser.peek_event().start_mark
            raise YamlProblem(
                mark.line, mark.column,
                "YAML aliases (*name) are not supported: write the value out in full",
            )
        if self.depth >= MAX_DEPTH:
            mark = self.parser.peek_event().start_mark
            raise YamlProblem(
                mark.line, mark.column,
                f"the data is nested more than {MAX_DEPTH} levels deep: a journey needs only a few",
            )
        return super().compose_node(parent, index)


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index)
    return line, index - (text.rfind("\n", 0, index) + 1)


def read_yaml(path: Path) -> YamlDocument:
    """Read and parse `path`. Raises YamlProblem for bad content, OSError when it cannot be read."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise YamlProblem(
            0, 0,
            f"the file is {size / 1_048_576:.1f} MB; a journey file may be at most "
            f"{MAX_BYTES // 1_048_576} MB — split it into several journeys",
        )
    with path.open("rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    return parse_yaml(raw)


def parse_yaml(raw: bytes) -> YamlDocument:
    if len(raw) > MAX_BYTES:
        raise YamlProblem(0, 0, f"the file is larger than {MAX_BYTES // 1_048_576} MB")
    nul = raw.find(b"\0")
    if nul >= 0:
        line, col = _line_col(raw[:nul].decode("utf-8", "replace"), nul)
        raise YamlProblem(line, col, "this is not a text file (it holds a NUL byte): a journey is UTF-8 text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw[: exc.start].decode("utf-8", "replace"), exc.start)
        raise YamlProblem(
            line, col,
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}): save it with UTF-8 encoding",
        ) from None
    node = _compose(text)
    if node is None:
        raise YamlProblem(0, 0, "the file is empty: a journey starts with 'journey: <id>'")
    values: dict[DataPath, tuple[int, int]] = {}
    keys: dict[DataPath, tuple[int, int]] = {}
    data = _to_data(node, (), values, keys)
    return YamlDocument(data, values, keys)


_SYNTAX_HINTS = (
    ("found character '\\t' that cannot start any token", "a tab cannot be used to indent YAML: use spaces"),
    ("mapping values are not allowed here", "a ':' is out of place — if it is part of a text, put the text in quotes"),
    ("could not find expected ':'", "a key is missing its ':' (or a text spans lines without quotes)"),
    ("expected a single document", "a file holds one journey: found a second YAML document ('---') here"),
    ("found undefined tag handle", "unknown tag: brukerreise reads plain YAML only — remove the '!' tag"),
)


def _compose(text: str) -> Node | None:
    yaml = YAML(typ="rt", pure=True)
    yaml.Composer = _RefusingComposer
    try:
        return yaml.compose(text)
    except YamlProblem:
        raise
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        said = f"{exc.context or ''} {exc.problem or ''}"
        for needle, plain in _SYNTAX_HINTS:
            if needle in said:
                problem = plain
                break
        line, col = (mark.line, mark.column) if mark is not None else (0, 0)
        raise YamlProblem(line, col, f"YAML syntax: {problem}") from None
    except ReaderError as exc:
        line, col = _line_col(text, max(exc.position, 0))
        raise YamlProblem(
            line, col,
            f"the file holds a control character (#x{exc.character:04x}) that YAML does not allow: remove it",
        ) from None
    except RecursionError:
        raise YamlProblem(0, 0, f"the data is nested more than {MAX_DEPTH} levels deep") from None
    except Exception as exc:  # noqa: BLE001 - any other parser failure is still the input's fault
        raise YamlProblem(0, 0, f"YAML syntax: {exc}") from None


_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")


def _scalar(node: ScalarNode) -> Any:
    tag, text = str(node.tag), node.value
    if not tag.startswith(_CORE) or tag[len(_CORE):] not in _SCALAR_TAGS:
        shown = "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag
        raise YamlProblem(
            node.start_mark.line, node.start_mark.column,
            f"unsupported tag '{shown}': brukerreise reads plain YAML only — remove the tag",
        )
    return _SCALAR_TAGS[tag[len(_CORE):]](text)


def _to_int(text: str) -> int | str:
    if not _INT.fullmatch(text):
        return text
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text)


def _to_float(text: str) -> float | str:
    folded = text.lower().lstrip("+")
    special = {".inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}
    if folded in special:
        return special[folded]
    try:
        return float(text)
    except ValueError:
        return text


_SCALAR_TAGS = {
    "str": str,
    "int": _to_int,
    "float": _to_float,
    "bool": lambda t: t.lower() == "true",
    "null": lambda t: None,
    "timestamp": str,  # dates carry no meaning in the model: keep them as written
}


def _to_data(
    node: Node,
    path: DataPath,
    values: dict[DataPath, tuple[int, int]],
    keys: dict[DataPath, tuple[int, int]],
) -> Any:
    values.setdefault(path, (node.start_mark.line, node.start_mark.column))
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, SequenceNode):
        _check_collection_tag(node, "seq")
        return [_to_data(item, path + (i,), values, keys) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        _check_collection_tag(node, "map")
        result: dict[str, Any] = {}
        for key_node, value_node in _pairs(node):
            key = _key(key_node)
            key_path = path + (key,)
            key_at = (key_node.start_mark.line, key_node.start_mark.column)
            if key in result:
                first = keys[key_path][0] + 1
                raise YamlProblem(*key_at, f"duplicate key '{key}' (first given on line {first}): keep one")
            keys[key_path] = key_at
            if isinstance(value_node, ScalarNode) and value_node.value == "" and not value_node.style:
                values[key_path] = key_at  # an empty value has no place of its own: point at its key
            result[key] = _to_data(value_node, key_path, values, keys)
        return result
    raise YamlProblem(node.start_mark.line, node.start_mark.column, "unsupported YAML node")


def _pairs(node: MappingNode) -> Iterator[tuple[Node, Node]]:
    yield from node.value


def _key(node: Node) -> str:
    if not isinstance(node, ScalarNode):
        raise YamlProblem(
            node.start_mark.line, node.start_mark.column,
            "a key must be a plain word, not a list or a mapping",
        )
    value = _scalar(node)
    if value is None or isinstance(value, bool):
        return node.value or "null"
    return str(value) if not isinstance(value, str) else value


def _check_collection_tag(node: Node, expected: str) -> None:
    tag = str(node.tag)
    if tag != _CORE + expected:
        shown = "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag
        raise YamlProblem(
            node.start_mark.line, node.start_mark.column,
            f"unsupported tag '{shown}': brukerreise reads plain YAML only — remove the tag",
        )
