"""Hand-built parsed Docs for stage tests, so most tests need no trained model (as spaCy's own tests do)."""

from __future__ import annotations

import functools

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

import kg.entities  # noqa: F401  (registers kg_entities)
import kg.relations  # noqa: F401  (registers kg_relations)
from kg.pipeline import BUNDLED_MODEL

#: For tests that run the bundled pipeline: they skip, saying so, where it has not been trained.
needs_model = pytest.mark.skipif(
    not (BUNDLED_MODEL / "meta.json").exists(), reason="no bundled pipeline: python -m kg.train --install"
)


@functools.cache
def blank() -> Language:
    """A blank Portuguese pipeline with kg's components, for Docs parsed by hand."""
    nlp = spacy.blank("pt")
    nlp.add_pipe("kg_entities")
    nlp.add_pipe("kg_relations")
    return nlp


def parsed(rows: list[tuple], ents: list[tuple[int, int, str]] = ()) -> Doc:
    """A Doc from rows ``(word, pos, head, dep[, lemma])`` (heads are absolute indices) and NER spans."""
    nlp = blank()
    words = [r[0] for r in rows]
    spaces = [
        i + 1 < len(rows) and words[i] != "(" and (rows[i + 1][1] != "PUNCT" or words[i + 1] == "(")
        for i in range(len(rows))
    ]
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=spaces,
        pos=[r[1] for r in rows],
        heads=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        lemmas=[r[4] if len(r) > 4 else r[0].lower() for r in rows],
    )
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return doc


def annotate(doc: Doc) -> Doc:
    """Run kg's own components over a hand-parsed Doc."""
    nlp = blank()
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc
