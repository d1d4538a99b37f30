"""User text made safe for Mermaid: every character that Mermaid's grammars or its HTML labels could read
as syntax becomes an entity code (`#35;` for '#'), which Mermaid turns back into the character when it
draws. Node and subgraph ids are ours (`s3`, `lane1`), never a user's id."""

from __future__ import annotations

from ...render.plaintext import plain

# Characters that mean nothing to any Mermaid grammar we use, inside a quoted label or a journey task.
_SAFE_PUNCTUATION = frozenset(" .,-?!'()/+«»–—…")


def escaped(text: str, also: str = "") -> str:
    """`text` on one line, with every character outside letters, digits and harmless punctuation (and
    every character in `also`) written as a Mermaid entity code."""
    return "".join(
        f"#{ord(c)};" if (c in also or not (c.isalnum() or c in _SAFE_PUNCTUATION)) else c for c in plain(text)
    )


def quoted(text: str) -> str:
    """A quoted Mermaid label."""
    return f'"{escaped(text)}"'
