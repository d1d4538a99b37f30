"""Read one YAML file into plain data plus the line and column of every key and value.

Built for hostile input: it reads the parser's event stream (libyaml's C parser where installed) and
builds the data itself, so no constructor runs and no tag can execute anything; it refuses aliases before
anything could expand them, caps size and nesting depth without recursion, and turns every failure into
a `YamlProblem` with a position.
"""

from __future__ import annotations

import functools
import os
import re
import sys
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, cast

import attrs
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.reader import ReaderError

from .lines import split_lines
from .quoting import quote

if TYPE_CHECKING:
    from os import PathLike

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
_BYTE_ORDER_MARK = b"\xef\xbb\xbf"

DataPath = tuple[str | int, ...]
_CORE = "tag:yaml.org,2002:"


class YamlProblem(Exception):
    """Input that cannot be read as plain YAML; line and col are 0-based."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.col = col
        self.message = message


# Where the parts of a collection stand, built beside the data: for a mapping, each key's own mark, its
# value's mark and (when the value is a collection) that value's places; for a list, each item's mark and
# places. A mark is the parser's own: 0-based `line` and `column` (kept as they are: most are never read).
Mark = Any
Places = dict[str, tuple[Mark, Mark, Any]] | list[tuple[Mark, Any]] | None


@attrs.frozen(repr=False, eq=False)  # a record of one run, compared by identity: fewer methods to compile at start
class YamlDocument:
    """Plain data (dict, list, str, int, float, bool, None) and where each part of it stands."""

    data: Any
    mark: Mark  # of the data as a whole
    places: Places
    text: str = ""  # the source, as read

    def may_hold_unwritable(self) -> bool:
        """Whether any key or text could hold a character that YAML does not allow written as itself (a
        control character other than tab and line breaks, a surrogate, U+FFFE or U+FFFF): only through an
        escape sequence, which only a double-quoted text can have. Written as itself, both parsers refuse
        it (tests/test_yaml_hostile.py tries every one)."""
        return "\\" in self.text

    def position(self, path: DataPath, *, key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the value at `path` (or of its key), else of its nearest ancestor."""
        mark, places, key_mark = self.mark, self.places, None
        for part in path:
            if isinstance(places, dict) and part in places:
                key_mark, mark, places = places[part]
            elif isinstance(places, list) and type(part) is int and 0 <= part < len(places):
                key_mark, (mark, places) = None, places[part]
            else:
                key = False  # not there: the nearest part that is
                break
        mark = key_mark if key and key_mark is not None else mark
        return mark.line + 1, mark.column + 1


class _Origin:
    line = column = 0


_ORIGIN = _Origin()  # where an empty document stands


def _at(mark: Mark) -> tuple[int, int]:
    return mark.line, mark.column


def _line_col(text: str, index: int) -> tuple[int, int]:
    lines = split_lines(text[:index])
    return len(lines) - 1, len(lines[-1])


def read_yaml(path: str | PathLike[str]) -> YamlDocument:
    """Read and parse `path`. Raises YamlProblem for bad content, OSError when it cannot be read."""
    size = os.stat(path).st_size
    if size > MAX_BYTES:
        raise YamlProblem(
            0, 0,
            f"the file is {size / 1_048_576:.1f} MB; a journey file may be at most "
            f"{MAX_BYTES // 1_048_576} MB — split it into several journeys",
        )
    with open(path, "rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    if _kept is None:
        return parse_yaml(raw)
    last = _kept.get(path)
    if last is not None and last[0] == raw:
        return last[1]
    document = parse_yaml(raw)
    _kept[path] = (raw, document)
    return document


_kept: dict[str | PathLike[str], tuple[bytes, YamlDocument]] | None = None  # each file's last bytes and document, when kept


def keep_documents() -> None:
    """From now on, a file read again with the same bytes gives the same document, not parsed again (for a
    process that reads the same files on every save: `serve`; a document never changes once built). Only
    each file's last version is kept."""
    global _kept
    if _kept is None:
        _kept = {}


def parse_yaml(raw: bytes) -> YamlDocument:
    if len(raw) > MAX_BYTES:
        raise YamlProblem(0, 0, f"the file is larger than {MAX_BYTES // 1_048_576} MB")
    nul = raw.find(b"\0")
    if nul >= 0:
        before = raw[:nul].decode("utf-8", "replace")
        line, col = _line_col(before, len(before))
        raise YamlProblem(line, col, "this is not a text file (it holds a NUL byte): a journey is UTF-8 text")
    if raw.startswith(_BYTE_ORDER_MARK):
        raw = raw[len(_BYTE_ORDER_MARK):]  # some editors on Windows begin a UTF-8 file with one
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", "replace")
        line, col = _line_col(before, len(before))  # in characters, as every other column
        raise YamlProblem(
            line, col,
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}): save it with UTF-8 encoding",
        ) from None
    try:
        return _build_from_libyaml(text)
    except _StricterParser:
        # libyaml follows YAML 1.1 and refuses some valid YAML 1.2 (a '?' inside a flow list, as in
        # '[Hvor begynner jeg?]'): read the file again with ruamel's YAML 1.2 parser, which also words
        # any real syntax error.
        return _build(text, _pure_events(text))
    except YamlProblem:
        # A file too large for ruamel's parser: libyaml reads it again with each '?' that is not a key's
        # indicator standing in for by a character it takes as any other; its word stands if that fails too.
        if "?" not in text or _STAND_IN in text:
            raise
        try:
            read = _build_from_libyaml(_QUESTION_MARK.sub(_STAND_IN, text))
        except (YamlProblem, _StricterParser):
            pass
        else:
            _restore_question_marks(read.data, read.places)
            return YamlDocument(read.data, read.mark, read.places, text)
        raise


_STAND_IN = "\ue000"  # a private-use character: one character for one, so every position stays
_QUESTION_MARK = re.compile(r"(?<=[^\s\[\]{},])\?|\?(?=\S)")  # every '?' but one alone before a space (a key)


def _restore_question_marks(root: Any, root_places: Places) -> None:
    """Put back the '?' of every text and key the stand-in took the place of, in the data and its places."""
    stack: list[tuple[Any, Any]] = [(root, root_places)]  # a dict's places are by key, a list's by index
    while stack:
        data, places = stack.pop()
        if isinstance(data, dict):
            if any(_STAND_IN in key for key in data):
                restored = {key.replace(_STAND_IN, "?"): value for key, value in data.items()}
                data.clear()
                data.update(restored)
                moved = {key.replace(_STAND_IN, "?"): place for key, place in places.items()}
                places.clear()
                places.update(moved)
            for key, value in data.items():
                if isinstance(value, str):
                    if _STAND_IN in value:
                        data[key] = value.replace(_STAND_IN, "?")
                elif isinstance(value, (dict, list)):
                    stack.append((value, places[key][2]))
        elif isinstance(data, list):
            for index, value in enumerate(data):
                if isinstance(value, str):
                    if _STAND_IN in value:
                        data[index] = value.replace(_STAND_IN, "?")
                elif isinstance(value, (dict, list)):
                    stack.append((value, places[index][1]))


class _StricterParser(Exception):
    """libyaml refused the text: ruamel's own parser gets the last word."""


# The events libyaml's parser reports most often, by the names ruamel.yaml's C extension makes them with.
_FREQUENT = ("ScalarEvent", "MappingStartEvent", "SequenceStartEvent", "MappingEndEvent", "SequenceEndEvent")
_handing_over = threading.Lock()  # one file at a time has the C extension's events handed to its builder
_thread = threading.get_ident


def _build_from_libyaml(text: str) -> YamlDocument:
    """Built from the events of libyaml's C parser when it is installed, else from ruamel's pure-Python
    parser.

    ruamel.yaml's C extension makes a Python object for each event (through three Python `__init__`s),
    by calling the event classes it finds among its module's names. For the frequent events, those names
    point to the builder's own methods while a file is read: the builder takes each event's parts
    straight away, and the loop below sees only the rare events (document start, alias). Any other thread
    that parses meanwhile gets the event objects as ever; the names are restored when the file is read.
    Should a version of the extension call them otherwise, the events are read as objects."""
    try:
        from ruamel.yaml.cyaml import CParser
    except ImportError:  # pragma: no cover - ruamel.yaml.clib is a dependency; this keeps other platforms working
        return _build(text, _pure_events(text), first_try=True)
    if not _hand_over_works(CParser):  # pragma: no cover - the extension as pinned hands them over
        parser = CParser(text)
        try:
            return _build(text, iter(parser.get_event, None), first_try=True)  # None comes after the end of the stream
        finally:
            parser.dispose()
    return _handed_over(CParser, text)


def _handed_over(parser_class: Any, text: str) -> YamlDocument:
    extension = sys.modules[parser_class.__module__]
    builder = _Builder()
    with _handing_over:
        classes = [getattr(extension, name) for name in _FREQUENT]
        for name, method in zip(_FREQUENT, (builder.scalar, builder.mapping, builder.sequence, builder.mapping_end,
                                         builder.sequence_end)):
            setattr(extension, name, method)
        parser = parser_class(text)
        try:
            # The builder's methods answer False (passed over here), or a problem; None ends the stream.
            return _finish(text, builder, filter(None, iter(parser.get_event, None)), first_try=True)
        finally:
            parser.dispose()
            for name, cls in zip(_FREQUENT, classes):
                setattr(extension, name, cls)


_SAMPLE = "a: [b, {c: 1, 'd': ~}]\ne:\n  - f\n"  # every frequent event, in a small document


@functools.cache
def _hand_over_works(parser_class: Any) -> bool:
    """Whether this version of ruamel.yaml's C extension makes its events as the builder's methods take
    them: checked once per process, on a small document, against the event objects."""
    try:
        handed = _handed_over(parser_class, _SAMPLE)
    except Exception:  # noqa: BLE001 - any failure: read the events as objects
        return False
    parser = parser_class(_SAMPLE)
    try:
        read = _build(_SAMPLE, iter(parser.get_event, None))
    finally:
        parser.dispose()
    return handed.data == read.data and _marks(handed.places) == _marks(read.places)


def _marks(places: Places) -> Any:
    """The places with each mark as (line, column)."""
    if isinstance(places, dict):
        return {k: ((km.line, km.column), (vm.line, vm.column), _marks(inner)) for k, (km, vm, inner) in places.items()}
    if isinstance(places, list):
        return [((m.line, m.column), _marks(inner)) for m, inner in places]
    return places


def _pure_events(text: str) -> Iterator[Any]:
    yield from YAML(typ="safe", pure=True).parse(text)


def _problem_from(exc: BaseException, text: str) -> YamlProblem:
    if isinstance(exc, MarkedYAMLError):
        from .syntax import explain  # only for a file with a syntax error

        return YamlProblem(*explain(exc, text))
    if isinstance(exc, ReaderError):
        line, col = _line_col(text, _character_index(text, max(exc.position, 0), exc.encoding))
        return YamlProblem(
            line, col,
            f"the file holds a control character (#x{exc.character:04x}) that YAML does not allow: remove it",
        )
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return YamlProblem(0, 0, f"YAML syntax: {message}")


def _character_index(text: str, position: int, encoding: str | None) -> int:
    """libyaml gives a reader error's position in UTF-8 bytes (and '?' as its encoding); ruamel's own
    reader gives characters."""
    if encoding == "?":
        return len(text.encode("utf-8")[:position].decode("utf-8", "replace"))
    return position


class _Builder:
    """Plain data built from parser events, one call per event, with an explicit stack (no recursion at
    any depth), recording the position of every key and value. A method answers False, or the problem
    that stops the reading (returned rather than raised, so that the C parser frees its event)."""

    def __init__(self) -> None:
        # The collection being filled, its places, whether it is a mapping, and (in a mapping) the key
        # waiting for its value and where that key stands; the collections around it wait in `enclosing`.
        self.filling: Any = None
        self.places: Any = None
        self.is_mapping = False
        self.key: str | None = None
        self.key_mark: Mark = _ORIGIN
        self.enclosing: list[tuple[Any, Any, bool]] = []
        self.root: Any = None
        self.root_mark: Mark = _ORIGIN
        self.root_places: Places = None
        self.documents = 0
        self.thread = threading.get_ident()

    def scalar(self, anchor: Any, tag: str | None, implicit: tuple[bool, bool], raw: str, mark: Mark,
               end_mark: Mark = None, style: str | None = None, *rest: Any) -> Any:
        if _thread() != self.thread:  # another thread's parser: its event, as ever
            return ScalarEvent(anchor, tag, implicit, raw, mark, end_mark, style, *rest)
        if tag is not None or style or not implicit[0]:
            try:
                value: Any = _scalar(raw, tag, implicit, style, mark)
            except YamlProblem as problem:
                return problem
        elif raw in _WORDS:
            value = _WORDS[raw]
        elif raw[0] in _NUMBER_START:
            value = _resolve_plain(raw)
        else:
            value = raw  # a plain word, as most values are
        if self.is_mapping:
            key = self.key
            if key is None:
                key = value if type(value) is str else _key(value)
                if key in self.filling:
                    first = self.places[key][0].line + 1
                    return YamlProblem(*_at(mark), f"duplicate key {quote(key)} (first given on line {first}): keep one")
                self.key, self.key_mark = key, mark
                return False
            # An empty value has no place of its own: it stands where its key does.
            self.places[key] = (self.key_mark, self.key_mark if raw == "" and not style else mark, None)
            self.filling[key] = value
            self.key = None
        elif self.filling is not None:
            self.places.append((mark, None))
            self.filling.append(value)
        else:
            self.root, self.root_mark = value, mark
        return False

    def mapping(self, anchor: Any, tag: str | None, implicit: Any, mark: Mark, *rest: Any) -> Any:
        if _thread() != self.thread:
            return MappingStartEvent(anchor, tag, implicit, mark, *rest)
        return self._start({}, {}, True, tag, mark)

    def sequence(self, anchor: Any, tag: str | None, implicit: Any, mark: Mark, *rest: Any) -> Any:
        if _thread() != self.thread:
            return SequenceStartEvent(anchor, tag, implicit, mark, *rest)
        return self._start([], [], False, tag, mark)

    def _start(self, value: Any, inner: Any, is_mapping: bool, tag: str | None, mark: Mark) -> Any:
        if self.is_mapping and self.key is None:
            return YamlProblem(*_at(mark), "a key must be a plain word, not a list or a '{ }' group: put it in quotes, or remove the ':' after it")
        if len(self.enclosing) + (self.filling is not None) >= MAX_DEPTH:
            return YamlProblem(*_at(mark), f"the data is nested more than {MAX_DEPTH} levels deep: a journey needs only a few")
        if tag is not None and tag != "!" and tag != _CORE + ("map" if is_mapping else "seq"):
            return YamlProblem(*_at(mark), f"unsupported tag {quote(_shown(tag))}: brukerreise reads plain YAML only — remove the tag")
        if self.filling is None:
            self.root, self.root_mark, self.root_places = value, mark, inner
        else:
            if self.is_mapping:
                self.places[self.key] = (self.key_mark, mark, inner)
                self.filling[self.key] = value
            else:
                self.places.append((mark, inner))
                self.filling.append(value)
            self.enclosing.append((self.filling, self.places, self.is_mapping))
        self.filling, self.places, self.is_mapping, self.key = value, inner, is_mapping, None
        return False

    def mapping_end(self, *parts: Any) -> Any:
        if _thread() != self.thread:
            return MappingEndEvent(*parts)
        return self._end()

    def sequence_end(self, *parts: Any) -> Any:
        if _thread() != self.thread:
            return SequenceEndEvent(*parts)
        return self._end()

    def _end(self) -> Any:
        self.filling, self.places, self.is_mapping = self.enclosing.pop() if self.enclosing else (None, None, False)
        self.key = None
        return False

    def rare(self, event: Any) -> None:
        """An event the methods above do not take (or the problem one of them found)."""
        kind = type(event)
        if kind is YamlProblem:
            raise event
        if kind is AliasEvent:
            start = event.start_mark
            raise YamlProblem(start.line, start.column, "YAML aliases (*name) are not supported: write the value out in full")
        if kind is DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                start = event.start_mark
                raise YamlProblem(start.line, start.column, "a file holds one journey: found a second YAML document ('---') here")


def _build(text: str, events: Iterator[Any], *, first_try: bool = False) -> YamlDocument:
    """Build plain data from the event objects of ruamel's pure-Python parser."""
    builder = _Builder()

    def handed(events: Iterator[Any]) -> Iterator[Any]:
        for event in events:
            kind = type(event)
            if kind is ScalarEvent:
                yield builder.scalar(event.anchor, event.tag, event.implicit, event.value, event.start_mark, event.end_mark,
                                     event.style)
            elif kind is MappingStartEvent:
                yield builder.mapping(event.anchor, event.tag, event.implicit, event.start_mark)
            elif kind is SequenceStartEvent:
                yield builder.sequence(event.anchor, event.tag, event.implicit, event.start_mark)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                yield builder._end()
            else:
                yield event

    return _finish(text, builder, filter(None, handed(events)), first_try=first_try)


def _finish(text: str, builder: _Builder, rare_events: Iterator[Any], *, first_try: bool) -> YamlDocument:
    """Read the rest of the events (those the builder does not take in its stride) and the document."""
    try:
        for event in rare_events:
            builder.rare(event)
    except YamlProblem:
        raise
    except MarkedYAMLError as exc:
        if first_try and len(text) <= _RETRY_LIMIT:
            raise _StricterParser() from None
        raise _problem_from(exc, text) from None
    except ReaderError as exc:
        raise _problem_from(exc, text) from None
    except Exception as exc:  # noqa: BLE001 - any other parser failure is still the input's fault
        raise _problem_from(exc, text) from None
    if builder.documents == 0:
        raise YamlProblem(0, 0, "the file is empty: a journey starts with 'journey: <id>'")
    return YamlDocument(builder.root, builder.root_mark, builder.root_places, text)


# The pure-Python parser is ~35x slower: a hostile file of megabytes is answered with libyaml's word.
_RETRY_LIMIT = 256 * 1024


# YAML 1.2 core schema: how a plain (unquoted) scalar is read.
# (Compiled on first use, by re's own cache: most numbers in a journey are plain whole numbers, read without.)
_INT = r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
_FLOAT = r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
_STANDARD = {"str", "int", "float", "bool", "null", "timestamp"}


def _shown(tag: str) -> str:
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


def _scalar(text: str, tag: str | None, implicit: tuple[bool, bool], style: str | None, mark: Mark) -> Any:
    if style in (">", "|"):
        text = text.replace("\a", "")  # ruamel marks the places of folds with BEL for round trips: drop them
    if tag in (None, "!"):
        plain = implicit[0] and not style and tag is None
        return _resolve_plain(text) if plain else text
    if not tag.startswith(_CORE) or tag[len(_CORE):] not in _STANDARD:
        raise YamlProblem(*_at(mark), f"unsupported tag {quote(_shown(tag))}: brukerreise reads plain YAML only — remove the tag")
    kind = tag[len(_CORE):]
    if kind in ("str", "timestamp"):
        return text
    value: Any = _resolve_plain(text)
    types: dict[str, type | tuple[type, ...]] = {"int": int, "float": (int, float), "bool": bool, "null": type(None)}
    expected = types[kind]
    if not isinstance(value, expected) or (kind == "int" and isinstance(value, bool)):
        raise YamlProblem(*_at(mark), f"{quote(text)} is not a valid {kind} for the tag {quote(_shown(tag))}")
    return float(cast(float, value)) if kind == "float" else value


# The plain scalars that are not texts and not numbers, by the YAML 1.2 core schema.
_WORDS: dict[str, Any] = {
    **dict.fromkeys(("", "~", "null", "Null", "NULL")),
    **dict.fromkeys(("true", "True", "TRUE"), True),
    **dict.fromkeys(("false", "False", "FALSE"), False),
}
_NUMBER_START = frozenset("0123456789+-.")


# Python turns at most 4,300 decimal digits into an integer (and the time it takes grows with the square
# of the length): a longer number is kept as its sign and its count of digits.
_DIGITS_LIMIT = 4300


class LongNumber(int):
    """A whole number too long to hold: larger than any a journey allows; `written` as in the file."""

    written: str

    def __new__(cls, written: str) -> LongNumber:
        value = super().__new__(cls, (-1 if written.startswith("-") else 1) * 10**_DIGITS_LIMIT)
        value.written = written
        return value


def _resolve_plain(text: str) -> Any:
    if text in _WORDS:
        return _WORDS[text]
    if text[0] not in _NUMBER_START:
        return text  # most values are words: no number can start this way
    digits = text[1:] if text[0] in "+-" else text
    if digits.isascii() and digits.isdigit() and len(text) <= _DIGITS_LIMIT:  # a plain whole number, as _INT reads it
        return int(text)
    if re.fullmatch(_INT, text):
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        if len(text) > _DIGITS_LIMIT:
            return LongNumber(text)
        return int(text)
    if re.fullmatch(_FLOAT, text):
        folded = text.lower().lstrip("+")
        special = {".inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}
        return special[folded] if folded in special else float(text)
    return text


def _key(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "null"
    return value if isinstance(value, str) else str(value)


def value_at(data: Any, path: DataPath) -> Any:
    """The value at `path` in data read from YAML, or None where the path leads nowhere."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data
