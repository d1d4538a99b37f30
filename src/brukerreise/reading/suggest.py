"""Did-you-mean suggestions for misspelt ids and keys, at a bounded cost however many words are misspelt.

difflib compares a word with every candidate, so a journey with thousands of unknown references to
thousands of steps would cost their product. A `Candidates` set therefore remembers each answer, and
spends a bounded number of difflib comparisons (DIFFLIB_BUDGET); after that it looks words up by single
edits (a letter missing, added, changed or two swapped), which costs the length of the word, not the
number of candidates."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from .quoting import quote

DIFFLIB_BUDGET = 20_000  # difflib comparisons per set of candidates; then single-edit look-ups only
DIFFLIB_SETUP = 20  # a difflib search costs about as much as this many comparisons before it compares
LONGEST_WORD = 150  # a longer word cannot be close (difflib's 0.6) to an id, which has at most 64 characters
CUTOFF = 0.6


class Candidates(frozenset[str]):
    """A set of known names that remembers its suggestions for unknown ones."""

    _folded: dict[str, str] | None  # casefolded name -> name, made at the first question
    _deletions: dict[str, list[str]] | None  # each name with one character deleted -> the names
    _lengths: set[int]
    _answers: dict[str, str | None]
    _budget: int

    def __new__(cls, names: Iterable[str]) -> Candidates:
        made = super().__new__(cls, names)
        made._folded = None
        made._deletions = None
        made._lengths = set()
        made._answers = {}
        made._budget = DIFFLIB_BUDGET
        return made

    def closest(self, word: str) -> str | None:
        """The candidate most like `word`, or None when nothing is close."""
        if word not in self._answers:
            self._answers[word] = self._closest(word)
        return self._answers[word]

    def _closest(self, word: str) -> str | None:
        if self._folded is None:
            self._folded = _folded(sorted(self))
        folded = word.casefold()
        if folded in self._folded:
            return self._folded[folded]
        if len(word) > LONGEST_WORD or not self._folded:
            return None
        cost = DIFFLIB_SETUP + len(self._folded)
        if self._budget >= cost:
            self._budget -= cost
            return _by_difflib(folded, self._folded)
        return self._by_one_edit(folded)

    def _by_one_edit(self, folded: str) -> str | None:
        """A candidate one edit away (symmetric deletion: the word and a candidate share a string made by
        deleting at most one character from each); the closest in length, then the first by name."""
        names = self._folded or {}
        if self._deletions is None:
            self._deletions = {}
            for name in names:
                for variant in _deleted(name):
                    self._deletions.setdefault(variant, []).append(name)
            self._lengths = {len(name) for name in names}
        if not self._lengths.intersection((len(folded) - 1, len(folded), len(folded) + 1)):
            return None  # one edit changes the length by one at most
        found = {name for variant in _deleted(folded) for name in self._deletions.get(variant, ())}
        if not found:
            return None
        best = min(found, key=lambda name: (abs(len(name) - len(folded)), name))
        return names[best]


def _folded(names: Iterable[str]) -> dict[str, str]:
    return {name.casefold(): name for name in names}


def _deleted(word: str) -> set[str]:
    return {word, *(word[:i] + word[i + 1:] for i in range(len(word)))}


def _by_difflib(folded: str, pool: dict[str, str]) -> str | None:
    import difflib  # only when something is misspelt: a clean run need not load it

    match = difflib.get_close_matches(folded, list(pool), n=1, cutoff=CUTOFF)
    return pool[match[0]] if match else None


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like `word`, or None when nothing is close."""
    if isinstance(candidates, Candidates):
        return candidates.closest(word)
    return _closest_of(word, tuple(dict.fromkeys(candidates)))


@functools.lru_cache(maxsize=4096)
def _closest_of(word: str, pool: tuple[str, ...]) -> str | None:
    """For small fixed sets (the keys allowed in a mapping, the life events): remembered, as the same
    misspelt key may be written at every step."""
    folded = _folded(pool)
    if word.casefold() in folded:
        return folded[word.casefold()]
    if len(word) > LONGEST_WORD:
        return None
    return _by_difflib(word.casefold(), folded)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """' — did you mean 'x'?' or '' when there is no good guess."""
    guess = closest(word, candidates)
    return f" — did you mean {quote(guess)}?" if guess is not None and guess != word else ""


def one_of(candidates: Iterable[str], limit: int = 12) -> str:
    names = [quote(c) for c in candidates]
    if len(names) > limit:
        return ", ".join(names[:limit]) + f" and {len(names) - limit} more"
    return ", ".join(names)


_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ß": "ss", "þ": "th", "ð": "d", "ł": "l", "đ": "d"})


def id_from(text: str, limit: int = 64) -> str:
    """An id made from text: lowercase ASCII letters, digits and '-' (æ → ae, ø → o, å → a, accents
    dropped), cut at a word boundary to at most `limit` characters; '' when no letter or digit is left."""
    import re
    import unicodedata

    folded = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > limit:
        cut = slug[: limit + 1].rfind("-")
        slug = slug[: cut if cut > 0 else limit].strip("-")
    return slug
