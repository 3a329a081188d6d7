"""Splitting very long texts into pieces the NLP pipeline can take one at a time.

Stage: input, between reading and parsing. Input: one text of any length (a single line of
millions of characters included). Output: ``(offset, chunk)`` pairs, no chunk longer than
``max_chars``, with ``text[offset:offset + len(chunk)] == chunk`` so that character offsets found
in a chunk map back to the text by adding ``offset``.

Where it cuts
    At the last paragraph break (a blank line) that fits, else the last line break, else the last
    sentence end (``.``, ``!``, ``?`` or ``…``, perhaps followed by a closing quote or bracket, then
    whitespace and an upper-case letter, an opening quote or a dash), else the last whitespace, else
    exactly at ``max_chars``. Chunks carry no leading or trailing whitespace, and whitespace-only
    pieces are not yielded: the gaps between chunks are whitespace only.

Cost
    Linear in the length of the text: each cut looks only inside the window of ``max_chars``
    characters it cuts, and a cut early in one window leaves no break to find in the next but near
    its end. Chunks are slices made one at a time, so memory beyond the text is bounded by
    ``max_chars``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from kg.errors import KGError

__all__ = ["split_text", "without_long_runs", "MAX_RUN"]

_NON_SPACE = re.compile(r"\S")
# Greedy: matches up to the last whitespace character before ``endpos``.
_UP_TO_LAST_SPACE = re.compile(r".*\s", re.S)
# The end of a sentence: group 1 ends where the chunk ends.
_SENTENCE_END = re.compile(r"([.!?…][\"'”’»)\]]*)\s+(?=[A-ZÀ-ÖØ-Þ\"'“‘«\u2014-])")
# How far past the window a sentence end may look for the upper-case letter that confirms it.
_LOOKAHEAD = 64


def split_text(text: str, *, max_chars: int) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, chunk)`` pieces of ``text``, each at most ``max_chars`` long.

    Parameters
    ----------
    text : str
        The text to split.
    max_chars : int
        The longest chunk allowed (at least 1).

    Yields
    ------
    tuple of (int, str)
        The offset of the chunk in ``text`` and the chunk, in text order.

    Raises
    ------
    KGError
        ``max_chars`` is not a positive integer.

    Examples
    --------
    >>> text = "O PyTorch muda de casa. A Linux Foundation vai geri-lo.\\n\\nA Meta continua."
    >>> list(split_text(text, max_chars=40))
    [(0, 'O PyTorch muda de casa.'), (24, 'A Linux Foundation vai geri-lo.'), (57, 'A Meta continua.')]
    >>> list(split_text("abcdefg", max_chars=3))
    [(0, 'abc'), (3, 'def'), (6, 'g')]
    """
    if isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars < 1:
        raise KGError(f"max_chars must be a positive integer, got {max_chars!r}")
    return _split(text, max_chars)


def _split(text: str, max_chars: int) -> Iterator[tuple[int, str]]:
    length = len(text)
    start = _next_non_space(text, 0)
    while start < length:
        limit = start + max_chars
        if limit >= length:
            yield start, text[start:].rstrip()
            return
        end = _cut(text, start, limit)
        yield start, text[start:end].rstrip()
        start = _next_non_space(text, end)


def _cut(text: str, start: int, limit: int) -> int:
    """Where the chunk starting at ``start`` (a non-space) ends: a position in ``start + 1 .. limit``."""
    for separator in ("\n\n", "\n"):
        found = text.rfind(separator, start + 1, limit + len(separator))
        if found > start:
            return found
    sentence_end = None
    for match in _SENTENCE_END.finditer(text, start, limit + _LOOKAHEAD):
        if match.end(1) > limit:
            break
        sentence_end = match.end(1)
    if sentence_end is not None:
        return sentence_end
    space = _UP_TO_LAST_SPACE.match(text, start, limit + 1)
    if space is not None:
        return space.end() - 1
    return limit


def _next_non_space(text: str, position: int) -> int:
    match = _NON_SPACE.search(text, position)
    return match.start() if match else len(text)


#: Longest run of characters without white space handed to spaCy. Its tokenizer strips prefix
#: punctuation one character at a time and searches the rest again each time (spaCy issues
#: #1768, #4362): a run of 100,000 "!" takes it about 25 minutes. No sentence has such a run.
MAX_RUN = 300

_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN + 1))


def without_long_runs(pieces: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """Cut runs of more than ``MAX_RUN`` characters without white space out of ``(offset, text)``
    pieces; the rest keeps its exact offsets.

    Examples
    --------
    >>> text = "Uma frase. " + "!" * 400 + " Outra frase."
    >>> [(offset, piece) for offset, piece in without_long_runs([(0, text)])]
    [(0, 'Uma frase.'), (412, 'Outra frase.')]
    """
    for offset, text in pieces:
        start = 0
        for match in _LONG_RUN.finditer(text):
            piece = text[start : match.start()]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                yield offset + start + lead, piece.strip()
            start = match.end()
        piece = text[start:]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            yield offset + start + lead, piece.strip()
