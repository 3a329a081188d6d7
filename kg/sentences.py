"""Sentence boundaries only where the text can end a sentence.

Stage: NLP (spaCy component ``kg_sentence_starts``, before the parser). Input: a tokenized Doc.
Output: ``token.is_sent_start = False`` on every token that follows neither sentence-final
punctuation nor a line break, and ``True`` on the first word of a line whose previous line ends
with sentence-final punctuation.

The parser places sentence boundaries itself and, trained on treebank sentences, often cuts
news sentences at quotes and brackets ('um modelo chamado "Cybertruck" (algo como ...)'), which
separates a verb from its object. A boundary the parser may still place is left to it, except
after a line that ends a sentence: the line break then goes with that sentence, and the parser
cannot take it for a word of the next one (it has never seen a line break in training).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["SentenceStarts"]

#: Punctuation that can end a sentence; closing quotes and brackets may follow it.
_FINAL = frozenset({".", "!", "?", "…", ":", ";"})
_CLOSING = frozenset({'"', "'", "”", "’", "»", ")", "]"})


class SentenceStarts:
    """spaCy component ``kg_sentence_starts``: forbids sentence starts inside a sentence and sets
    one after a line that ends a sentence."""

    def __call__(self, doc: Doc) -> Doc:
        can_start = True  # a sentence may start here: after final punctuation or a line break
        ended = False  # the last word ended a sentence, closing quotes and brackets aside
        must_start = False  # a line break came after a word that ended a sentence
        for token in doc:
            if token.is_space:  # spaCy keeps a line break as a space token, never as trailing whitespace
                if "\n" in token.text:
                    can_start = True
                    must_start = must_start or ended
                continue
            if token.i > 0 and (must_start or not can_start):
                token.is_sent_start = must_start
            closing = token.text in _CLOSING
            ended = token.text[-1] in _FINAL or (ended and closing)
            can_start = ended or (can_start and closing)
            must_start = False
        return doc


@Language.factory("kg_sentence_starts", assigns=["token.is_sent_start"])
def make_sentence_starts(nlp: Language, name: str) -> SentenceStarts:
    return SentenceStarts()
