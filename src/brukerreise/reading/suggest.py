"""Did-you-mean suggestions for misspelt ids and keys."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like `word`, or None when nothing is close."""
    pool = list(dict.fromkeys(candidates))
    folded = {c.casefold(): c for c in pool}
    if word.casefold() in folded:
        return folded[word.casefold()]
    import difflib  # only when something is misspelt: a clean run need not load it

    match = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=0.6)
    return folded[match[0]] if match else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """' — did you mean 'x'?' or '' when there is no good guess."""
    guess = closest(word, candidates)
    return f" — did you mean '{guess}'?" if guess is not None and guess != word else ""


def one_of(candidates: Iterable[str], limit: int = 12) -> str:
    names = [f"'{c}'" for c in candidates]
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
